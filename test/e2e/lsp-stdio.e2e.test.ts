import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import { BROKEN, SERVER, writeWorkspace } from './lsp/workspace.js';

// The built language server over stdio, driven by vscode-jsonrpc as an editor would: the
// `permset-language-server --stdio` process, its real JSON-RPC framing, its lifecycle.

interface Published {
  uri: string;
  version?: number;
  diagnostics: {
    code: string;
    message: string;
    range: { start: { line: number; character: number } };
    data?: unknown;
  }[];
}

let ws: ReturnType<typeof writeWorkspace>;
let proc: ChildProcess;
let client: MessageConnection;
const published: Published[] = [];
let waiters: { test: (p: Published) => boolean; resolve: (p: Published) => void }[] = [];
let stderr = '';

function next(test: (p: Published) => boolean): Promise<Published> {
  const found = published.find(test);
  if (found) {
    published.splice(published.indexOf(found), 1);
    return Promise.resolve(found);
  }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no matching diagnostics; stderr: ${stderr}`)), 15_000);
    waiters.push({ test, resolve: (p) => (clearTimeout(timer), resolve(p)) });
  });
}

beforeAll(async () => {
  ws = writeWorkspace();
  proc = spawn(process.execPath, [SERVER, '--stdio'], { cwd: ws.dir, stdio: ['pipe', 'pipe', 'pipe'] });
  proc.stderr!.on('data', (d) => (stderr += d));
  client = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  client.onNotification('textDocument/publishDiagnostics', (p: Published) => {
    const w = waiters.find((x) => x.test(p));
    if (w) {
      waiters = waiters.filter((x) => x !== w);
      w.resolve(p);
    } else published.push(p);
  });
  client.onRequest('client/registerCapability', () => null);
  client.onRequest('workspace/configuration', () => [null]);
  client.listen();
});

afterAll(() => {
  client?.dispose();
  if (proc && proc.exitCode === null) proc.kill();
  if (ws) rmSync(ws.dir, { recursive: true, force: true });
});

describe('permset-language-server --stdio', () => {
  it('initializes and announces its features', async () => {
    const result = await client.sendRequest<{ capabilities: Record<string, unknown>; serverInfo: { name: string } }>(
      'initialize',
      {
        processId: process.pid,
        rootUri: pathToFileURL(ws.dir).href,
        workspaceFolders: [{ uri: pathToFileURL(ws.dir).href, name: 'e2e' }],
        capabilities: { workspace: { workspaceEdit: { documentChanges: true, resourceOperations: ['create'] } } },
        initializationOptions: { permset: { debounceMs: 20 } },
      },
    );
    expect(result.serverInfo.name).toBe('permset-language-server');
    expect(Object.keys(result.capabilities).sort()).toEqual([
      'codeActionProvider',
      'codeLensProvider',
      'completionProvider',
      'definitionProvider',
      'documentFormattingProvider',
      'documentSymbolProvider',
      'executeCommandProvider',
      'hoverProvider',
      'inlayHintProvider',
      'referencesProvider',
      'renameProvider',
      'semanticTokensProvider',
      'textDocumentSync',
      'workspace',
      'workspaceSymbolProvider',
    ]);
    await client.sendNotification('initialized', {});
  });

  it('publishes the diagnostics of files on disk, then of the open buffer', async () => {
    const uri = ws.uri('sets/broken.yaml');
    const onDisk = await next((p) => p.uri === uri);
    expect(onDisk.diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character} ${d.code}`)).toEqual([
      '5:2 unknown-permission',
      '6:17 scope-not-allowed',
    ]);
    await client.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'yaml', version: 1, text: BROKEN },
    });
    await client.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ text: BROKEN.replace('member', 'own') }],
    });
    const edited = await next((p) => p.uri === uri);
    expect(edited.version).toBe(2);
    expect(edited.diagnostics.map((d) => `${d.range.start.line}:${d.code}`)).toEqual(['5:unknown-permission']);
    expect(edited.diagnostics[0]!.message).toBe("Unknown permission 'budgets.veiw'. Did you mean 'budgets.view'?");
  });

  it('answers hover, completion, definition and references', async () => {
    const uri = ws.uri('sets/broken.yaml');
    const hover = await client.sendRequest<{ contents: { value: string } }>('textDocument/hover', {
      textDocument: { uri },
      position: { line: 6, character: 4 },
    });
    expect(hover.contents.value.split('\n')[0]).toBe('**View Contacts** `contacts.view`');
    const completion = await client.sendRequest<{ items: { label: string }[] }>('textDocument/completion', {
      textDocument: { uri },
      position: { line: 6, character: 17 },
    });
    expect(completion.items.map((i) => i.label)).toEqual(['own', 'all', 'none']);
    const definition = await client.sendRequest<{ uri: string; range: { start: { line: number } } }[]>(
      'textDocument/definition',
      { textDocument: { uri }, position: { line: 3, character: 10 } },
    );
    expect(definition).toEqual([
      { uri: ws.uri('sets/base.yaml'), range: { start: { line: 1, character: 4 }, end: { line: 1, character: 8 } } },
    ]);
    const references = await client.sendRequest<{ uri: string }[]>('textDocument/references', {
      textDocument: { uri },
      position: { line: 3, character: 10 },
      context: { includeDeclaration: false },
    });
    expect(references.map((r) => r.uri).sort()).toEqual([uri, ws.uri('sets/manager.yaml')].sort());
  });

  it('offers the quick fix of a published diagnostic', async () => {
    const uri = ws.uri('sets/broken.yaml');
    const diagnostics = [
      {
        range: { start: { line: 5, character: 2 }, end: { line: 5, character: 14 } },
        severity: 1,
        code: 'unknown-permission',
        source: 'permset',
        message: "Unknown permission 'budgets.veiw'. Did you mean 'budgets.view'?",
      },
    ];
    const actions = await client.sendRequest<{ title: string; isPreferred?: boolean; edit: unknown }[]>(
      'textDocument/codeAction',
      {
        textDocument: { uri },
        range: diagnostics[0]!.range,
        context: { diagnostics },
      },
    );
    expect(actions).toEqual([
      {
        title: "Replace with 'budgets.view'",
        kind: 'quickfix',
        isPreferred: true,
        diagnostics,
        edit: { changes: { [uri]: [{ range: diagnostics[0]!.range, newText: 'budgets.view' }] } },
      },
    ]);
  });

  it('renames a set across files', async () => {
    const uri = ws.uri('sets/broken.yaml');
    const edit = await client.sendRequest<{ changes: Record<string, { newText: string }[]> }>('textDocument/rename', {
      textDocument: { uri },
      position: { line: 3, character: 10 },
      newName: 'staff',
    });
    expect(Object.fromEntries(Object.entries(edit.changes).map(([u, e]) => [u, e.map((x) => x.newText)]))).toEqual({
      [ws.uri('sets/base.yaml')]: ['staff'],
      [uri]: ['staff'],
      [ws.uri('sets/manager.yaml')]: ['staff'],
    });
    expect(readFileSync(ws.path('sets/base.yaml'), 'utf8')).toContain('id: base');
  });

  it('shuts down and exits with status 0', async () => {
    await client.sendRequest('shutdown');
    const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
    await client.sendNotification('exit');
    expect(await exited).toBe(0);
  });
});

describe('permset-language-server --node-ipc', () => {
  it('runs the same server over Node IPC (how the VS Code extension starts it)', async () => {
    const { fork } = await import('node:child_process');
    const { IPCMessageReader, IPCMessageWriter } = await import('vscode-jsonrpc/node');
    const child = fork(SERVER, ['--node-ipc'], { cwd: ws.dir, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    const ipc = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    const uri = ws.uri('sets/broken.yaml');
    const first = new Promise<Published>((resolve) => {
      ipc.onNotification('textDocument/publishDiagnostics', (p: Published) => {
        if (p.uri === uri) resolve(p);
      });
    });
    ipc.listen();
    try {
      await ipc.sendRequest('initialize', {
        processId: process.pid,
        rootUri: pathToFileURL(ws.dir).href,
        capabilities: {},
      });
      await ipc.sendNotification('initialized', {});
      expect((await first).diagnostics.map((d) => d.code)).toEqual(['unknown-permission', 'scope-not-allowed']);
      await ipc.sendRequest('shutdown');
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      await ipc.sendNotification('exit');
      expect(await exited).toBe(0);
    } finally {
      ipc.dispose();
      if (child.exitCode === null) child.kill();
    }
  });
});
