import { didYouMean, didYouMeanSuffix } from '../../diagnostics/index.js';
import { previewSet, type SetPreview } from '../../emit/index.js';
import { buildPolicyModel, type ModelLocation } from '../../policy-model/index.js';
import type { CompileResult } from '../../program/index.js';
import { checkCustomSetsFile, compileFolder, displayPath } from '../../project/index.js';
import { ExitCode, UsageError, type CliIO } from '../cli-io.js';
import { defineCommand } from '../command-table.js';
import { safeText, type Style } from '../output/terminal.js';
import { readText } from './check-command.js';
import { printDiagnostics } from './print-diagnostics.js';

// The preview's data types, for code that reads `permset preview --format json`.
export type { PreviewPermission, PreviewScope, SetPreview } from '../../emit/index.js';

/** The help text of `permset preview` (also printed with a usage error). */
export const PREVIEW_USAGE = `Usage: permset preview SET [DIR] [options]

"Try it out": what a user with permission set SET can do, grouped by area, with each granted
scope in plain words (the catalog's scope labels), its extra conditions, and where each grant
comes from (the set itself, a base set, a fragment; with file:line).

Options:
  --dir DIR             The policy folder (default: policies); or give it as DIR.
  --custom-sets FILE    SET may be a definition of this JSON file (what withCustomSets takes).
  --format human|json   Output format (default: human).
  --no-color            Never colour the output.
  -h, --help            Show this help.

Exit status: 0 on success, 1 when the policies have errors, 2 for a usage error (such as an
unknown set).`;

/** `permset preview`: what a set can do, by area, in plain words. */
export const previewCommand = defineCommand({
  name: 'preview',
  synopsis: 'preview SET [DIR]',
  summary: 'What a user with the set can do, by area, in plain words ("Try it out").',
  help: PREVIEW_USAGE,
  dirAt: 1,
  options: {
    'custom-sets': { type: 'string' },
    format: { type: 'string', default: 'human', choices: ['human', 'json'] },
  },
  run({ values, args, dir, style, io }) {
    if (args.length !== 1) throw new UsageError(`preview takes one set, got ${args.length} arguments`);
    const { result } = compileFolder(io, dir);
    if (result.hasErrors) {
      printDiagnostics(result, io, { noColor: values['no-color'] });
      io.stderr('permset preview: fix the errors above first.\n');
      return ExitCode.Failure;
    }
    const id = args[0]!;
    if (values['custom-sets'] !== undefined)
      return previewCustomSet(io, result, values['custom-sets'], id, values.format, style);
    const model = buildPolicyModel(result);
    const set = model.sets.find((s) => s.id === id);
    if (!set)
      throw new UsageError(
        `Unknown permission set '${id}'.${didYouMeanSuffix(
          didYouMean(
            id,
            model.sets.map((s) => s.id),
          ),
        )}`,
      );
    const preview = previewSet(model, set);
    io.stdout(values.format === 'json' ? JSON.stringify(preview, null, 2) + '\n' : formatPreview(preview, style));
    return ExitCode.Ok;
  },
});

/** `preview SET --custom-sets FILE`: SET from the file (or a built set); a definition with errors shows them, exit 1. */
function previewCustomSet(
  io: CliIO,
  result: CompileResult,
  file: string,
  id: string,
  format: string,
  style: Style,
): number {
  const shown = displayPath(io.cwd, file);
  const checked = checkCustomSetsFile(result, readText(io, file, shown), shown);
  const preview = checked.preview(id);
  if (!preview) {
    const own = checked.diagnostics.filter((d) => d.set === id || d.path === '');
    if (own.length === 0)
      throw new UsageError(`Unknown permission set '${id}': neither a built set nor a definition of ${shown}.`);
    for (const d of own) io.stderr(`${shown}#${d.path} ${d.severity} ${d.code} ${safeText(d.message)}\n`);
    io.stderr(
      `permset preview: '${safeText(id)}' has errors; fix them first (permset check --custom-sets ${shown}).\n`,
    );
    return ExitCode.Failure;
  }
  io.stdout(format === 'json' ? JSON.stringify(preview, null, 2) + '\n' : formatPreview(preview, style));
  return ExitCode.Ok;
}

const where = (l: ModelLocation) => `${l.file}:${l.line}:${l.column}`;

/** The preview for people. */
export function formatPreview(p: SetPreview, style: Style): string {
  const t = safeText;
  const lines: string[] = [];
  const s = p.set;
  lines.push(`${style.bold(t(s.name))} ${style.dim(`(${t(s.id)})`)}`);
  const facts = [s.system ? 'system set' : 'custom set'];
  if (s.seat)
    facts.push(`seat ${t(s.seatLabel ?? s.seat)}${s.paid === undefined ? '' : s.paid ? ' (paid)' : ' (free)'}`);
  if (s.extends) facts.push(`extends ${t(s.extends)}`);
  if (s.include.length) facts.push(`includes ${s.include.map(t).join(', ')}`);
  if (s.restrict) facts.push(`restrict: ${t(s.restrict)}`);
  lines.push(`  ${facts.join(' · ')}`);
  lines.push(`  ${style.cyan(t(where(s)))}`);
  for (const area of p.areas) {
    lines.push(
      '',
      `${style.bold(t(area.label))} ${style.dim(`— ${area.granted} of ${area.total} permission${area.total === 1 ? '' : 's'}`)}`,
    );
    for (const perm of area.permissions) {
      lines.push(
        `  ${style.green('✔')} ${t(perm.label)} ${style.dim(t(perm.id))}${perm.sensitive ? ` ${style.yellow('sensitive')}` : ''}`,
      );
      for (const sc of perm.scopes)
        lines.push(
          `      ${t(sc.label)} ${style.dim(`(${t(sc.scope)})`)}${sc.when ? `, only when ${t(sc.when)}` : ''}`,
        );
      const from = perm.origin === 'granted here' ? 'granted here' : perm.origin;
      lines.push(`      ${style.dim(`${t(from)} at ${t(where(perm.source))}`)}`);
      if (perm.restricted)
        lines.push(
          `      ${style.dim(`narrowed from ${t(perm.restricted.from.join(', '))} to ${t(perm.restricted.scope)} by restrict at ${t(where(perm.restricted))}`)}`,
        );
    }
  }
  if (p.removed.length) {
    lines.push('', style.bold('Removed with none'));
    for (const r of p.removed) {
      const by = `${r.source.kind} ${r.source.id}${r.source.key === r.id ? '' : ` (${r.source.key})`}`;
      lines.push(
        `  ${style.red('✘')} ${t(r.label)} ${style.dim(t(r.id))}`,
        `      ${style.dim(`by ${t(by)} at ${t(where(r.source))}${r.chain.includes('←') ? `, through ${t(r.chain)}` : ''}`)}`,
      );
    }
  }
  if (p.notGranted.length) lines.push('', `${style.bold('Nothing in')} ${p.notGranted.map(t).join(', ')}`);
  const sum = p.summary;
  lines.push(
    '',
    `${sum.permissions} of ${sum.totalPermissions} permissions in ${sum.areas} of ${sum.totalAreas} areas.`,
  );
  return lines.join('\n') + '\n';
}
