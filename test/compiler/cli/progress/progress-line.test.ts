import { describe, expect, it } from 'vitest';
import { ProgressLine, progressText } from '../../../../packages/compiler/src/cli/progress/progress-line.js';

/** A terminal that records every write, and a clock the test moves. */
function fakeTerminal(columns?: number) {
  const writes: string[] = [];
  let now = 0;
  const output = { write: (text: string) => void writes.push(text), columns };
  return { writes, output, now: () => now, advance: (ms: number) => void (now += ms) };
}

const CLEAR = '\r\u001b[K';

describe('ProgressLine', () => {
  it('draws nothing during the first second, then redraws one line in place', () => {
    const t = fakeTerminal(100);
    const line = new ProgressLine(t.output, { command: 'build', now: t.now });
    line.update({ stage: 'compile', done: 1, total: 300 });
    t.advance(999);
    line.update({ stage: 'compile', done: 200, total: 300 });
    expect(t.writes).toEqual([]);
    t.advance(1);
    line.update({ stage: 'compile', done: 250, total: 300 });
    expect(t.writes).toEqual([`${CLEAR}permset build: compiling: 250/300 files`]);
  });

  it('redraws a stage at most every 100 ms, and a new stage at once', () => {
    const t = fakeTerminal(100);
    const line = new ProgressLine(t.output, { command: 'test', now: t.now, delayMs: 0 });
    line.update({ stage: 'test', done: 0, total: 1000 });
    t.advance(50);
    line.update({ stage: 'test', done: 200, total: 1000 }); // too soon: skipped
    t.advance(49);
    line.update({ stage: 'test', done: 400, total: 1000 }); // 99 ms: skipped
    t.advance(1);
    line.update({ stage: 'test', done: 600, total: 1000 }); // 100 ms: drawn
    t.advance(10);
    line.update({ stage: 'snapshot', done: 0, total: 1 }); // a new stage: drawn at once
    expect(t.writes).toEqual([
      `${CLEAR}permset test: testing: 0/1000 cases`,
      `${CLEAR}permset test: testing: 600/1000 cases`,
      `${CLEAR}permset test: comparing the access matrix with the snapshot`,
    ]);
  });

  it('a new detail (the other side of a diff, the next output) is a new stage', () => {
    const t = fakeTerminal(100);
    const line = new ProgressLine(t.output, { command: 'diff', now: t.now, delayMs: 0 });
    line.update({ stage: 'compile', done: 5, total: 9, detail: 'BASE' });
    line.update({ stage: 'compile', done: 9, total: 9, detail: 'BASE' });
    line.update({ stage: 'compile', done: 0, total: 9, detail: 'HEAD' });
    expect(t.writes).toEqual([
      `${CLEAR}permset diff: compiling BASE: 5/9 files`,
      `${CLEAR}permset diff: compiling HEAD: 0/9 files`,
    ]);
  });

  it('does not redraw the same text (the end of a one-step stage)', () => {
    const t = fakeTerminal(100);
    const line = new ProgressLine(t.output, { command: 'build', now: t.now, delayMs: 0 });
    line.update({ stage: 'model', done: 0, total: 1 });
    t.advance(500);
    line.update({ stage: 'model', done: 1, total: 1 });
    expect(t.writes).toEqual([`${CLEAR}permset build: building the policy model`]);
  });

  it('keeps the text one column short of the terminal width, so the line never wraps', () => {
    const t = fakeTerminal(30);
    const line = new ProgressLine(t.output, { command: 'build', now: t.now, delayMs: 0 });
    line.update({ stage: 'compile', done: 1000, total: 20000 });
    expect(t.writes).toEqual([`${CLEAR}permset build: compiling: 10…`]);
    expect('permset build: compiling: 10…'.length).toBe(29);
  });

  it('assumes 80 columns when the terminal says none or 0 (a pseudo-terminal without a size)', () => {
    for (const columns of [undefined, 0]) {
      const t = fakeTerminal(columns);
      const line = new ProgressLine(t.output, { command: 'build', now: t.now, delayMs: 0 });
      line.update({ stage: 'check', done: 0, total: 1, detail: 'BASE' });
      expect(t.writes).toEqual([`${CLEAR}permset build: checking BASE: resolving inheritance and checking every set`]);
    }
  });

  it('clear erases a drawn line once, and writes nothing when nothing was drawn', () => {
    const t = fakeTerminal(80);
    const quick = new ProgressLine(t.output, { command: 'build', now: t.now });
    quick.update({ stage: 'compile', done: 1, total: 2 });
    quick.clear();
    expect(t.writes).toEqual([]);

    const line = new ProgressLine(t.output, { command: 'build', now: t.now, delayMs: 0 });
    line.update({ stage: 'write', done: 0, total: 1 });
    line.clear();
    line.clear();
    expect(t.writes).toEqual([`${CLEAR}permset build: writing the files`, CLEAR]);
    // After a clear (other output was printed), the same stage is drawn again at once.
    line.update({ stage: 'write', done: 0, total: 1 });
    expect(t.writes).toHaveLength(3);
  });
});

describe('progressText', () => {
  it('says what each stage does', () => {
    expect([
      progressText({ stage: 'compile', done: 3, total: 7 }),
      progressText({ stage: 'check', done: 0, total: 1 }),
      progressText({ stage: 'model', done: 0, total: 1 }),
      progressText({ stage: 'emit', done: 1, total: 4, detail: 'matrix reports' }),
      progressText({ stage: 'emit', done: 4, total: 4 }),
      progressText({ stage: 'write', done: 0, total: 1 }),
      progressText({ stage: 'test', done: 200, total: 412 }),
      progressText({ stage: 'snapshot', done: 0, total: 1 }),
      progressText({ stage: 'coverage', done: 0, total: 1 }),
      progressText({ stage: 'diff', done: 0, total: 1 }),
    ]).toEqual([
      'compiling: 3/7 files',
      'checking: resolving inheritance and checking every set',
      'building the policy model',
      'generating matrix reports (2/4)',
      'generated 4 outputs',
      'writing the files',
      'testing: 200/412 cases',
      'comparing the access matrix with the snapshot',
      'measuring coverage',
      'comparing BASE and HEAD',
    ]);
  });
});
