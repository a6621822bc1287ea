import { PassThrough } from 'node:stream';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import { createConnection } from 'vscode-languageserver/node';
import type { FileSystem } from '../../../packages/compiler/src/fs/index.js';
import { startServer, type PermsetServer } from '../../../packages/lsp/src/server/start-server.js';

/** A publishDiagnostics notification as received. */
export interface Published {
  uri: string;
  version?: number;
  diagnostics: { code: string; message: string; range: { start: { line: number } } }[];
}

/** An in-process LSP session: the real server on one end of a pipe, a JSON-RPC client on the other. */
export interface Session {
  client: MessageConnection;
  server: PermsetServer;
  published: Published[];
  messages: { type: number; message: string }[];
  logs: string[];
  /** Resolves with the next publishDiagnostics for `uri` matching `until`. */
  next(uri: string, until?: (p: Published) => boolean, timeoutMs?: number): Promise<Published>;
  dispose(): void;
}

/** Starts a server on in-memory streams and initializes it on the folder `file:///ws`. */
export async function startSession(
  fileSystem: FileSystem,
  options: {
    debounceMs?: number;
    initializationOptions?: unknown;
    capabilities?: object;
    folder?: string;
    customSetsRuntime?: () => string | undefined;
  } = {},
): Promise<Session> {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const serverConnection = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
  const server = startServer(serverConnection, {
    fileSystem,
    debounceMs: options.debounceMs ?? 10,
    ...(options.customSetsRuntime ? { customSetsRuntime: options.customSetsRuntime } : {}),
  });
  const client = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  const published: Published[] = [];
  const messages: { type: number; message: string }[] = [];
  const logs: string[] = [];
  const waiters: { uri: string; until: (p: Published) => boolean; resolve: (p: Published) => void }[] = [];
  client.onNotification('textDocument/publishDiagnostics', (p: Published) => {
    published.push(p);
    for (const w of [...waiters]) {
      if (w.uri === p.uri && w.until(p)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(p);
      }
    }
  });
  client.onNotification('window/showMessage', (m: { type: number; message: string }) => {
    messages.push(m);
  });
  client.onNotification('window/logMessage', (m: { message: string }) => {
    logs.push(m.message);
  });
  client.onRequest('client/registerCapability', () => null);
  client.onRequest('workspace/configuration', () => [null]);
  client.listen();
  await client.sendRequest('initialize', {
    processId: null,
    rootUri: options.folder ?? 'file:///ws',
    workspaceFolders: [{ uri: options.folder ?? 'file:///ws', name: 'ws' }],
    capabilities: options.capabilities ?? {
      workspace: { workspaceEdit: { documentChanges: true, resourceOperations: ['create'] } },
    },
    initializationOptions: options.initializationOptions,
  });
  await client.sendNotification('initialized', {});
  return {
    client,
    server,
    published,
    messages,
    logs,
    next: (uri, until = () => true, timeoutMs = 5000) =>
      new Promise<Published>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no diagnostics for ${uri} within ${timeoutMs} ms`)),
          timeoutMs,
        );
        waiters.push({ uri, until, resolve: (p) => (clearTimeout(timer), resolve(p)) });
      }),
    dispose: () => {
      server.dispose();
      client.dispose();
      serverConnection.dispose();
    },
  };
}

/** Waits for the event loop to run the server's pending work (`ms` covers the debounce). */
export function settle(ms = 60): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
