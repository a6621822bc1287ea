import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync, type Dirent } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { CliIO } from '../../../packages/compiler/src/cli/cli-io.js';
import { main } from '../../../packages/compiler/src/cli/main.js';
import { NodeFileSystem, writeFilesAtomically } from '../../../packages/compiler/src/node/index.js';
import { compile } from '../../../packages/compiler/src/program/index.js';
import { buildPolicyModel } from '../../../packages/compiler/src/policy-model/index.js';
import { REPO } from '../../helpers/cli.js';
import { tempDir } from '../../helpers/temp-dir.js';

// `permset init` through the CLI, on real folders: what it writes, that the result passes the
// CI commands as written, and every refusal (exit 2, nothing written).

const STARTER_FILES = [
  '.github/permset-allowlist.yaml',
  '.github/workflows/permset.yml',
  '.vscode/extensions.json',
  '.vscode/settings.json',
  'policies/access-matrix.snap.json',
  'policies/catalog.yaml',
  'policies/fragments/project-ownership.yaml',
  'policies/guards/only-owners-delete.yaml',
  'policies/sets/custom/project-lead.yaml',
  'policies/sets/system/editor.yaml',
  'policies/sets/system/viewer.yaml',
  'policies/tests/projects.yaml',
];

async function permset(
  args: string[],
  cwd: string,
  writeFiles: NonNullable<CliIO['writeFiles']> = writeFilesAtomically,
) {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    cwd,
    env: {},
    isTTY: false,
    fs: new NodeFileSystem(),
    writeFile: (path, content) => writeFileSync(join(cwd, path), content),
    writeFiles,
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

/** Every file under `dir`, relative, sorted. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as Dirent[])
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).replace(/\\/g, '/'))
    .sort();
}

describe('permset init', () => {
  it('writes the starter project, which passes check --max-warnings 0, test and fmt --check as written', async () => {
    const dir = tempDir('permset-init-');
    writeFileSync(join(dir, 'package.json'), '{ "name": "app" }\n'); // an existing project's files are fine
    const init = await permset(['init'], dir);
    expect(init).toMatchObject({ code: 0, stderr: '' });
    expect(init.stdout).toContain(
      'Wrote a permset project (starter):\n' + STARTER_FILES.map((f) => `  ${f}\n`).join(''),
    );
    expect(init.stdout).toContain('npx permset check --max-warnings 0');
    expect(filesUnder(dir)).toEqual([...STARTER_FILES, 'package.json'].sort());

    expect(await permset(['check', '--max-warnings', '0'], dir)).toEqual({
      code: 0,
      stdout: '✔ No problems in 7 files.\n',
      stderr: '',
    });
    const test = await permset(['test'], dir);
    expect(test.code).toBe(0);
    expect(test.stdout).toMatch(/\n10 passed, 0 failed\n$/);
    expect(test.stdout).not.toContain('No access-matrix snapshot');
    expect(await permset(['fmt', '--check'], dir)).toEqual({
      code: 0,
      stdout: 'All 7 files are formatted.\n',
      stderr: '',
    });
  });

  it('has what the help promises: one area, two system sets (one extending the other), a custom set, a fragment, a guard, a suite', async () => {
    const dir = tempDir('permset-init-');
    await permset(['init'], dir);
    const policies = filesUnder(join(dir, 'policies')).filter((f) => f.endsWith('.yaml'));
    const kinds = policies
      .map((f) => (parse(readFileSync(join(dir, 'policies', f), 'utf8')) as { kind: string }).kind)
      .sort();
    expect(kinds).toEqual([
      'Catalog',
      'Fragment',
      'Guard',
      'PermissionSet',
      'PermissionSet',
      'PermissionSet',
      'TestSuite',
    ]);
    const result = compile(
      policies.map((f) => ({ uri: `policies/${f}`, text: readFileSync(join(dir, 'policies', f), 'utf8') })),
    );
    expect(result.diagnostics).toEqual([]);
    const model = buildPolicyModel(result);
    expect(model.areas.map((a) => a.id)).toEqual(['projects']);
    expect(model.sets.map((s) => ({ id: s.id, system: s.system, extends: s.extends }))).toEqual([
      { id: 'viewer', system: true, extends: undefined },
      { id: 'editor', system: true, extends: 'viewer' },
      { id: 'project-lead', system: false, extends: 'editor' },
    ]);
    expect(JSON.parse(readFileSync(join(dir, '.vscode/extensions.json'), 'utf8'))).toEqual({
      recommendations: ['permset.permset-vscode', 'redhat.vscode-yaml'],
    });
    // The schemas the settings name are the ones the package exports.
    const settings = JSON.parse(readFileSync(join(dir, '.vscode/settings.json'), 'utf8')) as {
      'yaml.schemas': Record<string, string>;
    };
    for (const schema of Object.keys(settings['yaml.schemas'])) {
      expect(
        existsSync(join(REPO, 'packages/compiler', schema.replace('./node_modules/@permset/compiler/', ''))),
        schema,
      ).toBe(true);
    }
  });

  it('writes into a new folder DIR and says to cd there', async () => {
    const cwd = tempDir('permset-init-');
    const init = await permset(['init', 'my app'], cwd);
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('Wrote a permset project in my app (starter):');
    expect(init.stdout).toContain('  cd "my app"\n');
    expect(filesUnder(join(cwd, 'my app'))).toEqual(STARTER_FILES);
  });

  it('--example productive writes the shipped policies, which pass check and test', async () => {
    const dir = tempDir('permset-init-');
    const init = await permset(['init', '--example', 'productive'], dir);
    expect(init).toMatchObject({ code: 0, stderr: '' });
    const shipped = filesUnder(join(REPO, 'policies')).filter((f) => f !== 'README.md');
    expect(filesUnder(join(dir, 'policies'))).toEqual(shipped);
    for (const f of shipped)
      expect(readFileSync(join(dir, 'policies', f), 'utf8'), f).toBe(readFileSync(join(REPO, 'policies', f), 'utf8'));
    expect(filesUnder(join(dir, '.github'))).toEqual(['permset-allowlist.yaml', 'workflows/permset.yml']);
    expect((await permset(['check', '--max-warnings', '0'], dir)).code).toBe(0);
    expect((await permset(['test'], dir)).stdout).toMatch(/\n\d+ passed, 0 failed\n$/);
  });

  describe('writes nothing and exits 2', () => {
    it('when a file it would write exists, listing each', async () => {
      const dir = tempDir('permset-init-');
      mkdirSync(join(dir, '.vscode'));
      writeFileSync(join(dir, '.vscode/settings.json'), '{}');
      mkdirSync(join(dir, '.github/workflows'), { recursive: true });
      writeFileSync(join(dir, '.github/workflows/permset.yml'), 'name: mine\n');
      const r = await permset(['init'], dir);
      expect(r).toEqual({
        code: 2,
        stdout: '',
        stderr:
          'permset init: These files exist already, and permset init never overwrites a file:\n  .github/workflows/permset.yml\n  .vscode/settings.json\n' +
          'Move them away (or merge by hand) and run permset init again.\nNothing was written.\n',
      });
      expect(filesUnder(dir)).toEqual(['.github/workflows/permset.yml', '.vscode/settings.json']);
      expect(readFileSync(join(dir, '.vscode/settings.json'), 'utf8')).toBe('{}');
    });

    it('when policies/ already has files', async () => {
      const dir = tempDir('permset-init-');
      mkdirSync(join(dir, 'policies/sets'), { recursive: true });
      writeFileSync(join(dir, 'policies/sets/admin.yaml'), 'kind: PermissionSet\n');
      const r = await permset(['init'], dir);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(
        'permset init: policies/ already has files:\n  policies/sets\npermset init starts a new policy folder; to check the one you have, run permset check policies.\nNothing was written.\n',
      );
      expect(filesUnder(dir)).toEqual(['policies/sets/admin.yaml']);
    });

    it('when the folder is inside a policy folder (a catalog in it or above it)', async () => {
      const dir = tempDir('permset-init-');
      await permset(['init'], dir);
      const before = filesUnder(dir);
      for (const inner of ['policies', 'policies/sets', 'policies/sets/new-folder']) {
        const r = await permset(['init', inner], dir);
        expect(r.code, inner).toBe(2);
        expect(r.stderr).toBe(
          `permset init: ${join(dir, inner)} is inside an existing policy folder (${join(dir, 'policies/catalog.yaml')} is its catalog). Run permset init in the project folder that should hold a new policies/ folder, outside any other.\nNothing was written.\n`,
        );
      }
      expect(filesUnder(dir)).toEqual(before);
    });

    it('when the folder cannot be written (a read-only folder)', async () => {
      const dir = tempDir('permset-init-');
      const readOnly: NonNullable<CliIO['writeFiles']> = (target) => {
        throw Object.assign(new Error(`EACCES: permission denied, mkdir '${target}/policies'`), {
          code: 'EACCES',
          syscall: 'mkdir',
          path: `${target}/policies`,
        });
      };
      const r = await permset(['init'], dir, readOnly);
      expect(r).toEqual({
        code: 2,
        stdout: '',
        stderr: `permset init: cannot write '${dir}/policies': permission denied. Nothing was written.\n`,
      });
      expect(filesUnder(dir)).toEqual([]);
    });

    it('when DIR is a file', async () => {
      const dir = tempDir('permset-init-');
      writeFileSync(join(dir, 'notes'), '');
      expect(await permset(['init', 'notes'], dir)).toEqual({
        code: 2,
        stdout: '',
        stderr: `permset init: ${join(dir, 'notes')} is a file, not a folder.\nNothing was written.\n`,
      });
    });

    it('for an unknown example or a second folder (usage errors)', async () => {
      const dir = tempDir('permset-init-');
      const r = await permset(['init', '--example', 'nope'], dir);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(
        "permset init: --example must be starter or productive, not 'nope'\nRun 'permset init --help' for the options.\n",
      );
      expect((await permset(['init', 'a', 'b'], dir)).stderr).toMatch(
        /^permset init: init takes one directory, got 2: a b\n/,
      );
      expect(filesUnder(dir)).toEqual([]);
    });
  });
});

describe('permset check on a folder without policies', () => {
  it('says how to start', async () => {
    const dir = tempDir('permset-empty-');
    const r = await permset(['check'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      "policies:1:1 error file-unreadable 'policies' does not exist.\n\n✖ 1 error, 0 warnings in 0 files.\n" +
        "No policy files in 'policies'. To start a project, run: npx permset init (permset init --help for what it writes).\n",
    );
  });
});
