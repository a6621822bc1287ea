import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
// The protocol as the published package exports it to clients.
import { DID_COMPILE_NOTIFICATION, DIFF_REQUEST, type DiffResult } from '@permset/lsp';
import { git, makeFixtureRepo, removeTemporaryFolders, runDiff } from '../../helpers/fixture-repo.js';
import { REPO } from '../../helpers/cli.js';

// `permset/diff` from the published `permset-language-server` binary (packages/lsp/dist/main.js,
// built by `npm run build`), over stdio as any editor runs it: the diff module and git reader
// are the server's own, no VS Code extension involved. The fixture repository's working tree
// is checked out at r2 and compared with r1, so the counts are those of the r1→r2 golden of test/compiler/cli/diff-command.test.ts.

const SERVER = join(REPO, 'packages', 'lsp', 'dist', 'main.js');

let repo: string;
let proc: ChildProcess;
let client: MessageConnection;
let stderr = '';

beforeAll(async () => {
  if (!existsSync(SERVER)) throw new Error(`${SERVER} is missing: run 'npm run build' first.`);
  repo = makeFixtureRepo();
  git(repo, 'checkout', '-q', 'r2');
  proc = spawn(process.execPath, [SERVER, '--stdio'], { cwd: repo, stdio: ['pipe', 'pipe', 'pipe'] });
  proc.stderr!.on('data', (d) => (stderr += d));
  client = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  client.onRequest('workspace/configuration', () => [null]);
  client.onRequest('client/registerCapability', () => null);
  // The first check of the workspace is announced with permset/didCompile.
  const compiled = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no ${DID_COMPILE_NOTIFICATION} within 20 s; stderr: ${stderr}`)),
      20_000,
    );
    client.onNotification(DID_COMPILE_NOTIFICATION, () => (clearTimeout(timer), resolve()));
  });
  client.listen();
  const folder = pathToFileURL(repo).href;
  await client.sendRequest('initialize', {
    processId: process.pid,
    rootUri: folder,
    capabilities: {},
    workspaceFolders: [{ uri: folder, name: 'repo' }],
  });
  await client.sendNotification('initialized', {});
  await compiled;
}, 60_000);

afterAll(async () => {
  if (client) {
    await client.sendRequest('shutdown').catch(() => undefined);
    await client.sendNotification('exit').catch(() => undefined);
    client.dispose();
  }
  if (proc && proc.exitCode === null) proc.kill();
  removeTemporaryFolders();
});

describe('permset/diff from permset-language-server --stdio', () => {
  it('is the report `permset diff r1 --format md` prints for the working tree', async () => {
    const result = await client.sendRequest<DiffResult>(DIFF_REQUEST, { ref: 'r1' });
    const cli = runDiff(['r1', '--format', 'md'], repo);
    expect(cli.code).toBe(0);
    expect(result.markdown).toBe(cli.stdout);
    expect(result.base).toMatch(/^r1 \([0-9a-f]{7}\)$/);
    expect([result.head, result.ref, result.errors, result.folderUri]).toEqual([
      'working tree',
      'r1',
      0,
      pathToFileURL(repo).href,
    ]);
    const golden = JSON.parse(
      readFileSync(join(REPO, 'test', 'compiler', 'cli', '__golden__', 'r1-r2.json'), 'utf8'),
    ) as { summary: unknown };
    expect(result.summary).toEqual(golden.summary);
    expect(result.summary.cells).toEqual({
      total: 18,
      gain: 12,
      loss: 3,
      widen: 2,
      narrow: 1,
      change: 0,
      condition: 0,
    });
  });

  it("answers a revision git does not know with git's reason, and keeps serving", async () => {
    const failure = await client.sendRequest(DIFF_REQUEST, { ref: 'no-such-tag' }).then(
      () => undefined,
      (e: { code: number; message: string }) => ({ code: e.code, message: e.message }),
    );
    expect(failure?.code).toBe(-32602);
    expect(failure?.message).toMatch(/^Cannot compare with 'no-such-tag': unknown revision 'no-such-tag': /);
    const again = await client.sendRequest<DiffResult>(DIFF_REQUEST, { ref: 'r2' });
    expect(again.markdown.split('\n')[2]).toBe('**No access changes.**');
  });
});
