import * as vscode from 'vscode';
import { ClientSession } from './client/client-session.js';
import { createMiddleware } from './client/middleware.js';
import { registerCommands } from './commands/register-commands.js';
import { StatusBar } from './status/status-bar.js';
import { Views } from './views/views.js';

let session: ClientSession | undefined;

/**
 * Starts the permset language server (bundled in `dist/server.js`) for the workspace's policy
 * files and wires the status bar, the views and the commands to it. Activated by a workspace
 * with a `policies/` folder or a `catalog.yaml`, or by running a Permset command.
 */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Permset', { log: true });
  // eslint-disable-next-line prefer-const -- the middleware above the assignment reads it lazily
  let views: Views | undefined;
  const middleware = createMiddleware({
    openPreview: (uri, setId) =>
      void views?.preview
        .show(uri, setId)
        .catch((e) => void vscode.window.showErrorMessage(`Permset: ${(e as Error).message}`)),
  });
  session = new ClientSession(context, output, middleware);
  views = new Views(session, context.extensionUri);
  context.subscriptions.push(output, session, views, new StatusBar(session));
  registerCommands(context, session, views);
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      // The document selector and the warnings limit are fixed when the client starts.
      if (e.affectsConfiguration('permset.policyFolder') || e.affectsConfiguration('permset.maxWarnings'))
        void session?.restart();
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(() => void session?.restart()),
  );
  // Not awaited: activation ends at once; requests wait for the first check themselves.
  void session.start();
}

/** Stops the language server (VS Code waits for it). */
export async function deactivate(): Promise<void> {
  await session?.stop();
  session = undefined;
}
