import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand } from '../../packages/compiler/src/cli/command-table.js';
import { diffCommand } from '../../packages/compiler/src/cli/commands/diff-command.js';
import type { CliIO } from '../../packages/compiler/src/cli/cli-io.js';
import { NodeFileSystem } from '../../packages/compiler/src/node/index.js';

/** The revisions of the fixture repository, one folder each: files to write, `_deleted` to remove. */
export const REVISIONS = join(import.meta.dirname, '..', 'fixtures', 'diff', 'repo');

/**
 * Fixed identity and dates, and no user or system config: the same commits (and ids) on every
 * machine, so golden files can name them.
 */
export const GIT_ENV: Record<string, string> = {
  GIT_AUTHOR_NAME: 'permset tests',
  GIT_AUTHOR_EMAIL: 'tests@permset.invalid',
  GIT_AUTHOR_DATE: '2024-01-01T00:00:00Z',
  GIT_COMMITTER_NAME: 'permset tests',
  GIT_COMMITTER_EMAIL: 'tests@permset.invalid',
  GIT_COMMITTER_DATE: '2024-01-01T00:00:00Z',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

const temporary: string[] = [];

/** A fresh temporary folder, removed by {@link removeTemporaryFolders}. */
export function temporaryFolder(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temporary.push(dir);
  return dir;
}

/** Removes every folder {@link temporaryFolder} and {@link makeFixtureRepo} made (an `afterAll`). */
export function removeTemporaryFolders(): void {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Runs git in `cwd` with {@link GIT_ENV}. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    env: { ...process.env, ...GIT_ENV },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/**
 * Builds the fixture repository in a fresh temporary folder: one commit per revision folder
 * (r0-no-policies, r1-base, r2-changes, …), each tagged with its prefix (r0, r1, …) and applied
 * on top of the previous one. Returns the folder.
 */
export function makeFixtureRepo(): string {
  const dir = temporaryFolder('permset-diff-');
  git(dir, '-c', 'init.defaultBranch=main', 'init', '-q');
  for (const step of readdirSync(REVISIONS).sort()) {
    const from = join(REVISIONS, step);
    for (const entry of readdirSync(from))
      if (entry !== '_deleted') cpSync(join(from, entry), join(dir, entry), { recursive: true });
    const deleted = join(from, '_deleted');
    if (existsSync(deleted))
      for (const f of readFileSync(deleted, 'utf8').split('\n').filter(Boolean)) rmSync(join(dir, f));
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', step);
    git(dir, 'tag', step.split('-')[0]!);
  }
  return dir;
}

/** Runs `permset diff` in-process in `cwd` and captures what it prints. */
export function runDiff(
  args: string[],
  cwd: string,
  options: { isTTY?: boolean; env?: Record<string, string> } = {},
): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    cwd,
    env: options.env ?? {},
    isTTY: options.isTTY ?? false,
    fs: new NodeFileSystem(),
  };
  // `permset diff` runs synchronously; usage errors are thrown (main prints them).
  const code = runCommand(diffCommand, args, io) as number;
  return { code, stdout, stderr };
}
