import * as vscode from 'vscode';
import { gitAllowed, MANAGE_TRUST_ACTION, MANAGE_TRUST_COMMAND, UNTRUSTED_GIT_MESSAGE } from '../client/git-trust.js';

/**
 * True when the workspace is trusted (git may run); else says why not, offers the Workspace
 * Trust editor, and returns false. The compare commands call it before anything else.
 */
export async function requireTrustForGit(): Promise<boolean> {
  if (gitAllowed(vscode.workspace.isTrusted)) return true;
  const choice = await vscode.window.showWarningMessage(UNTRUSTED_GIT_MESSAGE, MANAGE_TRUST_ACTION);
  if (choice === MANAGE_TRUST_ACTION) await vscode.commands.executeCommand(MANAGE_TRUST_COMMAND);
  return false;
}
