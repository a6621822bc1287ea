import type { Progress } from '../../program/index.js';

/** Where the progress line is drawn: a terminal's stderr (or a fake one in tests). */
export interface ProgressOutput {
  write(text: string): unknown;
  /** The terminal's width; 80 is assumed when it is undefined or 0. */
  readonly columns?: number | undefined;
}

/** Options of {@link ProgressLine}. */
export interface ProgressLineOptions {
  /** "build": the line starts with `permset build:`. */
  command: string;
  /** Milliseconds; `Date.now` or a test's fake clock. */
  now: () => number;
  /** Nothing is drawn until the work has run this long (default 1000 ms): quick runs stay quiet. */
  delayMs?: number;
  /** Within a stage, at most one redraw per this many milliseconds (default 100: 10 a second). */
  intervalMs?: number;
}

/** Back to the start of the line and erase it. */
const CLEAR = '\r\u001b[K';

/**
 * One line on a terminal that says what a long run is doing, redrawn in place (as npm and vitest
 * do) and erased when the run ends. It draws only when told of progress: the work it reports is
 * synchronous, so a timer would not fire before the work ends anyway. Text never reaches the last
 * column, so the line never wraps and `\r` always returns to its start.
 */
export class ProgressLine {
  private readonly started: number;
  private lastDraw = Number.NEGATIVE_INFINITY;
  private shown = false;
  /** The stage (and detail) last drawn. */
  private stage = '';
  /** The text on the line. */
  private text = '';
  private readonly delayMs: number;
  private readonly intervalMs: number;

  constructor(
    private readonly output: ProgressOutput,
    private readonly options: ProgressLineOptions,
  ) {
    this.started = options.now();
    this.delayMs = options.delayMs ?? 1000;
    this.intervalMs = options.intervalMs ?? 100;
  }

  /**
   * Redraws the line with `progress`, unless it is too early, or the stage is the one shown and
   * was drawn less than the interval ago. A new stage is drawn at once: the work is synchronous,
   * so a skipped frame could not be drawn later and the line would name a stage long finished.
   */
  update(progress: Progress): void {
    const now = this.options.now();
    if (now - this.started < this.delayMs) return;
    const stage = `${progress.stage}\u0000${progress.detail ?? ''}`;
    if (stage === this.stage && now - this.lastDraw < this.intervalMs) return;
    this.lastDraw = now;
    this.stage = stage;
    const columns = this.output.columns || 80; // a pseudo-terminal may say 0
    const width = Math.max(10, columns - 1);
    const full = `permset ${this.options.command}: ${progressText(progress)}`;
    const text = full.length > width ? `${full.slice(0, width - 1)}…` : full;
    if (this.shown && text === this.text) return; // the end of a one-step stage says nothing new
    this.shown = true;
    this.text = text;
    this.output.write(`${CLEAR}${text}`);
  }

  /** Erases the line if it was drawn; safe to call more than once. */
  clear(): void {
    if (!this.shown) return;
    this.shown = false;
    this.stage = '';
    this.output.write(CLEAR);
  }
}

/** What a stage is doing, in words: "compiling BASE: 120/1001 files". */
export function progressText(p: Progress): string {
  const on = p.detail ? ` ${p.detail}` : '';
  switch (p.stage) {
    case 'compile':
      return `compiling${on}: ${p.done}/${p.total} files`;
    case 'check':
      return `checking${on}: resolving inheritance and checking every set`;
    case 'model':
      return `building the policy model${on}`;
    case 'emit':
      return p.done < p.total ? `generating${on} (${p.done + 1}/${p.total})` : `generated ${p.total} outputs`;
    case 'write':
      return 'writing the files';
    case 'test':
      return `testing: ${p.done}/${p.total} cases`;
    case 'snapshot':
      return 'comparing the access matrix with the snapshot';
    case 'coverage':
      return 'measuring coverage';
    case 'diff':
      return 'comparing BASE and HEAD';
  }
}
