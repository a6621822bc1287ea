import { VERSION, type FileSystem } from '@permset/compiler';
import { NodeFileSystem } from '@permset/compiler/node';
import {
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  ResponseError,
  TextDocuments,
  type ClientCapabilities,
  type Connection,
  type InitializeResult,
  type TextEdit,
  type WorkspaceFolder,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { SHOW_EFFECTIVE_PERMISSIONS } from '../language-service/code-lens.js';
import { createLanguageService, type LanguageService } from '../language-service/language-service.js';
import { normalizeUri } from '../language-service/uri.js';
import { WorkspaceSet } from '../language-service/workspace-set.js';
import { serverCapabilities } from './capabilities.js';
import { findCustomSetsRuntime } from './builder-rules.js';
import { registerCustomRequests } from './custom-requests.js';
import { DiagnosticsPublisher } from './diagnostics-publisher.js';
import { safe, safeNotification } from './safe-handler.js';
import { DEFAULT_SETTINGS, readSettings, type ServerSettings } from './settings.js';
import { showPreview } from './show-preview.js';

/** Options of {@link startServer}. */
export interface StartServerOptions {
  /** Where policy files are read from (default: the real file system). Tests pass a memory one. */
  fileSystem?: FileSystem;
  /** Overrides the `debounceMs` setting (tests use 0). */
  debounceMs?: number;
  /**
   * The custom-sets run time the builder view embeds for its live diagnostics (default: the
   * bundled one, see builder-rules.ts). Returning undefined leaves the builder to check on save.
   */
  customSetsRuntime?: () => string | undefined;
  /**
   * Called once, after the first check of the workspaces was published: the server is then
   * idle, and the launcher writes its code cache with what start-up compiled.
   */
  afterFirstCheck?: () => void;
}

/** A running server. */
export interface PermsetServer {
  /** The language service behind the connection (for tests and embedders). */
  readonly service: () => LanguageService | undefined;
  /** Re-checks and publishes now, skipping the debounce. */
  flush(): void;
  dispose(): void;
}

/**
 * Runs the permset language server on a connection: stdio or IPC from `main.ts`, or any
 * connection an embedder creates (the VS Code extension runs it over IPC). Wires LSP to the
 * language service; every handler is guarded so a failure is logged and answered empty, and
 * the server never goes down on any text.
 */
export function startServer(connection: Connection, options: StartServerOptions = {}): PermsetServer {
  const fs = options.fileSystem ?? new NodeFileSystem();
  const documents = new TextDocuments(TextDocument);
  const log = (message: string) => connection.console.error(message);
  let settings: ServerSettings = DEFAULT_SETTINGS;
  let capabilities: ClientCapabilities = {};
  let folders: WorkspaceFolder[] = [];
  let workspaces: WorkspaceSet | undefined;
  let service: LanguageService | undefined;
  /** The client's spelling of each URI it opened (answers use it). */
  const clientUris = new Map<string, string>();
  const toClientUri = (uri: string) => clientUris.get(uri) ?? uri;

  const publisher = new DiagnosticsPublisher(
    () => workspaces?.all() ?? [],
    (uri, diagnostics, version) =>
      void connection.sendDiagnostics({
        uri: toClientUri(uri),
        diagnostics,
        ...(version !== undefined ? { version } : {}),
      }),
    log,
    options.debounceMs ?? settings.debounceMs,
  );
  publisher.onPublished = () => {
    if (capabilities.workspace?.codeLens?.refreshSupport)
      connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
    if (capabilities.workspace?.inlayHint?.refreshSupport)
      connection.sendRequest('workspace/inlayHint/refresh').catch(() => undefined);
  };
  registerCustomRequests(connection, {
    workspaces: () => workspaces,
    publisher,
    log,
    customSetsRuntime: options.customSetsRuntime ?? findCustomSetsRuntime,
  });
  const afterFirstCheck = options.afterFirstCheck;
  if (afterFirstCheck) {
    const announce = publisher.onPublished;
    let first = true;
    publisher.onPublished = () => {
      announce?.();
      if (first) setImmediate(afterFirstCheck);
      first = false;
    };
  }

  connection.onInitialize((params): InitializeResult => {
    capabilities = params.capabilities;
    settings = readSettings(params.initializationOptions, settings);
    publisher.delayMs = options.debounceMs ?? settings.debounceMs;
    folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []);
    return { capabilities: serverCapabilities(), serverInfo: { name: 'permset-language-server', version: VERSION } };
  });

  connection.onInitialized(
    safeNotification('initialized', log, () => {
      const started = performance.now();
      workspaces = new WorkspaceSet(fs, { policyFolder: settings.policyFolder });
      service = createLanguageService(workspaces);
      for (const f of folders) workspaces.addFolder(f.uri);
      for (const doc of documents.all()) upsert(doc);
      const files = workspaces.all().reduce((n, ws) => n + ws.policyFiles().length, 0);
      connection.console.log(
        `permset: ${files} policy files in ${
          workspaces
            .all()
            .map((w) => w.rootPath)
            .join(', ') || '(no folder)'
        }, loaded in ${Math.round(performance.now() - started)} ms`,
      );
      publisher.runNow();
      if (capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
        connection.client
          .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{yaml,yml}' }] })
          .catch(() => undefined);
      }
      if (capabilities.workspace?.workspaceFolders) {
        connection.workspace.onDidChangeWorkspaceFolders(
          safeNotification('workspace folders', log, (e) => {
            for (const removed of e.removed) {
              const ws = workspaces?.removeFolder(removed.uri);
              if (ws) publisher.clear((uri) => ws.contains(uri));
            }
            for (const added of e.added) workspaces?.addFolder(added.uri);
            for (const doc of documents.all()) upsert(doc);
            publisher.schedule();
          }),
        );
      }
      if (capabilities.workspace?.configuration) {
        connection.workspace
          .getConfiguration('permset')
          .then((raw) => applySettings(raw))
          .catch(() => undefined);
      }
    }),
  );

  function applySettings(raw: unknown): void {
    const next = readSettings(raw, settings);
    const folderChanged = next.policyFolder !== settings.policyFolder;
    settings = next;
    publisher.delayMs = options.debounceMs ?? settings.debounceMs;
    if (folderChanged && workspaces) {
      const dropped = workspaces.updateSettings({ policyFolder: settings.policyFolder });
      for (const ws of dropped) publisher.clear((uri) => ws.contains(uri));
      for (const doc of documents.all()) upsert(doc);
      publisher.schedule();
    }
  }

  /** Hands an open document's text to the workspace it belongs to. */
  function upsert(doc: TextDocument): void {
    const uri = normalizeUri(doc.uri);
    clientUris.set(uri, doc.uri);
    workspaces?.ensureFor(uri)?.changeDocument(uri, doc.getText(), doc.version);
  }

  documents.onDidChangeContent(
    safeNotification('didChange', log, (e) => {
      upsert(e.document);
      publisher.schedule();
    }),
  );
  documents.onDidClose(
    safeNotification('didClose', log, (e) => {
      const uri = normalizeUri(e.document.uri);
      workspaces?.forUri(uri)?.closeDocument(uri);
      publisher.schedule();
    }),
  );
  connection.onDidChangeWatchedFiles(
    safeNotification('didChangeWatchedFiles', log, (params) => {
      for (const change of params.changes) {
        const uri = normalizeUri(change.uri);
        const ws = workspaces?.forUri(uri);
        // Created, changed or deleted: the workspace reads the disk again either way.
        ws?.fileChangedOnDisk(uri);
      }
      publisher.schedule();
    }),
  );
  connection.onDidChangeConfiguration(
    safeNotification('didChangeConfiguration', log, (params) => {
      if (params.settings && typeof params.settings === 'object' && Object.keys(params.settings as object).length > 0)
        applySettings(params.settings);
      else if (capabilities.workspace?.configuration) {
        connection.workspace
          .getConfiguration('permset')
          .then((raw) => applySettings(raw))
          .catch(() => undefined);
      }
    }),
  );

  const svc = () => service;
  const p = (pos: { line: number; character: number }) => ({ line: pos.line, character: pos.character });
  connection.onHover(
    safe('hover', log, null, (params) => svc()?.doHover(params.textDocument.uri, p(params.position)) ?? null),
  );
  connection.onCompletion(
    safe('completion', log, null, (params) => svc()?.doComplete(params.textDocument.uri, p(params.position)) ?? null),
  );
  connection.onDefinition(
    safe('definition', log, [], (params) =>
      mapLocations(svc()?.findDefinition(params.textDocument.uri, p(params.position)) ?? []),
    ),
  );
  connection.onReferences(
    safe('references', log, [], (params) =>
      mapLocations(
        svc()?.findReferences(params.textDocument.uri, p(params.position), params.context.includeDeclaration) ?? [],
      ),
    ),
  );
  connection.onPrepareRename(
    safe(
      'prepareRename',
      log,
      null,
      (params) => svc()?.prepareRename(params.textDocument.uri, p(params.position)) ?? null,
    ),
  );
  connection.onRenameRequest(
    safe('rename', log, null, (params) => {
      const result = svc()?.doRename(params.textDocument.uri, p(params.position), params.newName);
      if (!result) return null;
      if ('error' in result) throw new ResponseError(ErrorCodes.InvalidParams, result.error);
      const changes: Record<string, TextEdit[]> = {};
      for (const [uri, edits] of result.changes) changes[toClientUri(uri)] = edits;
      return { changes };
    }),
  );
  connection.onDocumentSymbol(
    safe('documentSymbol', log, [], (params) => svc()?.documentSymbols(params.textDocument.uri) ?? []),
  );
  connection.onWorkspaceSymbol(
    safe('workspaceSymbol', log, [], (params) =>
      (svc()?.workspaceSymbols(params.query) ?? []).map((s) =>
        'location' in s && 'range' in s.location
          ? { ...s, location: { ...s.location, uri: toClientUri(s.location.uri) } }
          : s,
      ),
    ),
  );
  connection.onCodeAction(
    safe(
      'codeAction',
      log,
      [],
      (params) =>
        svc()?.codeActions(params.textDocument.uri, params.context.diagnostics, {
          canCreateFiles: capabilities.workspace?.workspaceEdit?.resourceOperations?.includes('create') ?? false,
          toClientUri,
        }) ?? [],
    ),
  );
  connection.onCodeLens(safe('codeLens', log, [], (params) => svc()?.codeLenses(params.textDocument.uri) ?? []));
  connection.languages.inlayHint.on(
    safe('inlayHint', log, [], (params) => svc()?.inlayHints(params.textDocument.uri, params.range) ?? []),
  );
  connection.languages.semanticTokens.on(
    safe(
      'semanticTokens',
      log,
      { data: [] },
      (params) => svc()?.semanticTokens(params.textDocument.uri) ?? { data: [] },
    ),
  );
  connection.onDocumentFormatting(
    safe('formatting', log, [], (params) => svc()?.format(params.textDocument.uri) ?? []),
  );
  connection.onExecuteCommand(
    safe('executeCommand', log, null, (params) => {
      if (params.command !== SHOW_EFFECTIVE_PERMISSIONS)
        throw new ResponseError(ErrorCodes.InvalidParams, `Unknown command '${params.command}'.`);
      const [uri, setId] = (params.arguments ?? []) as unknown[];
      if (typeof uri !== 'string' || typeof setId !== 'string')
        throw new ResponseError(
          ErrorCodes.InvalidParams,
          `${SHOW_EFFECTIVE_PERMISSIONS} takes a document URI and a set id.`,
        );
      const markdown = svc()?.effectivePermissions(uri, setId);
      if (!markdown) throw new ResponseError(ErrorCodes.InvalidParams, `No permission set '${setId}'.`);
      showPreview(connection, capabilities, setId, markdown, log);
      return markdown;
    }),
  );
  connection.onShutdown(() => publisher.dispose());

  function mapLocations<T extends { uri: string }>(locations: T[]): T[] {
    return locations.map((l) => ({ ...l, uri: toClientUri(l.uri) }));
  }

  documents.listen(connection);
  connection.listen();
  return {
    service: svc,
    flush: () => publisher.runNow(),
    dispose: () => publisher.dispose(),
  };
}
