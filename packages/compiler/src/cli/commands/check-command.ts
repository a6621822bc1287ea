import { parseArgs } from 'node:util';
import { formatDiagnostic, formatSummary } from '../output/human-format.js';
import { formatJson } from '../output/json-format.js';
import { makeStyle, useColor } from '../output/terminal.js';
import { ExitCode, UsageError, type CliIO } from '../cli-io.js';
import { displayPath, loadProject } from '../load-project.js';

export const CHECK_USAGE = `Usage: permset check [DIR] [options]

Validates, resolves and checks every *.yaml / *.yml policy file under DIR (default: policies).

Options:
  --format human|json   Output format (default: human). json prints the spec's report object.
  --max-warnings N      Exit 1 when there are more than N warnings (default: no limit).
  --no-color            Never colour the output (colour is used only on a terminal anyway).
  -h, --help            Show this help.

Exit status: 0 without errors, 1 with errors (or too many warnings), 2 for a usage error.`;

/** `permset check`: the compiler's diagnostics for a policy directory. */
export function checkCommand(args: string[], io: CliIO): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'human' },
      'max-warnings': { type: 'string' },
      'no-color': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.stdout(CHECK_USAGE + '\n');
    return ExitCode.Ok;
  }
  if (positionals.length > 1) throw new UsageError(`check takes one directory, got ${positionals.length}: ${positionals.join(' ')}`);
  if (values.format !== 'human' && values.format !== 'json') throw new UsageError(`--format must be human or json, not '${values.format}'`);
  let maxWarnings = Number.POSITIVE_INFINITY;
  if (values['max-warnings'] !== undefined) {
    maxWarnings = Number(values['max-warnings']);
    if (!Number.isInteger(maxWarnings) || maxWarnings < 0) throw new UsageError(`--max-warnings takes a whole number >= 0, not '${values['max-warnings']}'`);
  }
  const dir = positionals[0] ?? 'policies';
  const result = loadProject(io, dir);
  const errors = result.diagnostics.filter((d) => d.severity === 1).length;
  const warnings = result.diagnostics.filter((d) => d.severity === 2).length;
  if (values.format === 'json') {
    io.stdout(formatJson(result.diagnostics) + '\n');
  } else {
    const style = makeStyle(!values['no-color'] && useColor(io.isTTY, io.env));
    for (const d of result.diagnostics) io.stdout(formatDiagnostic(d, result.files.get(d.uri), style) + '\n\n');
    io.stdout(formatSummary(errors, warnings, result.files.size, style) + (warnings > maxWarnings ? ` More than --max-warnings ${maxWarnings}.` : '') + '\n');
    // Most often a first run in a project that has no policies yet.
    if (result.files.size === 0) io.stdout(`No policy files in '${displayPath(io.cwd, dir)}'. To start a project, run: npx permset init (permset init --help for what it writes).\n`);
  }
  return errors > 0 || warnings > maxWarnings ? ExitCode.Failure : ExitCode.Ok;
}
