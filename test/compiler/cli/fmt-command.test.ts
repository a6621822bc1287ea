import { describe, expect, it } from 'vitest';
import { runCommand } from '../../../packages/compiler/src/cli/command-table.js';
import { fmtCommand } from '../../../packages/compiler/src/cli/commands/fmt-command.js';
import type { CliIO } from '../../../packages/compiler/src/cli/cli-io.js';
import { MemoryFileSystem } from '../../../packages/compiler/src/fs/index.js';
import { NodeFileSystem } from '../../../packages/compiler/src/node/index.js';
import { REPO } from '../../helpers/cli.js';

const FORMATTED = 'kind: Fragment\nid: a\ngrants:\n  a.view: all\n';
const UNFORMATTED = "id: 'b'\nkind: Fragment\ngrants:\n    a.view: all\n";
const BROKEN = 'kind: Fragment\nid: c\ngrants: [\n';

/** Runs `permset fmt` in-process on an in-memory project under /proj. */
async function fmt(args: string[], files: Record<string, string | Uint8Array>, stdin = '') {
  let stdout = '';
  let stderr = '';
  const written = new Map<string, string>();
  const io: CliIO = {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    cwd: '/proj',
    env: {},
    isTTY: false,
    fs: new MemoryFileSystem(Object.fromEntries(Object.entries(files).map(([k, v]) => [`/proj/${k}`, v]))),
    writeFile: (path, content) => written.set(path, String(content)),
    readStdin: async () => stdin,
  };
  const code = await runCommand(fmtCommand, args, io);
  return { code, stdout, stderr, written };
}

describe('permset fmt', () => {
  it('rewrites the files that are not formatted, through io.writeFile, and reports them', async () => {
    const r = await fmt([], { 'policies/a.yaml': FORMATTED, 'policies/sub/b.yaml': UNFORMATTED });
    expect(r.code).toBe(0);
    expect([...r.written]).toEqual([['/proj/policies/sub/b.yaml', 'kind: Fragment\nid: b\ngrants:\n  a.view: all\n']]);
    expect(r.stdout).toBe('formatted policies/sub/b.yaml\nFormatted 1 of 2 files.\n');
    expect(r.stderr).toBe('');
  });

  it('with --check prints what would change as a unified diff, writes nothing and exits 1', async () => {
    const r = await fmt(['--check'], { 'policies/a.yaml': FORMATTED, 'policies/sub/b.yaml': UNFORMATTED });
    expect(r.code).toBe(1);
    expect(r.written.size).toBe(0);
    expect(r.stdout).toBe(
      [
        '--- a/policies/sub/b.yaml',
        '+++ b/policies/sub/b.yaml',
        '@@ -1,4 +1,4 @@',
        "-id: 'b'",
        ' kind: Fragment',
        '+id: b',
        ' grants:',
        '-    a.view: all',
        '+  a.view: all',
        "1 of 2 files need formatting (run 'permset fmt').",
        '',
      ].join('\n'),
    );
  });

  it('with --check exits 0 when every file is formatted', async () => {
    const r = await fmt(['--check', 'policies'], { 'policies/a.yaml': FORMATTED });
    expect(r).toMatchObject({ code: 0, stdout: 'The 1 file is formatted.\n', stderr: '' });
  });

  it('leaves files with YAML errors or invalid UTF-8 alone and says so', async () => {
    const r = await fmt(['--check'], {
      'policies/a.yaml': FORMATTED,
      'policies/c.yaml': BROKEN,
      'policies/d.yaml': new Uint8Array([0x6b, 0xff, 0x3a]),
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      "policies/c.yaml: has YAML errors (see 'permset check'); left unchanged.\npolicies/d.yaml: not valid UTF-8; left unchanged.\n",
    );
    expect(r.stdout).toBe('All 3 files are formatted, 2 left unchanged.\n');
  });

  it('fails on a missing directory', async () => {
    const r = await fmt(['nope'], { 'policies/a.yaml': FORMATTED });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("nope: 'nope' does not exist.\n");
  });

  it('formats standard input with --stdin', async () => {
    const r = await fmt(['--stdin'], {}, UNFORMATTED);
    expect(r).toMatchObject({ code: 0, stdout: 'kind: Fragment\nid: b\ngrants:\n  a.view: all\n', stderr: '' });
    const broken = await fmt(['--stdin'], {}, BROKEN);
    expect(broken).toMatchObject({
      code: 0,
      stdout: BROKEN,
      stderr: 'permset fmt: the input has YAML errors; it is printed unchanged.\n',
    });
    expect((await fmt(['--stdin', '--check'], {}, UNFORMATTED)).code).toBe(1);
  });

  it('rejects two directories and --stdin with a directory (usage errors)', async () => {
    await expect(fmt(['a', 'b'], {})).rejects.toThrow('fmt takes one directory, got 2: a b');
    await expect(fmt(['--stdin', 'a'], {})).rejects.toThrow('--stdin formats standard input; it takes no directory');
  });

  it('prints its usage with --help', async () => {
    const r = await fmt(['--help'], {});
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('Usage: permset fmt [DIR] [options]');
  });

  it('finds the shipped policies formatted, as the README tells users to gate CI on', async () => {
    let stdout = '';
    const io: CliIO = {
      stdout: (s) => (stdout += s),
      stderr: (s) => (stdout += s),
      cwd: REPO,
      env: {},
      isTTY: false,
      fs: new NodeFileSystem(),
    };
    const code = await runCommand(fmtCommand, ['--check', 'policies'], io);
    expect(stdout).toMatch(/^All \d+ files are formatted\.\n$/);
    expect(code).toBe(0);
  });
});
