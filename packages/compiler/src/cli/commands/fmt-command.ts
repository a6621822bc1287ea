import { isAbsolute, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { FileSystem } from '../../fs/index.js';
import { collectSources } from '../../fs/index.js';
import { formatPolicyText } from '../../format/index.js';
import { decodeSource } from '../../load/index.js';
import { ExitCode, UsageError, type CliIO } from '../cli-io.js';
import { displayPath } from '../load-project.js';

/** `permset fmt --help`. */
export const FMT_USAGE = `Usage: permset fmt [DIR] [options]

Formats every *.yaml / *.yml policy file under DIR (default: policies) in the canonical style:
keys in the schema's order, 2-space indentation, quotes only where needed (always around
patterns with '*'), comments kept. Files with YAML errors are left alone.

Options:
  --check       Change nothing; list the files that are not formatted and exit 1 if any.
  --stdin       Format the text on standard input and print it (DIR is ignored).
  -h, --help    Show this help.

Exit status: 0 when done (or, with --check, when every file is formatted), 1 when --check finds
files to format, 2 for a usage error.`;

/** How `permset fmt` reads standard input (injected so tests can pass text). */
export type ReadStdin = () => Promise<string>;

/**
 * `permset fmt`: rewrites policy files in the canonical format (see `formatPolicyText`), or with
 * `--check` lists those that would change, for CI.
 */
export async function fmtCommand(args: string[], io: CliIO, readStdin: ReadStdin = readProcessStdin): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      check: { type: 'boolean', default: false },
      stdin: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.stdout(FMT_USAGE + '\n');
    return ExitCode.Ok;
  }
  if (positionals.length > 1) throw new UsageError(`fmt takes one directory, got ${positionals.length}: ${positionals.join(' ')}`);
  if (values.stdin) {
    if (positionals.length > 0) throw new UsageError('--stdin formats standard input; it takes no directory');
    const text = await readStdin();
    const result = formatPolicyText(text);
    io.stdout(result.text);
    if (result.skipped === 'yaml-errors') io.stderr('permset fmt: the input has YAML errors; it is printed unchanged.\n');
    return values.check && result.changed ? ExitCode.Failure : ExitCode.Ok;
  }
  if (!values.check && !io.writeFile) throw new Error('this environment cannot write files');

  const root = displayPath(io.cwd, positionals[0] ?? 'policies');
  const realOf = (p: string) => (isAbsolute(p) ? p : resolve(io.cwd, p));
  const collected = collectSources(atCwd(io.fs, realOf), root);
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
    if (values.check) io.stdout(`${source.uri}\n`);
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
    io.stdout(changed.length === 0 ? `${all}${left}.\n` : `${changed.length} of ${total} ${total === 1 ? 'file needs' : 'files need'} formatting${left} (run 'permset fmt').\n`);
    return changed.length > 0 ? ExitCode.Failure : ExitCode.Ok;
  }
  io.stdout(`Formatted ${changed.length} of ${total} ${total === 1 ? 'file' : 'files'}${left}.\n`);
  return ExitCode.Ok;
}

/** The CLI's file system with names relative to the working directory, as `collectSources` reports them. */
function atCwd(fs: FileSystem, realOf: (p: string) => string): FileSystem {
  return {
    stat: (p) => fs.stat(realOf(p)),
    readDirectory: (p) => fs.readDirectory(realOf(p)),
    readFile: (p) => fs.readFile(realOf(p)),
    realPath: (p) => fs.realPath(realOf(p)),
  };
}

async function readProcessStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
