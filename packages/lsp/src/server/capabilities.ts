import { CodeActionKind, TextDocumentSyncKind, type ServerCapabilities } from 'vscode-languageserver';
import { SHOW_EFFECTIVE_PERMISSIONS } from '../language-service/code-lens.js';
import { SEMANTIC_TOKENS_LEGEND } from '../language-service/semantic-tokens.js';

/** What the server announces in `initialize`. */
export function serverCapabilities(): ServerCapabilities {
  return {
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: false },
    hoverProvider: true,
    completionProvider: { triggerCharacters: ['.', ':', ' ', '[', ',', '-', '"', "'"], resolveProvider: false },
    definitionProvider: true,
    referencesProvider: true,
    renameProvider: { prepareProvider: true },
    documentSymbolProvider: true,
    workspaceSymbolProvider: true,
    codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
    codeLensProvider: { resolveProvider: false },
    inlayHintProvider: true,
    documentFormattingProvider: true,
    semanticTokensProvider: { legend: SEMANTIC_TOKENS_LEGEND, full: true },
    executeCommandProvider: { commands: [SHOW_EFFECTIVE_PERMISSIONS] },
    workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
  };
}
