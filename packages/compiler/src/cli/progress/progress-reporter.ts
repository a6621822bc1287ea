import type { OnProgress, ProgressStage } from '../../program/index.js';
import { ProgressLine, type ProgressOutput } from './progress-line.js';

/** What the CLI does with a command's progress: see {@link progressReporter}. */
export interface ProgressReporter {
  onProgress: OnProgress;
  /** The command is about to print: erase the line first (the next progress redraws it below). */
  beforeOutput(): void;
  /** The command is done: erase the line, or print the summary. */
  finish(): void;
  /** The process is ending early (a closed pipe, an exit): erase the line, print nothing. */
  abort(): void;
}

/** Where and how the reporter writes: the process's stderr and environment, or fakes. */
export interface ProgressSetting {
  stderr: ProgressOutput & { readonly isTTY?: boolean | undefined };
  env: Readonly<Record<string, string | undefined>>;
  /** Milliseconds. */
  now: () => number;
}

/**
 * Whether a live progress line suits the output: only a terminal that is not a CI log
 * (`CI` set, as GitHub Actions, GitLab and most others do) nor a dumb terminal (`TERM=dumb`,
 * Emacs' shell), which cannot redraw a line.
 */
export function wantsProgressLine(setting: Pick<ProgressSetting, 'stderr' | 'env'>): boolean {
  const ci = setting.env['CI'];
  const inCi = ci !== undefined && ci !== '' && ci !== '0' && ci !== 'false';
  return setting.stderr.isTTY === true && !inCi && setting.env['TERM'] !== 'dumb';
}

/**
 * How long the work runs before the line appears: `PERMSET_PROGRESS_DELAY_MS` (a whole number of
 * milliseconds; `0` shows it at once, which is what a recording or a test of the terminal wants),
 * otherwise one second. Anything else is ignored rather than refused: it only changes a display.
 */
export function progressDelay(env: Readonly<Record<string, string | undefined>>): number | undefined {
  const raw = env['PERMSET_PROGRESS_DELAY_MS'];
  return raw !== undefined && /^\d{1,6}$/.test(raw) ? Number(raw) : undefined;
}

/**
 * Adapts a use case's progress to the output: on a terminal a {@link ProgressLine} on stderr,
 * erased at the end; elsewhere (a pipe, a CI log) one line on stderr at the end with the time
 * taken and the time per stage (`permset build: 2.41 s (compile 1.20 s, check 0.30 s, …)`), as
 * the command's own output already says what was done. A command that reported nothing (its
 * help, a usage error) prints nothing.
 */
export function progressReporter(command: string, setting: ProgressSetting): ProgressReporter {
  const started = setting.now();
  if (wantsProgressLine(setting)) {
    const line = new ProgressLine(setting.stderr, { command, now: setting.now, delayMs: progressDelay(setting.env) });
    const clear = () => line.clear();
    return { onProgress: (p) => line.update(p), beforeOutput: clear, finish: clear, abort: clear };
  }
  const stages = new Map<ProgressStage, number>();
  let current: { stage: ProgressStage; since: number } | undefined;
  let finished = false;
  const close = (at: number) => {
    if (current) stages.set(current.stage, (stages.get(current.stage) ?? 0) + at - current.since);
    current = undefined;
  };
  return {
    onProgress(p) {
      const at = setting.now();
      if (current?.stage !== p.stage) {
        close(at);
        current = { stage: p.stage, since: at };
      }
      // A stage that is done stops its clock: what follows is the command's own work.
      if (p.done >= p.total) close(at);
    },
    beforeOutput() {},
    finish() {
      if (finished) return;
      finished = true;
      const at = setting.now();
      close(at);
      if (stages.size === 0) return;
      const parts = [...stages].map(([stage, ms]) => `${stage} ${seconds(ms)}`);
      setting.stderr.write(`permset ${command}: ${seconds(at - started)} (${parts.join(', ')})\n`);
    },
    abort() {
      finished = true;
    },
  };
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}
