/**
 * A step of long work: `permset build` on thousands of files, `permset test` on thousands of
 * cases. What is done and what is left, as plain data: the caller decides how to show it (the CLI
 * draws one line on a terminal and prints a summary elsewhere; the language server ignores it).
 */
export interface Progress {
  /** What is being done now; each stage starts at `done: 0` and ends at `done: total`. */
  stage: ProgressStage;
  /** Units of the stage done so far. */
  done: number;
  /** Units of the stage in all (1 for a stage that is one step). */
  total: number;
  /** Which side of a diff ("BASE", "HEAD") or which output ("evaluator") the stage works on. */
  detail?: string;
}

/**
 * The stages, in the order a run goes through them. Units: `compile` counts files, `test` cases,
 * `emit` outputs; the others are one step each.
 */
export type ProgressStage =
  'compile' | 'check' | 'model' | 'emit' | 'write' | 'test' | 'snapshot' | 'coverage' | 'diff';

/** Receives {@link Progress}: it must return quickly, since it is called between units of work. */
export type OnProgress = (progress: Progress) => void;
