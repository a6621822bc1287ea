import type { GitAccess, ProjectHost } from '../project/index.js';
import type { ProgressReporter } from './progress/progress-reporter.js';

/**
 * Everything a CLI command touches outside itself, injected so tests run commands in-process
 * and assert on exact output and exit codes. The use cases get it as their `ProjectHost`.
 */
export interface CliIO extends ProjectHost {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Readonly<Record<string, string | undefined>>;
  /** Whether stdout is a terminal (colours, and nothing else, depend on it). */
  isTTY: boolean;
  /**
   * Writes a set of files into a folder all together or not at all: they are written to a
   * temporary sibling folder first and then moved into place, so a failure (disk full, a
   * read-only folder) never leaves half a build behind. Other files in the folder are kept.
   */
  writeFiles?(dir: string, files: Readonly<Record<string, string>>): void;
  /** Appends to a file, creating it (GitHub's job summary is appended to, never replaced). */
  appendFile?(path: string, content: string): void;
  /** Reads all of standard input (`permset fmt --stdin`). */
  readStdin?(): Promise<string>;
  /** How git revisions are read (default: the git executable, `NODE_GIT`). */
  git?: GitAccess;
  /**
   * How the long commands (build, diff, test, ci) show their progress; without it they show
   * none (in-process tests, embedders).
   */
  progress?(command: string): ProgressReporter;
}

/** Exit codes shared by every command. */
export const ExitCode = {
  Ok: 0,
  /** Policy errors, or a gate (max warnings, diff gate) tripped. */
  Failure: 1,
  /** Bad command line. */
  Usage: 2,
  /** `permset test`: at least one test failed. */
  TestFailure: 3,
} as const;

/** A usage error: printed with a pointer to the command's `--help`, exit 2. */
export class UsageError extends Error {}
