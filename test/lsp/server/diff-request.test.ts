import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../../packages/compiler/src/cli/command-table.js';
import { diffCommand } from '../../../packages/compiler/src/cli/commands/diff-command.js';
import type { CliIO } from '../../../packages/compiler/src/cli/cli-io.js';
import { NodeFileSystem } from '../../../packages/compiler/src/node/index.js';
// The server's own git reader (the built package), so its GitError is the class the server checks.
import { NODE_GIT, openRepository } from '@permset/compiler/node';
import type { GitAccess } from '@permset/compiler/project';
import { ResponseError } from 'vscode-languageserver';
import { DIFF_REQUEST, type DiffResult } from '../../../packages/lsp/src/server/custom-protocol.js';
import { diffRequest } from '../../../packages/lsp/src/server/diff-request.js';
import { compiledWorkspace } from '../../../packages/lsp/src/server/compiled-workspace.js';
import { WorkspaceSet } from '../../../packages/lsp/src/language-service/workspace-set.js';
import { PROJECT } from '../helpers.js';
import { startSession, type Session } from './lsp-session.js';

// `permset/diff` on a real git repository: the working tree as the editor has it against a
// revision, equal to what `permset diff REV --format md` prints for the same files.

const GIT_ENV = {
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 't',
  GIT_AUTHOR_EMAIL: 't@permset.invalid',
  GIT_COMMITTER_NAME: 't',
  GIT_COMMITTER_EMAIL: 't@permset.invalid',
};
const GAIN = PROJECT['sets/base.yaml']!.replace(
  '  contacts.view: all\n',
  '  contacts.view: all\n  settings.manage: all\n',
);

let repo: string;
let session: Session | undefined;
const git = (...args: string[]) =>
  execFileSync('git', args, { cwd: repo, env: { ...process.env, ...GIT_ENV }, stdio: 'pipe', encoding: 'utf8' });
const write = (relative: string, text: string) => {
  mkdirSync(dirname(join(repo, relative)), { recursive: true });
  writeFileSync(join(repo, relative), text);
};

beforeAll(() => {
  repo = mkdtempSync(join(tmpdir(), 'permset-vscode-diff-'));
  git('-c', 'init.defaultBranch=main', 'init', '-q');
  write('README.md', 'no policies yet\n');
  git('add', '-A');
  git('commit', '-q', '-m', 'empty');
  git('tag', 'empty');
  for (const [rel, text] of Object.entries(PROJECT)) write(`policies/${rel}`, text);
  git('add', '-A');
  git('commit', '-q', '-m', 'policies');
});

afterEach(() => {
  session?.dispose();
  session = undefined;
  write('policies/sets/base.yaml', PROJECT['sets/base.yaml']!);
});

afterAll(() => rmSync(repo, { recursive: true, force: true }));

function cliDiff(args: string[]): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    cwd: repo,
    env: {},
    isTTY: false,
    fs: new NodeFileSystem(),
    writeFile: () => undefined,
    writeFiles: () => undefined,
  };
  const code = runCommand(diffCommand, args, io) as number;
  return { code, stdout, stderr };
}

async function open(relative: string, text: string): Promise<void> {
  session = session ?? (await startSession(new NodeFileSystem(), { folder: pathToFileURL(repo).href }));
  await session.client.sendNotification('textDocument/didOpen', {
    textDocument: { uri: pathToFileURL(join(repo, relative)).href, languageId: 'yaml', version: 1, text },
  });
}

async function failure(params: unknown): Promise<{ code: number; message: string }> {
  session = session ?? (await startSession(new NodeFileSystem(), { folder: pathToFileURL(repo).href }));
  try {
    await session.client.sendRequest(DIFF_REQUEST, params);
  } catch (e) {
    return { code: (e as { code: number }).code, message: (e as Error).message };
  }
  throw new Error('permset/diff did not fail');
}

describe('permset/diff', () => {
  it('is the report `permset diff HEAD --format md` prints for the same working tree', async () => {
    write('policies/sets/base.yaml', GAIN);
    await open('policies/sets/base.yaml', GAIN);
    const result = await session!.client.sendRequest<DiffResult>(DIFF_REQUEST, { ref: 'HEAD' });
    const cli = cliDiff(['HEAD', '--format', 'md']);
    expect(cli.code).toBe(0);
    expect(result.markdown).toBe(cli.stdout);
    expect(result.base).toMatch(/^HEAD \([0-9a-f]{7}\)$/);
    expect([result.head, result.ref, result.errors, result.folderUri]).toEqual([
      'working tree',
      'HEAD',
      0,
      pathToFileURL(repo).href,
    ]);
    expect([result.summary.cells.gain, result.summary.cells.total, result.summary.sets.changed]).toEqual([1, 1, 1]);
    expect(result.markdown).toContain('| gained | `settings.manage` | — | `all` | `policies/sets/base.yaml:8` |');
  });

  it('diffs unsaved text (the file on disk is unchanged)', async () => {
    await open('policies/sets/base.yaml', GAIN);
    const result = await session!.client.sendRequest<DiffResult>(DIFF_REQUEST, {
      uri: pathToFileURL(join(repo, 'policies/sets/base.yaml')).href,
      ref: 'HEAD',
    });
    expect(result.markdown.split('\n')[2]).toBe('**1 set changed · 1 cell: 1 gained**');
    expect(cliDiff(['HEAD', '--format', 'md']).stdout.split('\n')[2]).toBe('**No access changes.**');
  });

  it('treats a revision without the policy folder as "everything is new"', async () => {
    await open('policies/sets/base.yaml', PROJECT['sets/base.yaml']!);
    const result = await session!.client.sendRequest<DiffResult>(DIFF_REQUEST, { ref: 'empty' });
    expect(result.base).toMatch(/^empty \([0-9a-f]{7}\), without policies$/);
    expect(result.summary.sets.added).toBe(3);
    expect(result.markdown).toBe(cliDiff(['empty', '--format', 'md']).stdout);
  });

  it("fails with git's reason for a revision it does not know, or none at all", async () => {
    const bad = await failure({ ref: 'no-such-branch' });
    expect(bad.code).toBe(-32602);
    expect(bad.message).toMatch(/^Cannot compare with 'no-such-branch': unknown revision 'no-such-branch': /);
    expect(await failure({ ref: '--output=/tmp/x' })).toEqual({
      code: -32602,
      message: "Cannot compare with '--output=/tmp/x': unknown revision '--output=/tmp/x': not a revision name.",
    });
    expect(await failure({ ref: '  ' })).toEqual({
      code: -32602,
      message: 'permset/diff needs a git revision to compare with, such as HEAD or main.',
    });
    expect(await failure(null)).toEqual({
      code: -32602,
      message: 'permset/diff needs a git revision to compare with, such as HEAD or main.',
    });
  });

  it('says when the folder is not in a git repository', () => {
    const outside = mkdtempSync(join(tmpdir(), 'permset-vscode-nogit-'));
    try {
      for (const [rel, text] of Object.entries(PROJECT)) {
        mkdirSync(dirname(join(outside, 'policies', rel)), { recursive: true });
        writeFileSync(join(outside, 'policies', rel), text);
      }
      const workspaces = new WorkspaceSet(new NodeFileSystem());
      const ws = workspaces.addFolder(pathToFileURL(outside).href);
      expect(() => diffRequest(compiledWorkspace(ws), { ref: 'HEAD' })).toThrow(
        /^Cannot compare with 'HEAD': '.*' is not inside a git repository/,
      );
      // Without git, the compiler's reader says so (the request fails with that reason, not a stack).
      const noGit: GitAccess = { ...NODE_GIT, openRepository: (cwd) => openRepository(cwd, '/nonexistent/git') };
      let missing: unknown;
      try {
        diffRequest(compiledWorkspace(ws), { ref: 'HEAD' }, noGit);
      } catch (e) {
        missing = e;
      }
      expect(missing).toBeInstanceOf(ResponseError);
      expect([(missing as ResponseError<void>).code, (missing as Error).message]).toEqual([
        -32602,
        `Cannot compare with 'HEAD': cannot run '/nonexistent/git' in '${realpathSync(outside)}/policies': git is not installed (or not on PATH), or the folder does not exist`,
      ]);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
