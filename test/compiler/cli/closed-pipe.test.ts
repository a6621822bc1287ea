import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CLOSED_PIPE_EXIT,
  exitQuietlyOnClosedPipe,
  type OutputStream,
} from '../../../packages/compiler/src/cli/closed-pipe.js';
import { REPO } from '../../helpers/cli.js';

// `permset … | head -1`: the reader closes the pipe before permset has written everything. Like
// git and grep, permset then stops without a word, with the status a shell gives a command ended
// by SIGPIPE (141), instead of an unhandled EPIPE and a stack trace. The built CLI runs in bash
// with a real pipe; `| true` closes the pipe before permset writes anything at all, so every
// command's first write meets a closed pipe.

const BIN = join(REPO, 'packages/compiler/dist/cli/bin.js');
const out = mkdtempSync(join(tmpdir(), 'permset-pipe-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** Runs `node BIN args 2>stderr | reader` under `set -o pipefail`: permset's status and stderr. */
function piped(args: string[], reader: string): { status: number; stderr: string } {
  const quoted = [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const script = `set -o pipefail; ${quoted} 2>"$ERR" | ${reader}; status=$?; cat "$ERR" >&2; exit $status`;
  const r = spawnSync('bash', ['-c', script], {
    cwd: REPO,
    encoding: 'utf8',
    env: { ...process.env, ERR: join(out, `stderr-${Math.random()}`), PERMSET_DEBUG: '' },
    timeout: 120_000,
  });
  return { status: r.status ?? -1, stderr: r.stderr };
}

describe('a closed output pipe', () => {
  it('is built', () => {
    expect(existsSync(BIN), 'run `npm run build` first').toBe(true);
  });

  it.each([
    ['check', ['check', 'policies']],
    ['build', ['build', 'policies', '--out', join(out, 'build')]],
    ['matrix', ['matrix', 'policies']],
    ['fmt --check', ['fmt', 'policies', '--check']],
    ['explain', ['explain', 'manager', 'contacts.view']],
    ['preview', ['preview', 'manager']],
    ['test', ['test', 'policies']],
    ['diff', ['diff', 'policies', 'policies']],
    ['ci', ['ci', 'policies']],
    ['--help', ['--help']],
  ])('ends %s quietly, with status 141', (_name, args) => {
    expect(piped(args, 'true')).toEqual({ status: CLOSED_PIPE_EXIT, stderr: '' });
  });

  it('ends a long report cut by `head -1` quietly, after the reader got its line', () => {
    const r = spawnSync(
      'bash',
      [
        '-c',
        `set -o pipefail; '${process.execPath}' '${BIN}' matrix policies --format html 2>"$ERR" | head -1; echo "status=$?"; cat "$ERR"`,
      ],
      {
        cwd: REPO,
        encoding: 'utf8',
        env: { ...process.env, ERR: join(out, 'head-stderr') },
        timeout: 120_000,
      },
    );
    expect(r.stdout).toBe('<!DOCTYPE html>\nstatus=141\n');
    expect(r.stderr).toBe('');
  });
});

describe('exitQuietlyOnClosedPipe', () => {
  function streams() {
    const listeners = new Map<string, (e: NodeJS.ErrnoException) => void>();
    const stream = (name: string): OutputStream => ({ on: (_event, listener) => listeners.set(name, listener) });
    return {
      stdout: stream('stdout'),
      stderr: stream('stderr'),
      fire: (name: string, e: NodeJS.ErrnoException) => listeners.get(name)!(e),
    };
  }
  const exitWith =
    (codes: number[]) =>
    (code: number): never => {
      codes.push(code);
      throw new Error('exit');
    };

  it('exits 141 on EPIPE, from either stream, and prints nothing', () => {
    const s = streams();
    const codes: number[] = [];
    const lines: string[] = [];
    exitQuietlyOnClosedPipe(s.stdout, s.stderr, exitWith(codes), (l) => lines.push(l));
    expect(() => s.fire('stdout', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }))).toThrow('exit');
    expect(() => s.fire('stderr', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }))).toThrow('exit');
    expect(codes).toEqual([141, 141]);
    expect(lines).toEqual([]);
  });

  it('says in one line that the output could not be written otherwise, and exits 2', () => {
    const s = streams();
    const codes: number[] = [];
    const lines: string[] = [];
    exitQuietlyOnClosedPipe(s.stdout, s.stderr, exitWith(codes), (l) => lines.push(l));
    expect(() => s.fire('stdout', Object.assign(new Error('no space'), { code: 'ENOSPC' }))).toThrow('exit');
    expect(codes).toEqual([2]);
    expect(lines).toEqual(['permset: cannot write the output: ENOSPC\n']);
  });
});
