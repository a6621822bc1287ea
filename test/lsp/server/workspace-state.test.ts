import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { NodeFileSystem } from '../../../packages/compiler/src/node/index.js';
import { WorkspaceSet } from '../../../packages/lsp/src/language-service/workspace-set.js';
import { fileSymbols } from '../../../packages/lsp/src/language-service/symbol-index.js';
import type { PolicyWorkspace } from '../../../packages/lsp/src/language-service/policy-workspace.js';
import { compiledWorkspace } from '../../../packages/lsp/src/server/compiled-workspace.js';
import { diffRequest } from '../../../packages/lsp/src/server/diff-request.js';
import { explainRequest } from '../../../packages/lsp/src/server/explain-request.js';
import { REPO } from '../../helpers/cli.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { PROJECT, serviceFor, uriOf } from '../helpers.js';

// The language server's caches are state of the workspace that made them (WorkspaceState), as
// the compiler's CompileCache is Program's: two language services in one process (a test run,
// a host serving several windows) share no entry, and closing a workspace drops what it cached.

const workspaceOf = (files: Record<string, string> = PROJECT): PolicyWorkspace =>
  serviceFor(files).workspaces.all()[0]!;
const EXPLAIN = {
  set: 'client',
  permission: 'budgets.view',
  subject: { id: 'u1', can_access_budgets: true },
  resource: { members: ['u1'], client_access: true },
};

describe('per-workspace state of the language server', () => {
  it('starts empty and fills only the workspace that answered a request', async () => {
    const a = workspaceOf();
    const b = workspaceOf();
    expect(a.state.names()).toEqual([]);
    const explained = await explainRequest(compiledWorkspace(a), EXPLAIN);
    fileSymbols(a, a.loaded(uriOf('sets/base.yaml'))!);
    expect(a.state.names()).toEqual(['policy models', 'evaluators', 'file symbols']);
    expect(b.state.names()).toEqual([]);
    // The same answers from the other service, from its own state.
    expect(await explainRequest(compiledWorkspace(b), EXPLAIN)).toEqual(explained);
    expect(b.state.names()).toEqual(['policy models', 'evaluators']);
  });

  it('keeps one policy model per compilation in each workspace, never another workspace’s', () => {
    const a = workspaceOf();
    const b = workspaceOf();
    const modelA = compiledWorkspace(a).model;
    expect(compiledWorkspace(a).model).toBe(modelA);
    const modelB = compiledWorkspace(b).model;
    expect(modelB).not.toBe(modelA);
    expect(modelB).toEqual(modelA);
  });

  it('indexes the same loaded file object once per workspace: a second service never reads the first one’s entry', () => {
    const a = workspaceOf();
    const b = workspaceOf();
    const loaded = a.loaded(uriOf('sets/manager.yaml'))!;
    const inA = fileSymbols(a, loaded);
    expect(fileSymbols(a, loaded)).toBe(inA);
    const inB = fileSymbols(b, loaded);
    expect(inB).not.toBe(inA);
    expect(inB).toEqual(inA);
    expect(inA.symbols.map((s) => `${s.ref.kind}:${s.ref.name}`)).toEqual(
      expect.arrayContaining(['set:manager', 'set:base', 'fragment:budget-admin', 'permission:settings.manage']),
    );
  });

  it('compiles a diff BASE into the asking workspace’s cache only', () => {
    const repo = tempDir('permset-state-');
    const env = {
      ...process.env,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@permset.invalid',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@permset.invalid',
    };
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, env, stdio: 'pipe' });
    git('-c', 'init.defaultBranch=main', 'init', '-q');
    for (const [rel, text] of Object.entries(PROJECT)) {
      mkdirSync(dirname(join(repo, 'policies', rel)), { recursive: true });
      writeFileSync(join(repo, 'policies', rel), text);
    }
    git('add', '-A');
    git('commit', '-q', '-m', 'policies');
    const open = () => new WorkspaceSet(new NodeFileSystem()).addFolder(pathToFileURL(repo).href);
    const a = open();
    const b = open();
    const fromA = diffRequest(compiledWorkspace(a), { ref: 'HEAD' });
    expect(a.state.names()).toContain('diff bases');
    expect(b.state.names()).not.toContain('diff bases');
    expect(diffRequest(compiledWorkspace(b), { ref: 'HEAD' })).toEqual({ ...fromA, folderUri: b.folderUri });
    expect(b.state.names()).toContain('diff bases');
  });

  it('keeps no cache at module level anywhere in the language server', () => {
    const root = join(REPO, 'packages/lsp/src');
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    const moduleLevel =
      /^(?:export )?(?:const|let|var) \w+(?:: [^=]+)? = new (?:WeakMap|Map|Set|WeakSet|RevisionCache|\w*Cache)\b/m;
    expect(files.filter((f) => moduleLevel.test(readFileSync(join(root, f), 'utf8')))).toEqual([]);
    // The pattern finds what it looks for (self-check).
    expect(moduleLevel.test('const evaluators = new WeakMap<PolicyModel, Promise<unknown>>();')).toBe(true);
    expect(moduleLevel.test('const bases = new RevisionCache(4);')).toBe(true);
    expect(moduleLevel.test('  private readonly slots = new Map();')).toBe(false);
  });
});
