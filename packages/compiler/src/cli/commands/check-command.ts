import { resolve } from 'node:path';
import type { CompileResult } from '../../program/index.js';
import { checkCustomSetsFile, compileFolder, displayPath } from '../../project/index.js';
import { ExitCode, UsageError, type CliIO } from '../cli-io.js';
import { defineCommand, wholeNumber } from '../command-table.js';
import { formatDiagnostic, formatSummary } from '../output/human-format.js';
import { formatJson } from '../output/json-format.js';
import { makeStyle, safeText, useColor } from '../output/terminal.js';
import { printDiagnostics } from './print-diagnostics.js';

/** `permset check --help`. */
export const CHECK_USAGE = `Usage: permset check [DIR] [options]

Validates, resolves and checks every *.yaml / *.yml policy file under DIR (default: policies).
With --custom-sets, checks the custom set definitions of a JSON file (what withCustomSets takes,
exported from a product) against those policies instead: the same diagnostics, at JSON Pointers.

Options:
  --dir DIR             The policy folder, as an option (the same as DIR).
  --custom-sets FILE    A JSON array of custom set definitions to check (docs/custom-sets.md).
  --grantor SET         With --custom-sets: nothing may exceed what set SET can do.
  --format human|json   Output format (default: human). json prints the spec's report object.
  --max-warnings N      Exit 1 when there are more than N warnings (default: no limit).
  --no-color            Never colour the output (colour is used only on a terminal anyway).
  -h, --help            Show this help.

Exit status: 0 without errors, 1 with errors (or too many warnings), 2 for a usage error.`;

/** `permset check`: the compiler's diagnostics for a policy directory. */
export const checkCommand = defineCommand({
  name: 'check',
  synopsis: 'check [DIR]',
  summary: 'Validate and check the policies in DIR (default: policies).',
  help: CHECK_USAGE,
  dirAt: 0,
  options: {
    format: { type: 'string', default: 'human', choices: ['human', 'json'] },
    'max-warnings': { type: 'string' },
    'custom-sets': { type: 'string' },
    grantor: { type: 'string' },
  },
  run({ values, dir, style, io }) {
    const maxWarnings = wholeNumber(values['max-warnings'], '--max-warnings') ?? Number.POSITIVE_INFINITY;
    const { result } = compileFolder(io, dir);
    if (values.grantor !== undefined && values['custom-sets'] === undefined)
      throw new UsageError('--grantor needs --custom-sets');
    if (values['custom-sets'] !== undefined)
      return checkCustomSets(io, result, values['custom-sets'], {
        format: values.format,
        noColor: values['no-color'],
        maxWarnings,
        grantor: values.grantor,
      });
    const errors = result.diagnostics.filter((d) => d.severity === 1).length;
    const warnings = result.diagnostics.filter((d) => d.severity === 2).length;
    if (values.format === 'json') {
      io.stdout(formatJson(result.diagnostics) + '\n');
    } else {
      for (const d of result.diagnostics) io.stdout(formatDiagnostic(d, result.files.get(d.uri), style) + '\n\n');
      io.stdout(
        formatSummary(errors, warnings, result.files.size, style) +
          (warnings > maxWarnings ? ` More than --max-warnings ${maxWarnings}.` : '') +
          '\n',
      );
      // Most often a first run in a project that has no policies yet.
      if (result.files.size === 0)
        io.stdout(
          `No policy files in '${displayPath(io.cwd, dir)}'. To start a project, run: npx permset init (permset init --help for what it writes).\n`,
        );
    }
    return errors > 0 || warnings > maxWarnings ? ExitCode.Failure : ExitCode.Ok;
  },
});

/**
 * `check --custom-sets FILE`: the policies must be clean (definitions are checked against them);
 * then each diagnostic as `FILE#/pointer severity code message (set id)`, or the array as JSON.
 */
function checkCustomSets(
  io: CliIO,
  result: CompileResult,
  file: string,
  o: { format: string; noColor: boolean; maxWarnings: number; grantor: string | undefined },
): number {
  if (result.hasErrors) {
    printDiagnostics(result, io, { noColor: o.noColor });
    io.stderr('permset check: the policies have errors; fix them before checking custom sets.\n');
    return ExitCode.Failure;
  }
  const shown = displayPath(io.cwd, file);
  const text = readText(io, file, shown);
  const checked = checkCustomSetsFile(result, text, shown, o.grantor === undefined ? {} : { grantor: o.grantor });
  if (o.format === 'json') io.stdout(JSON.stringify(checked.diagnostics, null, 2) + '\n');
  else {
    const style = makeStyle(!o.noColor && useColor(io.isTTY, io.env));
    for (const d of checked.diagnostics) {
      const severity = d.severity === 'error' ? style.red('error') : style.yellow('warning');
      io.stdout(
        `${style.cyan(`${safeText(shown)}#${safeText(d.path)}`)} ${severity} ${style.dim(d.code)} ${safeText(d.message)}${d.set !== undefined ? style.dim(` (set ${safeText(d.set)})`) : ''}\n`,
      );
    }
    io.stdout(
      formatSummary(checked.errors, checked.warnings, 1, style) +
        (checked.warnings > o.maxWarnings ? ` More than --max-warnings ${o.maxWarnings}.` : '') +
        '\n',
    );
  }
  return checked.errors > 0 || checked.warnings > o.maxWarnings ? ExitCode.Failure : ExitCode.Ok;
}

/** A file given on the command line, as text; unreadable is a usage error (exit 2). */
export function readText(io: CliIO, file: string, shown: string): string {
  try {
    return new TextDecoder().decode(io.fs.readFile(resolve(io.cwd, file)));
  } catch (e) {
    throw new UsageError(`cannot read '${shown}': ${(e as Error).message}`);
  }
}
