import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeFileSystem } from '../../../packages/compiler/src/node/index.js';
import { WorkspaceSet } from '../../../packages/lsp/src/language-service/workspace-set.js';
import { diffRequest } from '../../../packages/lsp/src/server/diff-request.js';
import { compiledWorkspace } from '../../../packages/lsp/src/server/compiled-workspace.js';
import { runCli } from '../../helpers/cli.js';
import { PROJECT } from '../../lsp/helpers.js';

// The CLI and the language server call the same use cases (packages/compiler/src/project/): for
// the same BASE they print the same diff, and they report a policy folder that cannot be read
// the same way (its problem, and no `missing-catalog` on top of it).

const GIT_ENV = {
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 't',
  GIT_AUTHOR_EMAIL: 't@permset.invalid',
  GIT_COMMITTER_NAME: 't',
  GIT_COMMITTER_EMAIL: 't@permset.invalid',
};

let repo: string;
const git = (...args: string[]) =>
  execFileSync('git', args, { cwd: repo, env: { ...process.env, ...GIT_ENV }, stdio: 'pipe', encoding: 'utf8' });
const write = (relative: string, text: string) => {
  mkdirSync(dirname(join(repo, relative)), { recursive: true });
  writeFileSync(join(repo, relative), text);
};

beforeAll(() => {
  repo = mkdtempSync(join(tmpdir(), 'permset-agree-'));
  git('-c', 'init.defaultBranch=main', 'init', '-q');
  write('README.md', 'no policies yet\n');
  git('add', '-A');
  git('commit', '-q', '-m', 'no policy folder');
  git('tag', 'no-folder');
  write('policies/sets/base.yaml', PROJECT['sets/base.yaml']!);
  git('add', '-A');
  git('commit', '-q', '-m', 'a set without a catalog');
  git('tag', 'no-catalog');
  for (const [rel, text] of Object.entries(PROJECT)) write(`policies/${rel}`, text);
  git('add', '-A');
  git('commit', '-q', '-m', 'policies');
});

afterAll(() => rmSync(repo, { recursive: true, force: true }));

function editorDiff(ref: string) {
  const ws = new WorkspaceSet(new NodeFileSystem()).addFolder(pathToFileURL(repo).href);
  return diffRequest(compiledWorkspace(ws), { ref });
}

describe('the CLI and the language server give the same diff', () => {
  it('for a BASE whose policy folder is missing (everything in HEAD is new)', async () => {
    const cli = await runCli(['diff', 'no-folder', '--format', 'md'], { cwd: repo });
    const editor = editorDiff('no-folder');
    expect(cli.code).toBe(0);
    expect(cli.stderr).toBe('');
    expect(editor.markdown).toBe(cli.stdout);
    expect(editor.base).toMatch(/^no-folder \([0-9a-f]{7}\), without policies$/);
    expect([editor.summary.sets.added, editor.summary.sets.removed]).toEqual([3, 0]);
  });

  it('for a BASE whose policy folder has no catalog (the same missing-catalog error on both)', async () => {
    const cli = await runCli(['diff', 'no-catalog', '--format', 'md'], { cwd: repo });
    const editor = editorDiff('no-catalog');
    expect(editor.markdown).toBe(cli.stdout);
    expect(cli.stderr).toBe(
      'permset diff: BASE (no-catalog (' +
        git('rev-parse', '--short', 'no-catalog').trim() +
        ')) has 1 error; comparing what compiles.\n  policies/sets/base.yaml:1:1 missing-catalog The project has no Catalog (a document with `kind: Catalog`): permissions, scopes and seats cannot be checked.\n',
    );
    expect(cli.stdout).toContain('1 error');
  });

  it('for a BASE equal to HEAD', async () => {
    const cli = await runCli(['diff', 'HEAD', '--format', 'md'], { cwd: repo });
    expect(editorDiff('HEAD').markdown).toBe(cli.stdout);
    expect(cli.stdout).toContain('No access changes.');
  });
});

describe('a policy folder that cannot be read', () => {
  it('is one problem in the CLI and in the editor, without a missing-catalog on top', async () => {
    const cli = await runCli(['check', 'nowhere', '--format', 'json'], { cwd: repo });
    expect(cli.code).toBe(1);
    expect(
      JSON.parse(cli.stdout).diagnostics.map((d: { code: string; message: string }) => [d.code, d.message]),
    ).toEqual([['file-unreadable', "'nowhere' does not exist."]]);
    const ws = new WorkspaceSet(new NodeFileSystem(), { policyFolder: 'nowhere' }).addFolder(pathToFileURL(repo).href);
    const editor = [...ws.diagnostics().values()].flat().map((d) => [d.code, d.message]);
    expect(editor).toEqual([['file-unreadable', `'${join(repo, 'nowhere')}' does not exist.`]]);
  });
});
