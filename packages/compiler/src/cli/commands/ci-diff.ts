import { gateSummaries, renderDiffHuman, renderDiffJson, renderDiffMarkdown, summaryText } from '../../diff/index.js';
import { GitError } from '../../node/git-file-system.js';
import { UsageError, type CliIO } from '../cli-io.js';
import type { Style } from '../output/terminal.js';
import type { CompileResult } from '../../program/index.js';
import { DiffInputError, finishDiff, prepareDiff, type PreparedDiff } from './diff-command.js';

/** What `permset ci --base` reports of the diff. */
export interface CiDiff {
  /** One line: how many sets gain, lose or change access. */
  summary: string;
  /** The diff as `permset diff` prints it. */
  human: string;
  /** The diff as a pull-request comment (also written to the GitHub job summary). */
  markdown: string;
  /** The `--fail-on` gates, each tripped or not, for the CI report's gate list. */
  gates: { name: string; tripped: boolean; detail: string }[];
  /** The diff in the shape of `permset diff --format json`. */
  result: unknown;
}

/**
 * Prepares `permset diff BASE` for `permset ci --base` before anything else runs: a revision git
 * cannot give, a malformed gate or allowlist is a usage error of `ci` (exit 2), as it is of
 * `diff`, and nothing has been checked or written yet.
 */
export function prepareCiDiff(io: CliIO, options: { base: string; dir: string; failOn: string[]; allow: string | undefined }): PreparedDiff {
  return asUsage(() => prepareDiff(io, { base: options.base, dir: options.dir, failOn: options.failOn, ...(options.allow !== undefined ? { allow: options.allow } : {}) }));
}

/** Diffs the prepared BASE with the working tree `ci` has already checked (`head`). */
export function runCiDiff(io: CliIO, prepared: PreparedDiff, head: CompileResult, style: Style): CiDiff {
  const run = asUsage(() => finishDiff(io, prepared, head));
  return {
    summary: summaryText(run.diff.summary),
    human: renderDiffHuman(run.diff, style, run.gates),
    markdown: renderDiffMarkdown(run.diff, run.gates),
    gates: gateSummaries(run.gates),
    result: JSON.parse(renderDiffJson(run.diff, run.gates)) as unknown,
  };
}

function asUsage<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof GitError || e instanceof DiffInputError) throw new UsageError(e.message);
    throw e;
  }
}
