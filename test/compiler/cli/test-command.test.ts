import { describe, expect, it } from 'vitest';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../../packages/compiler/src/cli/main.js';
import { NodeFileSystem } from '../../../packages/compiler/src/node/index.js';
import { REPO, runCli } from '../../helpers/cli.js';
import { tempDir } from '../../helpers/temp-dir.js';

const FIX = join(REPO, 'test', 'fixtures', 'ci');

/** Runs the CLI against a real temporary copy of a fixture, writing files for real. */
async function inCopy(project: string, args: string[]) {
  const dir = tempDir('permset-test-');
  cpSync(join(FIX, project, 'policies'), join(dir, 'policies'), { recursive: true });
  let stdout = '';
  const run = async (a: string[]) => {
    stdout = '';
    const code = await main(a, {
      stdout: (s) => (stdout += s),
      stderr: (s) => (stdout += s),
      cwd: dir,
      env: {},
      isTTY: false,
      fs: new NodeFileSystem(),
      writeFile: (p, c) => writeFileSync(join(dir, p), c),
    });
    return { code, stdout };
  };
  return { dir, run, first: await run(args) };
}

describe('permset test', () => {
  it('ends with "N passed, N failed" and exits 0 when every case passes', async () => {
    const r = await runCli(['test', 'policies'], { cwd: join(FIX, '01-clean') });
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('3 passed, 0 failed');
  });

  it('explains a failure and suggests what to change', async () => {
    const r = await runCli(['test', 'policies'], { cwd: join(FIX, '03-failing-test') });
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('FAIL staff decisions › staff sees every budget');
    expect(r.stdout).toMatch(
      /policies\/tests\/t\.yaml:\d+:\d+ expected allow, got deny for 'staff' on 'budgets\.view'/,
    );
    expect(r.stdout).toContain('DENIED (conditions-false)');
    expect(r.stdout).toContain("subject.id ('u1') is not in resource.members (['u2'])");
    expect(r.stdout).toContain('Suggestion: The grant exists but no scope applies to this request');
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('2 passed, 1 failed');
  });

  it('prints each suggestion once when a restrict left a term that another term of the grant covers (issue 13 item 11)', async () => {
    const r = await runCli(['test', 'policies'], { cwd: join(FIX, '05-restrict-redundant-terms') });
    expect(r.code).toBe(3);
    const missing =
      "would be allowed with scope member: subject.id ('u1') is not in resource.members (['u3']); via included scope own: resource.owner ('u2') != subject.id ('u1')";
    const narrowed = "'lead' narrows this grant from all to member with restrict (policies/sets/lead.yaml:7:11)";
    expect(r.stdout).toContain(
      [
        '  Grant',
        '    budgets.view: member',
        '    chain    lead',
        '    granted  by set lead (budgets.view) at policies/sets/lead.yaml:9:3',
        '    narrowed by restrict: member in lead at policies/sets/lead.yaml:7:11 (was all)',
        '',
        '  Scopes',
        '    ✘ member — Where the user is a member (does not apply)',
        "        ✘ subject.id in resource.members → false: subject.id ('u1') is not in resource.members (['u3'])",
        "        ✘ own: resource.owner == subject.id → false: resource.owner ('u2') != subject.id ('u1')",
        '',
        '  What is missing',
        `    • ${missing}`,
        `    • ${narrowed}`,
        `  Suggestion: The grant exists but no scope applies to this request: ${missing}; ${narrowed}.`,
        '',
      ].join('\n'),
    );
    // Before the fix the grant held `member` twice and every line above appeared twice.
    expect(r.stdout.split(missing).length - 1).toBe(2);
    expect(r.stdout.split('✘ member —').length - 1).toBe(1);
  });

  it('round-trips the access-matrix snapshot and fails on a difference, showing it', async () => {
    const { dir, run, first } = await inCopy('01-clean', ['test', 'policies', '--update-snapshot']);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Snapshot written to policies/access-matrix.snap.json');
    const snap = JSON.parse(readFileSync(join(dir, 'policies', 'access-matrix.snap.json'), 'utf8'));
    expect(snap).toEqual({ version: 1, sets: { staff: { 'budgets.view': 'member', 'contacts.view': 'own' } } });
    expect((await run(['test', 'policies'])).code).toBe(0);

    const set = join(dir, 'policies', 'sets', 'staff.yaml');
    writeFileSync(set, readFileSync(set, 'utf8').replace('contacts.view: own', 'contacts.view: all'));
    const changed = await run(['test', 'policies']);
    expect(changed.code).toBe(3);
    expect(changed.stdout).toContain('FAIL the access matrix differs from policies/access-matrix.snap.json (1 cell)');
    expect(changed.stdout).toContain('staff · contacts.view: own → all');
    expect(changed.stdout.trimEnd().split('\n').at(-1)).toBe('3 passed, 1 failed');
  });

  it('reports coverage and gates on it', async () => {
    const r = await runCli(['test', 'policies', '--coverage'], { cwd: join(FIX, '01-clean') });
    expect(r.stdout).toContain('Coverage: 50% of cells (1/2), 1/2 grant lines');
    expect(r.stdout).toContain('staff: contacts.view');
    expect((await runCli(['test', 'policies', '--min-coverage', '60'], { cwd: join(FIX, '01-clean') })).code).toBe(1);
    expect((await runCli(['test', 'policies', '--min-coverage', '50'], { cwd: join(FIX, '01-clean') })).code).toBe(0);
  });

  it('honours only and skip across suites', async () => {
    const { run, dir } = await inCopy('01-clean', ['test', '--help']);
    const t = join(dir, 'policies', 'tests', 't.yaml');
    writeFileSync(
      t,
      readFileSync(t, 'utf8').replace(
        '  - name: staff cannot manage settings\n',
        '  - name: staff cannot manage settings\n    only: true\n',
      ),
    );
    const onlyRun = await run(['test', 'policies']);
    expect(onlyRun.stdout.trimEnd().split('\n').at(-1)).toBe('1 passed, 0 failed, 2 skipped');
    writeFileSync(t, readFileSync(t, 'utf8').replace('    only: true\n', '    skip: true\n'));
    expect((await run(['test', 'policies'])).stdout.trimEnd().split('\n').at(-1)).toBe('2 passed, 0 failed, 1 skipped');
  });

  it('does not run tests when the policies have errors', async () => {
    const r = await runCli(['test', 'policies'], { cwd: join(FIX, '02-errors') });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no test was run');
  });

  it('prints a JSON report', async () => {
    const r = await runCli(['test', 'policies', '--format', 'json'], { cwd: join(FIX, '03-failing-test') });
    const report = JSON.parse(r.stdout);
    expect(report.summary).toEqual({ passed: 2, failed: 1, skipped: 0 });
    expect(report.results[1]).toMatchObject({
      status: 'failed',
      actual: 'deny',
      explanation: { decision: false, reason: 'conditions-false' },
    });
    expect(report.snapshot.status).toBe('missing');
  });

  it('passes without the default snapshot, but fails when a snapshot named with --snapshot is missing', async () => {
    const optional = await runCli(['test', 'policies'], { cwd: join(FIX, '01-clean') });
    expect(optional.code).toBe(0);
    const named = await runCli(['test', 'policies', '--snapshot', 'policies/no-such.snap.json'], {
      cwd: join(FIX, '01-clean'),
    });
    expect(named.code).toBe(3);
    expect(named.stdout).toContain(
      'policies/no-such.snap.json does not exist (run permset test --update-snapshot to write it)',
    );
    expect(named.stdout.trimEnd().split('\n').at(-1)).toBe('3 passed, 1 failed');
  });
});
