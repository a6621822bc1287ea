import * as vscode from 'vscode';
import type { ClientSession } from '../client/client-session.js';
import { COMMANDS } from '../client/command-ids.js';
import type { Views } from '../views/views.js';
import { newCustomSetCommand, openInBuilderCommand } from './builder-commands.js';
import { compareWithHeadCommand, compareWithRefCommand } from './compare-with-ref.js';
import { explainPermissionCommand } from './explain-permission.js';
import { previewSetCommand } from './preview-set.js';
import { showAccessMatrix } from './show-access-matrix.js';

/**
 * Registers the palette's `Permset: …` commands. A command that fails shows its error (the
 * server's messages are written for people) and logs it.
 */
export function registerCommands(context: vscode.ExtensionContext, session: ClientSession, views: Views): void {
  const commands: Record<string, (...args: unknown[]) => Promise<void> | void> = {
    [COMMANDS.showAccessMatrix]: showAccessMatrix(views),
    [COMMANDS.previewSet]: previewSetCommand(session, views),
    [COMMANDS.explain]: explainPermissionCommand(session, views),
    [COMMANDS.compareWithHead]: compareWithHeadCommand(session, views),
    [COMMANDS.compareWithRef]: compareWithRefCommand(session, views),
    [COMMANDS.showOutput]: () => session.output.show(true),
    [COMMANDS.restartServer]: () => session.restart(),
    [COMMANDS.newCustomSet]: newCustomSetCommand(session, views),
    [COMMANDS.openInBuilder]: openInBuilderCommand(views),
  };
  for (const [id, run] of Object.entries(commands)) {
    context.subscriptions.push(
      vscode.commands.registerCommand(id, async (...args: unknown[]) => {
        try {
          await run(...args);
        } catch (e) {
          const message = (e as Error)?.message ?? String(e);
          session.output.appendLine(`permset: ${id} failed: ${(e as Error)?.stack ?? message}`);
          void vscode.window.showErrorMessage(`Permset: ${message}`);
        }
      }),
    );
  }
}
