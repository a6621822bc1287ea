import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { REPO, runCli } from '../../helpers/cli.js';

const FIXTURES = join(REPO, 'test', 'fixtures', 'check');

describe('permset check', () => {
  it('prints diagnostics like a compiler, with the source line and carets, then a summary', async () => {
    const r = await runCli(['check', 'policies'], { cwd: join(FIXTURES, '16-unknown-permission') });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    await expect(r.stdout).toMatchFileSnapshot(join(REPO, 'test', 'compiler', 'cli', '__golden__', 'check-human.txt'));
    expect(r.stdout).toContain(
      "policies/sets/s.yaml:6:3 error unknown-permission Unknown permission 'contacts.veiw'. Did you mean 'contacts.view'?",
    );
    expect(r.stdout).not.toMatch(/\u001b\[/);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('✖ 2 errors, 0 warnings in 2 files.');
  });

  it('colours only on a terminal or when FORCE_COLOR asks, never with NO_COLOR', async () => {
    const cwd = join(FIXTURES, '16-unknown-permission');
    expect((await runCli(['check', 'policies'], { cwd, isTTY: true })).stdout).toMatch(/\u001b\[31m/);
    expect((await runCli(['check', 'policies'], { cwd, env: { FORCE_COLOR: '1' } })).stdout).toMatch(/\u001b\[31m/);
    expect((await runCli(['check', 'policies'], { cwd, isTTY: true, env: { NO_COLOR: '1' } })).stdout).not.toMatch(
      /\u001b\[/,
    );
    expect((await runCli(['check', 'policies', '--no-color'], { cwd, isTTY: true })).stdout).not.toMatch(/\u001b\[/);
  });

  it('prints the spec JSON shape with --format json', async () => {
    const r = await runCli(['check', 'policies', '--format', 'json'], { cwd: join(FIXTURES, '16-unknown-permission') });
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(Object.keys(report)).toEqual(['diagnostics', 'summary']);
    expect(report.summary).toEqual({ errors: 2, warnings: 0 });
    expect(report.diagnostics[0]).toMatchObject({
      file: 'policies/sets/s.yaml',
      range: { start: { line: 5, character: 2 }, end: { line: 5, character: 15 } },
      severity: 'error',
      code: 'unknown-permission',
    });
    expect(Object.keys(report.diagnostics[0]).slice(0, 5)).toEqual(['file', 'range', 'severity', 'code', 'message']);
    expect(report.diagnostics[0].fixes[0].edits[0].newText).toBe('contacts.view');
  });

  it('names files relative to the working directory also for a folder outside it (../…)', async () => {
    for (const dir of ['../16-unknown-permission/policies', join(FIXTURES, '16-unknown-permission', 'policies')]) {
      const r = await runCli(['check', dir, '--format', 'json'], { cwd: join(FIXTURES, '01-clean-project') });
      expect(JSON.parse(r.stdout).diagnostics.map((d: { file: string }) => d.file)).toEqual([
        '../16-unknown-permission/policies/sets/s.yaml',
        '../16-unknown-permission/policies/sets/s.yaml',
      ]);
      const human = await runCli(['check', dir], { cwd: join(FIXTURES, '01-clean-project') });
      expect(human.stdout).toMatch(
        /^\.\.\/16-unknown-permission\/policies\/sets\/s\.yaml:6:3 error unknown-permission /,
      );
    }
  });

  it('exits 0 on a clean project and names files relative to the working directory', async () => {
    const r = await runCli(['check', 'test/fixtures/check/01-clean-project/policies', '--format', 'json'], {
      cwd: REPO,
    });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ diagnostics: [], summary: { errors: 0, warnings: 0 } });
  });

  it('gates on warnings with --max-warnings', async () => {
    const cwd = join(FIXTURES, '30-unused-fragment');
    expect((await runCli(['check', 'policies'], { cwd })).code).toBe(0);
    expect((await runCli(['check', 'policies', '--max-warnings', '1'], { cwd })).code).toBe(0);
    const r = await runCli(['check', 'policies', '--max-warnings', '0'], { cwd });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('More than --max-warnings 0.');
  });

  it('defaults to ./policies', async () => {
    const r = await runCli(['check', '--format', 'json'], { cwd: join(FIXTURES, '30-unused-fragment') });
    expect(JSON.parse(r.stdout).summary).toEqual({ errors: 0, warnings: 1 });
  });

  it.each([
    [['check', '--format', 'xml'], '--format must be human or json'],
    [['check', '--max-warnings=-1'], '--max-warnings takes a whole number'],
    [['check', '--max-warnings', 'many'], '--max-warnings takes a whole number'],
    [['check', '--bogus'], "Unknown option '--bogus'"],
    [['check', 'a', 'b'], 'check takes one directory'],
    [['frobnicate'], "unknown command 'frobnicate'"],
  ])('exits 2 on a usage error: %j', async (args, message) => {
    const r = await runCli(args, { cwd: REPO });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('reports a missing directory as one diagnostic, not a crash', async () => {
    const r = await runCli(['check', 'no/such/dir', '--format', 'json'], { cwd: REPO });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).diagnostics).toEqual([
      {
        file: 'no/such/dir',
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: 'error',
        code: 'file-unreadable',
        message: "'no/such/dir' does not exist.",
      },
    ]);
  });

  it('still reports a missing catalog in a directory that exists but holds no policies', async () => {
    const r = await runCli(['check', 'docs/images', '--format', 'json'], { cwd: REPO });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).diagnostics.map((d: { code: string }) => d.code)).toEqual(['missing-catalog']);
  });

  it('prints help and the version', async () => {
    expect((await runCli(['check', '--help'], { cwd: REPO })).stdout).toContain('Usage: permset check');
    expect((await runCli(['--version'], { cwd: REPO })).stdout).toMatch(/^permset \d+\.\d+\.\d+/);
  });
});
