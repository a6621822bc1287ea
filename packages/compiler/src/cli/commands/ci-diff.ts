import { gateSummaries, renderDiffHuman, renderDiffJson, renderDiffMarkdown, summaryText } from '../../diff/index.js';
import type { CompileResult } from '../../program/index.js';
import { finishDiff, prepareDiff, type PreparedDiff } from '../../project/index.js';
import { UsageError, type CliIO } from '../cli-io.js';
import type { Style } from '../output/terminal.js';
import { diffHost, diffInputProblem, parseGates } from './diff-command.js';
import type { CiDiff } from './ci-report.js';
import { gateAnnotations } from '../report/index.js';

/**
 * Prepares `permset diff BASE` for `permset ci --base` before anything else runs: a revision git
 * cannot give, a malformed gate or allowlist is a usage error of `ci` (exit 2), as it is of
 * `diff`, and nothing has been checked or written yet.
 */
export function prepareCiDiff(
  io: CliIO,
  options: { base: string; dir: string; failOn: string[]; allow: string | undefined },
): PreparedDiff {
  const gates = parseGates(options.failOn);
  return asUsage(io, options.dir, () =>
    prepareDiff(diffHost(io), {
      base: options.base,
      dir: options.dir,
      gates,
      ...(options.allow !== undefined ? { allow: options.allow } : {}),
    }),
  );
}

/**
 * Diffs the prepared BASE with the working tree `ci` has already checked (`head`): the report's
 * part, and the GitHub annotations of the changes that tripped a gate (printed only on Actions).
 */
export function runCiDiff(
  io: CliIO,
  prepared: PreparedDiff,
  head: CompileResult,
  style: Style,
): { report: CiDiff; annotations: string } {
  const run = asUsage(io, prepared.options.dir, () => finishDiff(diffHost(io), prepared, head));
  const report: CiDiff = {
    summary: summaryText(run.diff.summary),
    human: renderDiffHuman(run.diff, style, run.gates),
    markdown: renderDiffMarkdown(run.diff, run.gates),
    gates: gateSummaries(run.gates),
    result: JSON.parse(renderDiffJson(run.diff, run.gates)) as unknown,
  };
  return { report, annotations: gateAnnotations(run.gates.tripped, run.base.label) };
}

function asUsage<T>(io: CliIO, dir: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    const message = diffInputProblem(io, e, dir);
    if (message !== undefined) throw new UsageError(message);
    throw e;
  }
}
