import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { VERSION } from '../../packages/compiler/src/version.js';
import { docShellBlocks } from './helpers/doc-commands.js';

// Adoption from outside the repository, as a team would do it, following docs/adopting.md: every
// command of its ```sh blocks runs as written and in order (docShellBlocks; the few that cannot
// run here carry a `doc-test: skip` marker with the reason): both packages packed from a
// checkout into the new project's vendor/, installed into a new CommonJS project (`npm init -y`)
// in its own git repository, `npx permset init`, check, commit, a pull request whose gain gate
// trips and then passes with an allowlist entry. Plus the compiler README's CLI lines, the
// evaluator loaded with require and with import and type-checked, and the language server from
// node_modules/.bin. Needs `npm run build` first (npm test does it); installs from npm's cache.
// The checkout next to the team's repository is a copy of this one, with its build and its
// node_modules (a link), so the doc's relative paths work as written.

const REPO = join(import.meta.dirname, '..', '..');
const ADOPTING = join(REPO, 'docs/adopting.md');
const root = mkdtempSync(join(tmpdir(), 'permset-adoption-'));
/** docs/adopting.md's layout: permset checked out next to the team's repository. */
const checkout = join(root, 'permset');
const app = join(root, 'my-app');
const tarballs = join(app, 'vendor');
const blocks = docShellBlocks(ADOPTING);
/** What `npm run build` writes into the two packages (git ignores it). */
const BUILT = [
  'packages/compiler/dist',
  'packages/compiler/schemas',
  'packages/compiler/templates/productive',
  'packages/lsp/dist',
];
/** What each command of docs/adopting.md printed, by its text. */
const printed = new Map<string, string>();
const GIT_ENV = {
  GIT_AUTHOR_NAME: 'A Team',
  GIT_AUTHOR_EMAIL: 'team@example.invalid',
  GIT_COMMITTER_NAME: 'A Team',
  GIT_COMMITTER_EMAIL: 'team@example.invalid',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

function sh(command: string, cwd = app): SpawnSyncReturns<string> {
  return spawnSync('bash', ['-c', command], {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      ...GIT_ENV,
      npm_config_audit: 'false',
      npm_config_fund: 'false',
      npm_config_update_notifier: 'false',
    },
  });
}

function ok(command: string, cwd = app): string {
  const r = sh(command, cwd);
  expect({ command, status: r.status, stderr: r.status === 0 ? '' : r.stderr + r.stdout }).toEqual({
    command,
    status: 0,
    stderr: '',
  });
  return r.stdout;
}

/** The command lines of the first ```sh block after `heading` in a Markdown file. */
function shellBlock(file: string, heading: string): string[] {
  const text = readFileSync(file, 'utf8');
  const block = text.slice(text.indexOf(heading)).match(/```sh\n([\s\S]*?)```/)![1]!;
  return block
    .replace(/\\\n\s*/g, '')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.trim().startsWith('#'));
}

/** Runs the commands of docs/adopting.md's blocks under `heading`, as written, where the block says. */
function runDocSection(heading: string): void {
  const section = blocks.filter((b) => b.heading === heading);
  expect(section.length, heading).toBeGreaterThan(0);
  for (const block of section) {
    const cwd = block.comment?.startsWith('# in ../permset') ? checkout : app;
    for (const command of block.commands) {
      const r = sh(command.text, cwd);
      expect({
        command: command.text,
        status: r.status,
        output: r.status === command.status ? '' : r.stderr + r.stdout,
      }).toEqual({ command: command.text, status: command.status, output: '' });
      printed.set(command.text, r.stdout);
    }
  }
}

beforeAll(() => {
  mkdirSync(app);
  mkdirSync(checkout);
  // The checkout as `npm ci && npm run build` leaves it: its files as they are now (tracked and
  // new), the build output of both packages, and its installed node_modules.
  ok(`git ls-files -z -co --exclude-standard | tar --null -T - -cf - | tar -xf - -C ${JSON.stringify(checkout)}`, REPO);
  ok(`tar -cf - ${BUILT.join(' ')} | tar -xf - -C ${JSON.stringify(checkout)}`, REPO);
  symlinkSync(join(REPO, 'node_modules'), join(checkout, 'node_modules'));
  ok('npm init -y && git init -q -b main');
}, 300_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('adopting permset in a new project, from the packed tarballs', { timeout: 600_000 }, () => {
  it('docs/adopting.md: every ```sh command runs, but for those its markers name, each with a reason', () => {
    expect(blocks.map((b) => b.heading)).toEqual([
      '## Install permset',
      '## Install permset',
      '## Install permset',
      '## Start the policies',
      '## Check them locally',
      '## Commit: CI is on',
      '## A pull request that changes access',
      '## A pull request that changes access',
    ]);
    expect(blocks.flatMap((b) => b.skipped.map((k) => k.text))).toEqual([
      'npm install --save-dev @permset/compiler @permset/lsp',
      'npm ci && npm run build',
    ]);
    for (const k of blocks.flatMap((b) => b.skipped)) expect(k.reason.length, k.text).toBeGreaterThan(20);
  });

  it('packs both packages from a checkout into vendor/ and installs them, as docs/adopting.md says: publishable tarballs', () => {
    runDocSection('## Install permset');
    expect(readdirSync(tarballs).sort()).toEqual([`permset-compiler-${VERSION}.tgz`, `permset-lsp-${VERSION}.tgz`]);
    const listing = ok(`tar -tzf permset-compiler-${VERSION}.tgz`, tarballs).split('\n');
    for (const f of [
      'package/README.md',
      'package/LICENSE',
      'package/bin/permset.js',
      'package/schemas/permission-set.schema.json',
      'package/templates/starter/policies/catalog.yaml',
      'package/templates/common/.github/workflows/permset.yml',
      'package/src/index.ts',
    ]) {
      expect(listing, f).toContain(f);
    }
    // Source maps point at sources that are in the tarball.
    const map = JSON.parse(ok(`tar -xzOf permset-compiler-${VERSION}.tgz package/dist/cli/main.js.map`, tarballs)) as {
      sources: string[];
    };
    expect(map.sources).toEqual(['../../src/cli/main.ts']);
    const lsp = JSON.parse(ok(`tar -xzOf permset-lsp-${VERSION}.tgz package/package.json`, tarballs)) as {
      dependencies: Record<string, string>;
      engines: Record<string, string>;
    };
    expect(lsp.dependencies['@permset/compiler']).toBe(`^${VERSION}`);
    expect(lsp.engines).toEqual({ node: '>=20.11' });
    // Installed from vendor/ (the tarballs' names in the doc are this version's).
    expect(JSON.parse(readFileSync(join(app, 'package.json'), 'utf8')).devDependencies).toEqual({
      '@permset/compiler': `file:vendor/permset-compiler-${VERSION}.tgz`,
      '@permset/lsp': `file:vendor/permset-lsp-${VERSION}.tgz`,
    });
    expect(printed.get('npx permset --version')).toBe(`permset ${VERSION}\n`);
  });

  it('`npm publish --dry-run` of each package warns of nothing but the missing login', () => {
    for (const pkg of ['packages/compiler', 'packages/lsp']) {
      const r = sh('npm publish --dry-run --ignore-scripts', join(REPO, pkg));
      expect(r.status, r.stderr).toBe(0);
      const warnings = r.stderr
        .split('\n')
        .filter((l) => l.startsWith('npm warn') && !l.includes('requires you to be logged in'));
      expect(warnings, pkg).toEqual([]);
    }
  });

  it('docs/adopting.md: `npx permset init`, the local checks and the first commit pass as written; so do the README lines', () => {
    expect(JSON.parse(readFileSync(join(app, 'package.json'), 'utf8')).type).toBe('commonjs');
    runDocSection('## Start the policies');
    expect(printed.get('npx permset init')).toContain('Wrote a permset project (starter):');
    runDocSection('## Check them locally');
    expect(printed.get('npx permset check --max-warnings 0   # errors and warnings, like a compiler')).toBe(
      '✔ No problems in 7 files.\n',
    );
    expect(printed.get('npx permset test                     # the TestSuites and the access-matrix snapshot')).toMatch(
      /\n10 passed, 0 failed\n$/,
    );
    runDocSection('## Commit: CI is on');
    expect(ok('git status --porcelain')).toBe('');
    expect(ok('git ls-files')).not.toMatch(/^(node_modules|dist)\//m);

    // The compiler README's five lines (its `init` is the one above).
    const lines = shellBlock(join(REPO, 'packages/compiler/README.md'), '## The CLI in five lines');
    expect(lines.map((l) => l.split('#')[0]!.trim())).toEqual([
      'npx permset init',
      'npx permset check --max-warnings 0',
      'npx permset test',
      'npx permset build --out dist/permissions',
      'npx permset diff main',
    ]);
    expect(ok(lines[1]!)).toBe('✔ No problems in 7 files.\n');
    expect(ok(lines[2]!)).toMatch(/\n10 passed, 0 failed\n$/);
    expect(ok(lines[3]!)).toContain('Built 3 permission sets');
    expect(ok(lines[4]!)).toContain('No access changes');
  });

  it('loads the evaluator with require and with import, and decides a request', () => {
    writeFileSync(
      join(app, 'decide.cjs'),
      "const { can } = require('./dist/permissions/evaluator.cjs');\nconsole.log(can({ id: 'u1', set: 'editor' }, 'projects.edit', { type: 'project', owner: 'u2', members: ['u1'] }), can({ id: 'u1', set: 'viewer' }, 'projects.edit', { type: 'project', owner: 'u2', members: ['u1'] }));\n",
    );
    writeFileSync(
      join(app, 'decide.mjs'),
      "import { can } from './dist/permissions/evaluator.mjs';\nconsole.log(can({ id: 'u1', set: 'editor' }, 'projects.edit', { type: 'project', owner: 'u2', members: ['u1'] }), can({ id: 'u1', set: 'editor' }, 'projects.edit', { type: 'project', owner: 'u2', members: ['u3'] }));\n",
    );
    expect(ok('node decide.cjs')).toBe('true false\n');
    expect(ok('node decide.mjs')).toBe('true false\n');
    // A custom set an admin made at run time, decided through the CommonJS custom-sets module
    // (which requires the evaluator.cjs next to it), in the same CommonJS project.
    writeFileSync(
      join(app, 'tenant.cjs'),
      "const { withCustomSets } = require('./dist/permissions/custom-sets.cjs');\nconst tenant = withCustomSets([{ id: 'reviewer', name: 'Reviewer', extends: 'viewer', grants: { 'projects.edit': 'member' } }], { grantor: 'editor' });\nconsole.log(tenant.ok, tenant.can({ id: 'u1', set: 'reviewer' }, 'projects.edit', { type: 'project', owner: 'u2', members: ['u1'] }), tenant.can({ id: 'u1', set: 'reviewer' }, 'projects.edit', { type: 'project', owner: 'u2', members: [] }), tenant.can({ id: 'u1', set: 'viewer' }, 'projects.edit', { type: 'project', owner: 'u2', members: ['u1'] }));\n",
    );
    expect(ok('node tenant.cjs')).toBe('true true false false\n');
    // docs/adopting.md's snippet, as written, in the CommonJS project.
    const adopting = readFileSync(ADOPTING, 'utf8').match(/```js\n([\s\S]*?)```/)![1]!;
    writeFileSync(
      join(app, 'adopting.cjs'),
      adopting.replace(/^(can\(.*\));\s*\/\/ (\w+)$/m, 'console.log($1); // $2'),
    );
    expect(ok('node adopting.cjs')).toBe('true\n');
    // The README's own snippet, as written, in an ES module.
    const snippet = readFileSync(join(REPO, 'packages/compiler/README.md'), 'utf8').match(/```js\n([\s\S]*?)```/)![1]!;
    writeFileSync(join(app, 'readme.mjs'), snippet.replace(/^(can\(.*\));\s*\/\/ (\w+)$/m, 'console.log($1); // $2'));
    expect(ok('node readme.mjs')).toBe('true\n');
  });

  it('type-checks a TypeScript file against the declarations, and rejects a typo', () => {
    writeFileSync(
      join(app, 'guard.ts'),
      "import { can, type Subject } from './dist/permissions/evaluator.cjs';\n\nconst user: Subject = { id: 'u1', set: 'editor' };\nexport const allowed: boolean = can(user, 'projects.edit', { type: 'project', owner: 'u2', members: ['u1'] });\n// @ts-expect-error: no such permission\ncan(user, 'projects.edt', { type: 'project', owner: 'u2', members: ['u1'] });\n",
    );
    const tsc = `node ${JSON.stringify(join(REPO, 'node_modules/typescript/bin/tsc'))}`;
    ok(`${tsc} --noEmit --strict --module nodenext --moduleResolution nodenext guard.ts`);
    writeFileSync(
      join(app, 'typo.ts'),
      "import { can } from './dist/permissions/evaluator.cjs';\ncan({ id: 'u1', set: 'editr' }, 'projects.edit', { type: 'project', owner: 'u2', members: [] });\n",
    );
    const r = sh(`${tsc} --noEmit --strict --module nodenext --moduleResolution nodenext typo.ts`);
    expect(r.status).toBe(2);
    expect(r.stdout).toContain(
      "typo.ts(2,17): error TS2820: Type '\"editr\"' is not assignable to type 'SetId'. Did you mean '\"editor\"'?",
    );
  });

  it('docs/adopting.md: a branch that gives a set more access; diff shows it with its line, the gain gate trips, and passes with an allowlist entry', () => {
    runDocSection('## A pull request that changes access');
    const diff = printed.get('npx permset diff main                          # who gains what, through inheritance')!;
    expect(diff).toContain(
      'editor\n  + gains projects.members.manage (member) via policies/sets/system/editor.yaml:9\n',
    );
    expect(diff).toContain('1 set changed · 1 cell: 1 gained');
    expect(printed.get('npx permset ci --base main --fail-on gain      # exit 1: the gain gate trips')).toContain(
      '✖ gate diff --fail-on gain: 1 unallowed change',
    );
    const allowed = printed.get(
      'npx permset ci --base main --fail-on gain --allow .github/permset-allowlist.yaml   # passes',
    )!;
    expect(allowed).toContain('projects.members.manage');
    expect(allowed).not.toContain('✖ gate');
  });

  it('node_modules/.bin/permset-language-server --stdio reports a typo', async () => {
    const server = spawn(join(app, 'node_modules/.bin/permset-language-server'), ['--stdio'], {
      cwd: app,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    server.stderr.on('data', (d) => (stderr += d));
    const client = createMessageConnection(
      new StreamMessageReader(server.stdout),
      new StreamMessageWriter(server.stdin),
    );
    const file = join(app, 'policies/sets/custom/project-lead.yaml');
    const uri = pathToFileURL(file).href;
    const diagnostics = new Promise<{ code: string; message: string }[]>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for the typo; stderr: ${stderr}`)), 60_000);
      client.onNotification(
        'textDocument/publishDiagnostics',
        (p: { uri: string; diagnostics: { code: string; message: string }[] }) => {
          if (p.uri === uri && p.diagnostics.length > 0) {
            clearTimeout(timer);
            resolve(p.diagnostics);
          }
        },
      );
    });
    client.onRequest('client/registerCapability', () => null);
    client.onRequest('workspace/configuration', () => [null]);
    client.listen();
    try {
      await client.sendRequest('initialize', {
        processId: process.pid,
        rootUri: pathToFileURL(app).href,
        workspaceFolders: [{ uri: pathToFileURL(app).href, name: 'app' }],
        capabilities: {},
      });
      client.sendNotification('initialized', {});
      const text = readFileSync(file, 'utf8') + 'grants:\n  projects.veiw: all\n';
      client.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
      const found = await diagnostics;
      const typo = found.find((d) => d.code === 'unknown-permission');
      expect(typo?.message).toMatch(/^Unknown permission 'projects\.veiw'\. Did you mean 'projects\.view'/);
    } finally {
      client.dispose();
      server.kill();
    }
  });
});
