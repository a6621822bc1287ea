import { parseGate, renderDiffHuman, renderDiffJson, renderDiffMarkdown, type Gate } from '../../diff/index.js';
import { NODE_GIT } from '../../node/index.js';
import {
  OutsideRepositoryError,
  ProjectInputError,
  diffRevisions,
  errorsOf,
  type DiffHost,
  type DiffInput,
  type DiffRun,
} from '../../project/index.js';
import { ExitCode, UsageError, type CliIO } from '../cli-io.js';
import { defineCommand, wholeNumber } from '../command-table.js';
import { formatLocation } from '../output/human-format.js';
import { safeText } from '../output/terminal.js';

/** The help text of `permset diff`. */
export const DIFF_USAGE = `Usage: permset diff BASE [HEAD] [options]

Compares the effective access of two versions of the policies: per permission set, every
permission gained, lost, widened, narrowed or whose condition changed, with the line that
causes it; sets added, removed, renamed or re-based; catalog changes. Changes that touch
sensitive permissions, free (client) seats or sets many others extend are flagged.

BASE and HEAD are git revisions (read from git's objects, no checkout) or directories.
HEAD defaults to the working tree. A directory is the policy folder itself, or a checkout
that holds one (DIR/policies, see --dir).

Options:
  --dir DIR              The policy folder (default: policies), relative to the working
                         directory; inside a revision, the same path in the repository.
                         (BASE and HEAD take the positions, so the folder is only --dir.)
  --format human|md|json Output format (default: human). md is a pull-request comment.
  --fail-on GATE         Exit 1 when the diff has: gain (any new access), loss, change
                         (anything), or GAIN:PATTERN etc. for matching permissions only,
                         e.g. gain:cost_rates.* (repeatable).
  --allow FILE           An allowlist of intended changes: a YAML or JSON list of
                         { set, permission, change, reason } (see docs/diff.md). An
                         entry naming a set or permission neither side has is an error.
  --many N               Flag sets with at least N descendant sets (default: 3).
  --no-color             Never colour the output.
  -h, --help             Show this help.

Exit status: 0 no gate tripped, 1 a gate tripped, 2 usage error (a bad revision, a
malformed or stale allowlist).`;

/** `permset diff BASE [HEAD]`. */
export const diffCommand = defineCommand({
  name: 'diff',
  synopsis: 'diff BASE [HEAD]',
  summary: 'Compare effective access between git revisions or directories (gates for CI).',
  help: DIFF_USAGE,
  options: {
    format: { type: 'string', default: 'human', choices: ['human', 'md', 'json'] },
    'fail-on': { type: 'string', multiple: true },
    allow: { type: 'string' },
    many: { type: 'string' },
  },
  run({ values, args, dir, style, io }) {
    if (args.length === 0) throw new UsageError('diff needs BASE: a git revision or a directory');
    if (args.length > 2)
      throw new UsageError(`diff takes BASE and HEAD, got ${args.length} arguments: ${args.join(' ')}`);
    const gates = parseGates(values['fail-on'] ?? []);
    const many = wholeNumber(values.many, '--many', 1);
    let run: DiffRun;
    try {
      run = diffRevisions(diffHost(io), {
        base: args[0]!,
        ...(args[1] !== undefined ? { head: args[1] } : {}),
        dir,
        gates,
        ...(values.allow !== undefined ? { allow: values.allow } : {}),
        ...(many !== undefined ? { many } : {}),
      });
    } catch (e) {
      const message = diffInputProblem(io, e, dir);
      if (message === undefined) throw e;
      io.stderr(`permset diff: ${safeText(message)}\n`);
      return ExitCode.Usage;
    }
    reportErrors(io, 'BASE', run.base, 'comparing what compiles');
    reportErrors(io, 'HEAD', run.head, 'run permset check for details');
    if (values.format === 'json') io.stdout(renderDiffJson(run.diff, run.gates));
    else if (values.format === 'md') io.stdout(renderDiffMarkdown(run.diff, run.gates));
    else io.stdout(renderDiffHuman(run.diff, style, run.gates));
    return run.gates.failed ? ExitCode.Failure : ExitCode.Ok;
  },
});

/** The CLI as the diff use case's host: its files, and git (the executable unless a test injects another). */
export function diffHost(io: CliIO): DiffHost {
  return { ...io, git: io.git ?? NODE_GIT };
}

/** `--fail-on` values as gates; a malformed one is a usage error. */
export function parseGates(texts: readonly string[]): Gate[] {
  return texts.map((text) => {
    const g = parseGate(text);
    if (typeof g === 'string') throw new UsageError(g);
    return g;
  });
}

/**
 * What a diff could not read, as one line for people (git's reason, a malformed allowlist, a
 * gate that can never trip), or undefined for any other error. A folder outside the repository
 * is a mistake on the command line: a usage error.
 */
export function diffInputProblem(io: CliIO, e: unknown, dir: string): string | undefined {
  if (e instanceof OutsideRepositoryError)
    throw new UsageError(`--dir '${dir}' is outside the git repository at ${e.repositoryRoot}`);
  if (e instanceof ProjectInputError || (io.git ?? NODE_GIT).isGitError(e)) return (e as Error).message;
  return undefined;
}

/** Lists a side's errors on stderr (stdout is the report), briefly: `permset check` has the details. */
function reportErrors(io: CliIO, name: string, side: DiffInput, what: string): void {
  const errors = errorsOf(side);
  if (!errors.length) return;
  io.stderr(
    `permset diff: ${name} (${safeText(side.label)}) has ${errors.length} error${errors.length === 1 ? '' : 's'}; ${what}.\n`,
  );
  for (const d of errors.slice(0, 20))
    io.stderr(
      `  ${formatLocation(d.uri, d.range.start.line, d.range.start.character)} ${d.code} ${safeText(d.message)}\n`,
    );
  if (errors.length > 20) io.stderr(`  … and ${errors.length - 20} more\n`);
}
