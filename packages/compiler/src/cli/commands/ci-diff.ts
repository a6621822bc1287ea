import { UsageError, type CliIO } from '../cli-io.js';
import type { Style } from '../output/terminal.js';

/** What `permset ci --base` reports of the diff. */
export interface CiDiff {
  summary: string;
  human: string;
  markdown: string;
  gates: { name: string; tripped: boolean; detail: string }[];
  result: unknown;
}

/** Runs `permset diff` for `permset ci --base` (wired to the diff module). */
export function runCiDiff(io: CliIO, options: { base: string; dir: string; failOn: string[]; allow: string | undefined; style: Style }): CiDiff {
  void io;
  void options;
  throw new UsageError('--base is not available yet');
}
