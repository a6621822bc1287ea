import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// The README from a fresh clone, as a new contributor runs it: its first command (install and
// build the toolkit on the shipped policies), then every command of its "Using the CLI" block as
// written, through npx and the bins npm links (npm 11 links a workspace's bin only if the file
// exists at install time: the bins are committed entry files). npm 10 is checked too, for the
// bins. npm takes the packages from its cache where it has them.

const REPO = join(import.meta.dirname, '..', '..');
const root = mkdtempSync(join(tmpdir(), 'permset-clone-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function sh(command: string, cwd: string): SpawnSyncReturns<string> {
  return spawnSync('bash', ['-c', command], {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      npm_config_prefer_offline: 'true',
      npm_config_audit: 'false',
      npm_config_fund: 'false',
      npm_config_update_notifier: 'false',
    },
  });
}

function clone(name: string): string {
  const dir = join(root, name);
  const r = spawnSync('git', ['clone', '-q', REPO, dir], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  // `origin/main` as in a clone from GitHub (the README diffs against it).
  spawnSync('git', ['update-ref', 'refs/remotes/origin/main', 'HEAD'], { cwd: dir });
  return dir;
}

/** The command lines of the first ```sh block after `heading`, continuation lines joined. */
function shellBlock(heading: string): string[] {
  const text = readFileSync(join(REPO, 'README.md'), 'utf8');
  const block = text.slice(text.indexOf(heading)).match(/```sh\n([\s\S]*?)```/)![1]!;
  return block
    .replace(/\\\n\s*/g, '')
    .split('\n')
    .filter((l) => l.trim() !== '');
}

// npm ci and a full build per clone: minutes on a loaded 2-core machine.
describe('a fresh clone', { timeout: 900_000 }, () => {
  it("runs the README's first command and every command of 'Using the CLI' as written (npm 11)", () => {
    const dir = clone('npm11');
    const [first] = shellBlock('## Quick start');
    expect(first).toBe('npm ci && npm run build:policies');
    const install = sh(first!, dir);
    expect(install.status, install.stderr).toBe(0);
    for (const bin of ['permset', 'permset-language-server'])
      expect(sh(`test -x node_modules/.bin/${bin}`, dir).status, bin).toBe(0);

    const commands = shellBlock('## Using the CLI');
    expect(commands.length).toBeGreaterThanOrEqual(12);
    for (const command of commands) {
      const r = sh(command, dir);
      // Piped, build, diff, test and ci end with a line on stderr: the time they took.
      expect({
        command,
        status: r.status,
        stderr: r.stderr.replace(/^permset (build|diff|test|ci): \d+\.\d\d s \([^)]*\)\n$/, ''),
      }).toEqual({ command, status: 0, stderr: '' });
      expect(r.stdout, command).not.toBe('');
    }
    expect(sh('npx permset-language-server --version', dir).stdout).toMatch(
      /^permset-language-server \d+\.\d+\.\d+\n$/,
    );
  });

  it('links both bins with npm 10 as well', () => {
    const dir = clone('npm10');
    const npm10 = sh('npx -y npm@10 --version', dir);
    expect(npm10.stdout).toMatch(/^10\./);
    const install = sh('npx -y npm@10 ci && npx -y npm@10 run build', dir);
    expect(install.status, install.stderr).toBe(0);
    expect(sh('node_modules/.bin/permset check policies', dir).stdout).toContain('No problems');
    expect(sh('node_modules/.bin/permset-language-server --version', dir).stdout).toMatch(/^permset-language-server /);
  });
});
