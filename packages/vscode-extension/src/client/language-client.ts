import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type Middleware,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { policyDocumentSelector } from './document-selector.js';

/**
 * The language client of the bundled server (`dist/server.js`, packages/lsp's entry) over
 * Node IPC. Settings in the `permset` section reach the server at start
 * (`initializationOptions`) and on change; `permset.trace.server` traces into the output channel.
 */
export function createLanguageClient(
  context: vscode.ExtensionContext,
  policyFolders: readonly vscode.Uri[],
  output: vscode.LogOutputChannel,
  middleware: Middleware,
): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const config = vscode.workspace.getConfiguration('permset');
  const policyFolder = config.get<string>('policyFolder', '').trim();
  const clientOptions: LanguageClientOptions = {
    documentSelector: policyDocumentSelector(policyFolders.map((u) => u.toString())),
    synchronize: { configurationSection: 'permset' },
    initializationOptions: {
      permset: {
        policyFolder: policyFolder === '' ? null : policyFolder,
        debounceMs: config.get<number>('debounceMs', 150),
      },
    },
    outputChannel: output,
    diagnosticCollectionName: 'permset',
    middleware,
  };
  return new LanguageClient('permset', 'Permset', serverOptions, clientOptions);
}
