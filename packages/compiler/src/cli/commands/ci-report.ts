import type { TestRunReport } from '../../project/index.js';

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

/** Everything one `permset ci` run found; `--json` writes it. */
export interface CiReport {
  version: string;
  check: { diagnostics: unknown[]; summary: { errors: number; warnings: number } };
  test?: TestRunReport;
  diff?: CiDiff;
  gates: { name: string; tripped: boolean; detail: string }[];
  exitCode: number;
}
