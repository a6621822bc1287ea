import * as vscode from 'vscode';
import type { ClientSession } from '../client/client-session.js';
import type { Views } from '../views/views.js';
import { commandUri, pickProject } from './pickers.js';

/** "Permset: New Custom Set from Base…": the builder on a base the user picks. */
export function newCustomSetCommand(session: ClientSession, views: Views): (arg?: unknown) => Promise<void> {
  return async (arg) => {
    const project = await pickProject(session, commandUri(arg));
    if (project) await views.builder.newFromBase(project.folderUri);
  };
}

/** "Permset: Open in Builder": the builder on the custom set of the file (explorer or active editor). */
export function openInBuilderCommand(views: Views): (arg?: unknown) => Promise<void> {
  return async (arg) => {
    const uri = commandUri(arg);
    if (!uri) {
      void vscode.window.showWarningMessage("Permset: open a custom set's file (policies/sets/custom/…) first.");
      return;
    }
    await views.builder.openFile(uri);
  };
}
