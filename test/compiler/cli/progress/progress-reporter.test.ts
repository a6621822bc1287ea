import { describe, expect, it } from 'vitest';
import {
  progressDelay,
  progressReporter,
  wantsProgressLine,
} from '../../../../packages/compiler/src/cli/progress/progress-reporter.js';

function fakeStderr(isTTY: boolean) {
  const writes: string[] = [];
  let now = 0;
  return {
    writes,
    stderr: { write: (text: string) => void writes.push(text), isTTY, columns: 80 },
    now: () => now,
    advance: (ms: number) => void (now += ms),
  };
}

const CLEAR = '\r\u001b[K';

describe('wantsProgressLine', () => {
  it('only on a terminal that is not a CI log nor a dumb terminal', () => {
    const tty = { isTTY: true, write: () => {} };
    expect(wantsProgressLine({ stderr: tty, env: {} })).toBe(true);
    expect(wantsProgressLine({ stderr: tty, env: { CI: 'false' } })).toBe(true);
    expect(wantsProgressLine({ stderr: tty, env: { CI: '0' } })).toBe(true);
    expect(wantsProgressLine({ stderr: tty, env: { CI: 'true' } })).toBe(false);
    expect(wantsProgressLine({ stderr: tty, env: { CI: '1' } })).toBe(false);
    expect(wantsProgressLine({ stderr: tty, env: { TERM: 'dumb' } })).toBe(false);
    expect(wantsProgressLine({ stderr: { isTTY: false, write: () => {} }, env: {} })).toBe(false);
    expect(wantsProgressLine({ stderr: { write: () => {} }, env: {} })).toBe(false);
  });
});

describe('progressReporter', () => {
  it('on a terminal: the line after a second, erased before output and at the end, no summary', () => {
    const t = fakeStderr(true);
    const r = progressReporter('build', { stderr: t.stderr, env: {}, now: t.now });
    r.onProgress({ stage: 'compile', done: 0, total: 2 });
    t.advance(1500);
    r.onProgress({ stage: 'compile', done: 1, total: 2 });
    r.beforeOutput();
    r.onProgress({ stage: 'emit', done: 0, total: 4, detail: 'evaluator' });
    r.finish();
    r.abort();
    expect(t.writes).toEqual([
      `${CLEAR}permset build: compiling: 1/2 files`,
      CLEAR,
      `${CLEAR}permset build: generating evaluator (1/4)`,
      CLEAR,
    ]);
  });

  it('PERMSET_PROGRESS_DELAY_MS=0 shows the line at once; a value that is no whole number is ignored', () => {
    const t = fakeStderr(true);
    const r = progressReporter('build', { stderr: t.stderr, env: { PERMSET_PROGRESS_DELAY_MS: '0' }, now: t.now });
    r.onProgress({ stage: 'compile', done: 0, total: 2 });
    expect(t.writes).toEqual([`${CLEAR}permset build: compiling: 0/2 files`]);
    expect(progressDelay({ PERMSET_PROGRESS_DELAY_MS: '250' })).toBe(250);
    for (const bad of ['', '-1', '1.5', '1e3', ' 5', '10000000'])
      expect(progressDelay({ PERMSET_PROGRESS_DELAY_MS: bad }), bad).toBeUndefined();
    expect(progressDelay({})).toBeUndefined();
  });

  it('elsewhere: one line at the end with the time taken and the time of each stage', () => {
    const t = fakeStderr(false);
    const r = progressReporter('diff', { stderr: t.stderr, env: {}, now: t.now });
    t.advance(20); // loading the command
    r.onProgress({ stage: 'compile', done: 0, total: 3, detail: 'BASE' });
    t.advance(300);
    r.onProgress({ stage: 'compile', done: 3, total: 3, detail: 'BASE' });
    r.onProgress({ stage: 'check', done: 0, total: 1, detail: 'BASE' });
    t.advance(100);
    r.onProgress({ stage: 'check', done: 1, total: 1, detail: 'BASE' });
    t.advance(5); // between stages: no stage's time
    r.onProgress({ stage: 'compile', done: 0, total: 3, detail: 'HEAD' });
    t.advance(200);
    r.onProgress({ stage: 'compile', done: 3, total: 3, detail: 'HEAD' });
    r.onProgress({ stage: 'diff', done: 0, total: 1 });
    t.advance(50);
    r.onProgress({ stage: 'diff', done: 1, total: 1 });
    t.advance(25); // printing the report
    r.beforeOutput();
    expect(t.writes).toEqual([]);
    r.finish();
    r.finish();
    expect(t.writes).toEqual(['permset diff: 0.70 s (compile 0.50 s, check 0.10 s, diff 0.05 s)\n']);
  });

  it('in CI, on a terminal too, the summary instead of the line', () => {
    const t = fakeStderr(true);
    const r = progressReporter('test', { stderr: t.stderr, env: { CI: 'true' }, now: t.now });
    r.onProgress({ stage: 'test', done: 0, total: 10 });
    t.advance(2000);
    r.onProgress({ stage: 'test', done: 10, total: 10 });
    r.finish();
    expect(t.writes).toEqual(['permset test: 2.00 s (test 2.00 s)\n']);
  });

  it('prints nothing for a run that reported nothing (help, a usage error), or that ended early', () => {
    const quiet = fakeStderr(false);
    progressReporter('ci', { stderr: quiet.stderr, env: {}, now: quiet.now }).finish();
    const aborted = fakeStderr(false);
    const r = progressReporter('ci', { stderr: aborted.stderr, env: {}, now: aborted.now });
    r.onProgress({ stage: 'compile', done: 0, total: 1 });
    r.abort();
    r.finish();
    expect([quiet.writes, aborted.writes]).toEqual([[], []]);
  });
});
