import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { REPO } from '../../helpers/cli.js';
import { tempDir } from '../../helpers/temp-dir.js';

// `permset init` in a folder that really cannot be written (mode 555), by the real CLI and file
// system. Root may write anywhere, so as root the CLI runs as the unprivileged user `nobody`
// (util-linux setpriv); as anyone else it runs as that user.

const BIN = join(REPO, 'packages/compiler/bin/permset.js');
const asRoot = process.getuid?.() === 0;
const readOnly: string[] = [];

afterEach(() => {
  for (const dir of readOnly.splice(0)) chmodSync(dir, 0o755);
});

/** A new folder the CLI may read but not write (mode 555), in a folder it may enter. */
function readOnlyFolder(): string {
  const parent = tempDir('permset-init-ro-');
  chmodSync(parent, 0o777); // only the project folder is read-only (mkdtemp's 700 would keep `nobody` out)
  const dir = join(parent, 'project');
  mkdirSync(dir);
  chmodSync(dir, 0o555);
  readOnly.push(dir);
  return dir;
}

function init(cwd: string, ...args: string[]) {
  const argv = asRoot
    ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, BIN, 'init', ...args]
    : [process.execPath, BIN, 'init', ...args];
  const r = spawnSync(argv[0]!, argv.slice(1), { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('permset init into a read-only folder', () => {
  it('is built', () => {
    expect(existsSync(BIN), 'run `npm run build` first').toBe(true);
  });

  it('says which folder it cannot write, exits 2 and writes nothing (the folder itself)', () => {
    const dir = readOnlyFolder();
    expect(init(dir)).toEqual({
      status: 2,
      stdout: '',
      stderr: `permset init: cannot write '${join(dir, '.github')}': permission denied. Nothing was written.\n`,
    });
    expect(readdirSync(dir)).toEqual([]);
    expect(readdirSync(join(dir, '..'))).toEqual(['project']);
  });

  it('says which folder it cannot write, exits 2 and writes nothing (a new folder DIR inside it)', () => {
    const dir = readOnlyFolder();
    expect(init(dir, 'app')).toEqual({
      status: 2,
      stdout: '',
      stderr: `permset init: cannot write '${dir}': permission denied. Nothing was written.\n`,
    });
    expect(readdirSync(dir)).toEqual([]);
  });
});
