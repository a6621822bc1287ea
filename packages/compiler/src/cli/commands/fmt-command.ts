import { structuredPatch } from 'diff';
import { formatPolicyText } from '../../format/index.js';
import { decodeSource } from '../../load/index.js';
import { absolutePath, displayPath, readPolicyFolder } from '../../project/index.js';
import { ExitCode, UsageError } from '../cli-io.js';
import { defineCommand } from '../command-table.js';
import { safeText, type Style } from '../output/terminal.js';

/** `permset fmt --help`. */
export const FMT_USAGE = `Usage: permset fmt [DIR] [options]

Formats every *.yaml / *.yml policy file under DIR (default: policies) in the canonical style:
keys in the schema's order, 2-space indentation, quotes only where needed (always around
patterns with '*'), comments kept. Files with YAML errors are left alone.

Options:
  --dir DIR     The policy folder, as an option (the same as DIR).
  --check       Change nothing; print what would change (a unified diff per file) and exit 1
                if any file needs formatting.
  --stdin       Format the text on standard input and print it (DIR is ignored).
  --no-color    Never colour the diff.
  -h, --help    Show this help.

Exit status: 0 when done (or, with --check, when every file is formatted), 1 when --check finds
files to format, 2 for a usage error.`;

/**
 * `permset fmt`: rewrites policy files in the canonical format (see `formatPolicyText`), or with
 * `--check` prints what would change, for CI.
 */
export const fmtCommand = defineCommand({
  name: 'fmt',
  synopsis: 'fmt [DIR]',
  summary: 'Format the policy files in DIR canonically (--check for CI).',
  help: FMT_USAGE,
  dirAt: 0,
  options: {
    check: { type: 'boolean', default: false },
    stdin: { type: 'boolean', default: false },
  },
  async run({ values, dir, dirGiven, style, io }) {
    if (values.stdin) {
      if (dirGiven) throw new UsageError('--stdin formats standard input; it takes no directory');
      if (!io.readStdin) throw new UsageError('this environment has no standard input');
      const result = formatPolicyText(await io.readStdin());
      io.stdout(result.text);
      if (result.skipped === 'yaml-errors')
        io.stderr('permset fmt: the input has YAML errors; it is printed unchanged.\n');
      return values.check && result.changed ? ExitCode.Failure : ExitCode.Ok;
    }
    if (!values.check && !io.writeFile) throw new UsageError('this environment cannot write files');

    const root = displayPath(io.cwd, dir);
    const realOf = (p: string) => absolutePath(io.cwd, p);
    const collected = readPolicyFolder(io.fs, realOf(root), root);
    for (const p of collected.problems) io.stderr(`${p.uri}: ${p.message}\n`);
    const changed: string[] = [];
    let skipped = 0;
    for (const source of collected.sources) {
      const decoded = decodeSource(source.uri, source.bytes!);
      if (decoded.problems.length > 0) {
        io.stderr(`${source.uri}: not valid UTF-8; left unchanged.\n`);
        skipped++;
        continue;
      }
      const result = formatPolicyText(decoded.text);
      if (result.skipped === 'yaml-errors') {
        io.stderr(`${source.uri}: has YAML errors (see 'permset check'); left unchanged.\n`);
        skipped++;
        continue;
      }
      if (!result.changed) continue;
      changed.push(source.uri);
      if (values.check) io.stdout(unifiedDiff(source.uri, decoded.text, result.text, style));
      else {
        io.writeFile!(realOf(source.uri), result.text);
        io.stdout(`formatted ${source.uri}\n`);
      }
    }
    const total = collected.sources.length;
    // A missing or unreadable directory is a failure, not "nothing to format".
    if (total === 0 && collected.problems.length > 0) return ExitCode.Failure;
    const left = skipped > 0 ? `, ${skipped} left unchanged` : '';
    if (values.check) {
      const all = total === 1 ? 'The 1 file is formatted' : `All ${total} files are formatted`;
      io.stdout(
        changed.length === 0
          ? `${all}${left}.\n`
          : `${changed.length} of ${total} ${total === 1 ? 'file needs' : 'files need'} formatting${left} (run 'permset fmt').\n`,
      );
      return changed.length > 0 ? ExitCode.Failure : ExitCode.Ok;
    }
    io.stdout(`Formatted ${changed.length} of ${total} ${total === 1 ? 'file' : 'files'}${left}.\n`);
    return ExitCode.Ok;
  },
});

/**
 * What formatting would change in a file, as `git diff` prints it (`--- a/…`, `+++ b/…`, hunks
 * with 3 lines of context), so a CI log shows the fix and `git apply` can apply it.
 */
export function unifiedDiff(file: string, before: string, after: string, style: Style): string {
  const patch = structuredPatch(`a/${file}`, `b/${file}`, before, after, undefined, undefined, { context: 3 });
  const out = [style.bold(`--- ${safeText(patch.oldFileName)}`), style.bold(`+++ ${safeText(patch.newFileName)}`)];
  for (const h of patch.hunks) {
    out.push(style.cyan(`@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`));
    for (const line of h.lines)
      out.push(
        line.startsWith('+')
          ? style.green(safeText(line))
          : line.startsWith('-')
            ? style.red(safeText(line))
            : safeText(line),
      );
  }
  return out.join('\n') + '\n';
}
