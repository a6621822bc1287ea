import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';
import { COMMANDS, SHOW_EFFECTIVE_PERMISSIONS } from './command-ids.js';
import { hiddenWarningsMessage, limitWarnings } from './limit-warnings.js';

/** What the middleware hands over to the views. */
export interface MiddlewareHandlers {
  /** The lens "Preview" (and the set summary lens) opens the try-it-out view of the set. */
  openPreview(documentUri: string | undefined, setId: string): void;
}

/**
 * Where the extension adapts LSP results for VS Code, and nothing else:
 * - `permset.maxWarnings` caps the warnings shown per file (see `limitWarnings`);
 * - each set's code lenses ("N permissions · …", "Preview") get a third, "Access matrix";
 * - the lenses' server command opens the preview webview instead of a Markdown file.
 */
export function createMiddleware(handlers: MiddlewareHandlers): Middleware {
  return {
    handleDiagnostics(uri, diagnostics, next) {
      const max = vscode.workspace.getConfiguration('permset').get<number>('maxWarnings', -1);
      next(
        uri,
        limitWarnings(diagnostics, max, (hidden, first) => {
          const note = new vscode.Diagnostic(
            first.range,
            hiddenWarningsMessage(hidden, max),
            vscode.DiagnosticSeverity.Information,
          );
          note.source = 'permset';
          return note;
        }),
      );
    },
    async provideCodeLenses(document, token, next) {
      const lenses = (await next(document, token)) ?? [];
      const previews = lenses.filter(
        (l) => l.command?.command === SHOW_EFFECTIVE_PERMISSIONS && l.command.title === 'Preview',
      );
      const matrix = previews.map(
        (l) =>
          new vscode.CodeLens(l.range, {
            title: 'Access matrix',
            command: COMMANDS.showAccessMatrix,
            arguments: [document.uri.toString()],
          }),
      );
      return [...lenses, ...matrix];
    },
    executeCommand(command, args, next) {
      if (command === SHOW_EFFECTIVE_PERMISSIONS && typeof args[1] === 'string') {
        handlers.openPreview(typeof args[0] === 'string' ? args[0] : undefined, args[1]);
        return undefined;
      }
      return next(command, args);
    },
  };
}
