import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateProject } from '../../bench/policy-tree.mjs';
import { ensureAptTool } from './helpers/ensure-tools.js';

// The progress line of the long commands (issue 15 item 9), on a real pseudo-terminal: util-linux
// `script` runs the CLI with stderr on a pty, as a person at a terminal does. The project has 400
// sets over 200 permissions, so each stage reports many steps.
// Needs `npm run build` first (npm test does it).

const REPO = join(import.meta.dirname, '..', '..');
const PERMSET = join(REPO, 'packages/compiler/bin/permset.js');
const root = mkdtempSync(join(tmpdir(), 'permset-progress-'));
const CLEAR = '\r\u001b[K';
/** A frame of the line: cleared, then the text (it runs until the next \r). */
const FRAME = /\r\u001b\[K(permset [a-z]+: [^\r\n]+)/g;

/** Runs `command` in `root` with its stdin, stdout and stderr on a pseudo-terminal 100 columns wide. */
function onTerminal(command: string, env: Record<string, string> = {}) {
  const r = spawnSync('script', ['-qfec', `stty cols 100; ${command}`, '/dev/null'], {
    cwd: root,
    encoding: 'utf8',
    // The line shows at once (PERMSET_PROGRESS_DELAY_MS=0): how long the work takes depends on
    // the machine, and a quiet one finishes these stages within the default second.
    env: { ...process.env, SHELL: '/bin/bash', CI: '', GITHUB_ACTIONS: '', PERMSET_PROGRESS_DELAY_MS: '0', ...env },
    timeout: 240_000,
  });
  return { status: r.status, output: r.stdout };
}

beforeAll(() => {
  ensureAptTool('script', ['bsdutils']);
  for (const f of generateProject({ sets: 400, permissions: 200 }) as { uri: string; text: string }[]) {
    mkdirSync(dirname(join(root, f.uri)), { recursive: true });
    writeFileSync(join(root, f.uri), f.text);
  }
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('progress on long work', { timeout: 300_000 }, () => {
  it('on a terminal, permset build redraws one line in place and erases it before its output', () => {
    const { status, output } = onTerminal(`node ${PERMSET} build --out dist`);
    expect(status, output).toBe(0);
    const frames = [...output.matchAll(FRAME)].map((m) => m[1]!);
    expect(frames.length, output).toBeGreaterThan(1);
    expect(
      frames.some((f) => /^permset build: compiling: \d+\/421 files$/.test(f)),
      frames.join('\n'),
    ).toBe(true);
    for (const f of frames) expect(f.length, f).toBeLessThan(100);
    // The line is erased before the command's own output, which then starts at column 0, and
    // nothing of the line is left at the end: no summary either (the person saw the progress).
    const built = output.indexOf('Built 400 permission sets × 200 permissions into dist/');
    expect(built, output).toBeGreaterThan(0);
    expect(output.slice(0, built).endsWith(CLEAR), JSON.stringify(output.slice(built - 80, built))).toBe(true);
    expect(output.slice(built)).not.toMatch(/permset build:/);
  });

  it('on a terminal in CI (CI=true), no line: the one-line summary with the time taken', () => {
    const { status, output } = onTerminal(`node ${PERMSET} build --out dist`, { CI: 'true' });
    expect(status, output).toBe(0);
    expect(output).not.toContain('\u001b[K');
    expect(output).toMatch(
      /\r\npermset build: \d+\.\d\d s \(compile \d+\.\d\d s, check \d+\.\d\d s, model \d+\.\d\d s, emit \d+\.\d\d s, write \d+\.\d\d s\)\r\n$/,
    );
  });

  it('piped, only the command output and the summary on stderr', () => {
    const r = spawnSync('node', [PERMSET, 'test'], { cwd: root, encoding: 'utf8', env: { ...process.env, CI: '' } });
    expect(r.stdout).toContain('0 passed, 0 failed\n');
    expect(r.stderr).toMatch(
      /^permset test: \d+\.\d\d s \(compile \d+\.\d\d s, check \d+\.\d\d s, model \d+\.\d\d s, test \d+\.\d\d s, snapshot \d+\.\d\d s, coverage \d+\.\d\d s\)\n$/,
    );
  });

  it('a reader that closes stdout early (EPIPE) leaves no line behind on the terminal', () => {
    const { output } = onTerminal(`node ${PERMSET} diff policies | true; echo "status \${PIPESTATUS[0]}"`);
    const frames = [...output.matchAll(FRAME)];
    expect(frames.length, output).toBeGreaterThan(0);
    expect(frames.some((f) => f[1]!.startsWith('permset diff: compiling BASE: '))).toBe(true);
    expect(output.endsWith(`${CLEAR}status 141\r\n`), JSON.stringify(output.slice(-120))).toBe(true);
  });
});
