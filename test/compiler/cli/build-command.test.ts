import { describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO, runCli } from '../../helpers/cli.js';
import { writeFilesAtomically } from '../../../packages/compiler/src/node/index.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { BUILD_ARTIFACTS } from '../../helpers/build-artifacts.js';

const ARTIFACTS = BUILD_ARTIFACTS;

describe('permset build', () => {
  it('writes the evaluator and the four matrix reports for the shipped policies', async () => {
    const files = new Map<string, string | Uint8Array>();
    const r = await runCli(['build', 'policies', '--out', 'out'], { cwd: REPO, files });
    expect(r.code).toBe(0);
    expect([...files.keys()].sort()).toEqual(ARTIFACTS.map((f) => `out/${f}`));
    expect(r.stdout).toMatch(
      /^Built 21 permission sets × 75 permissions into out\/: builder\.html, builder\.js, custom-set\.schema\.json, custom-sets\.cjs, custom-sets\.d\.cts, custom-sets\.d\.mts, custom-sets\.d\.ts, custom-sets\.js, custom-sets\.mjs, evaluator\.cjs, evaluator\.d\.cts, evaluator\.d\.mts, evaluator\.d\.ts, evaluator\.js, evaluator\.mjs, matrix\.csv/,
    );
    const policy = JSON.parse(files.get('out/policy.json') as string);
    expect(policy.sets.find((s: { id: string }) => s.id === 'admin').at.file).toBe('policies/sets/system/admin.yaml');
  });

  it('writes nothing when the policies have errors', async () => {
    const files = new Map<string, string | Uint8Array>();
    const r = await runCli(['build', 'policies', '--out', 'out'], {
      cwd: join(REPO, 'test/fixtures/check/16-unknown-permission'),
      files,
    });
    expect(r.code).toBe(1);
    expect(files.size).toBe(0);
    expect(r.stderr).toContain("error unknown-permission Unknown permission 'contacts.veiw'");
    expect(r.stderr).toContain('nothing written');
  });

  it('is byte-identical across checkout paths and working directories', async () => {
    const a = tempDir('permset-a-');
    const b = tempDir('permset-b-deeper-');
    cpSync(join(REPO, 'policies'), join(a, 'policies'), { recursive: true });
    mkdirSync(join(b, 'x', 'y'), { recursive: true });
    cpSync(join(REPO, 'policies'), join(b, 'x', 'y', 'policies'), { recursive: true });
    const fa = new Map<string, string | Uint8Array>();
    const fb = new Map<string, string | Uint8Array>();
    expect((await runCli(['build', 'policies', '--out', 'o'], { cwd: a, files: fa })).code).toBe(0);
    expect(
      (await runCli(['build', join(b, 'x', 'y', 'policies'), '--out', 'o'], { cwd: tmpdir(), files: fb })).code,
    ).toBe(0);
    for (const f of ARTIFACTS) expect(fb.get(`o/${f}`), f).toEqual(fa.get(`o/${f}`));
  });

  it('replaces artifacts atomically and keeps other files in the folder', () => {
    const dir = tempDir('permset-out-');
    writeFileSync(join(dir, 'keep.txt'), 'mine');
    writeFilesAtomically(dir, { 'a.js': 'one', 'sub/b.json': '{}' });
    writeFilesAtomically(dir, { 'a.js': 'two' });
    expect(readFileSync(join(dir, 'a.js'), 'utf8')).toBe('two');
    expect(readFileSync(join(dir, 'keep.txt'), 'utf8')).toBe('mine');
    expect(existsSync(join(dir, 'sub', 'b.json'))).toBe(true);
    // No staging folder is left behind next to the output.
    expect(readdirSync(join(dir, '..')).filter((n) => n.startsWith(`.${dir.split('/').pop()}.tmp-`))).toEqual([]);
  });

  it('--target cedar writes only the Cedar export, --target all writes both', async () => {
    const cedarFiles = [
      'README.md',
      'entities.cjs',
      'entities.d.cts',
      'entities.d.mts',
      'entities.d.ts',
      'entities.js',
      'entities.mjs',
      'policies.cedar',
      'policies.json',
      'schema.cedarschema',
      'schema.cedarschema.json',
    ].map((f) => `out/cedar/${f}`);
    const cedar = new Map<string, string | Uint8Array>();
    const r = await runCli(['build', 'policies', '--target', 'cedar', '--out', 'out'], { cwd: REPO, files: cedar });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect([...cedar.keys()].sort()).toEqual(cedarFiles);
    expect(cedar.get('out/cedar/policies.cedar')).toContain('principal in Permset::Role::"admin"');
    const all = new Map<string, string | Uint8Array>();
    expect(
      (await runCli(['build', 'policies', '--target', 'all', '--out', 'out'], { cwd: REPO, files: all })).code,
    ).toBe(0);
    expect([...all.keys()].sort()).toEqual([...cedarFiles, ...ARTIFACTS.map((f) => `out/${f}`)].sort());
    for (const f of cedarFiles) expect(all.get(f), f).toBe(cedar.get(f));
  });

  it('--target cedar prints what Cedar cannot express like diagnostics, writes nothing and exits 1', async () => {
    const dir = join(REPO, 'test/compiler/emit/cedar/fixtures/unexportable');
    const files = new Map<string, string | Uint8Array>();
    const r = await runCli(['build', 'policies', '--target', 'cedar', '--out', 'out'], { cwd: dir, files });
    expect(r.code).toBe(1);
    expect(files.size).toBe(0);
    const lines = r.stderr.split('\n').filter((l) => l.includes(' error '));
    expect(lines.map((l) => l.split(': The condition')[0])).toEqual([
      'policies/catalog.yaml:15:11 error cedar-unexportable scope deep',
      'policies/writer.yaml:10:13 error cedar-unexportable writer: docs.edit in scope all',
    ]);
    expect(lines[0]).toContain('its exact Cedar translation would be 150,246 characters long (the limit is 100,000)');
    expect(r.stderr).toContain('permset build: nothing written, 2 conditions cannot be exported to Cedar.');
    // The evaluator expresses it: the default target builds.
    expect((await runCli(['build', 'policies', '--out', 'out'], { cwd: dir, files })).code).toBe(0);
  });

  it('rejects an unknown --target with exit 2', async () => {
    const r = await runCli(['build', 'policies', '--target', 'opa'], { cwd: REPO });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--target must be evaluator, cedar or all, not 'opa'");
  });

  it('prints usage errors with exit 2', async () => {
    const r = await runCli(['build', 'a', 'b'], { cwd: REPO });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('build takes one directory');
  });
});
