import * as vscode from 'vscode';
import type { ClientSession } from '../client/client-session.js';
import type { Views } from '../views/views.js';
import { commandUri, pickProject } from './pickers.js';
import { requireTrustForGit } from './require-trust.js';

/** `Permset: Compare with Git HEAD`: the `permset diff HEAD` report of the working tree (trusted folders only). */
export function compareWithHeadCommand(session: ClientSession, views: Views) {
  return async (arg?: unknown): Promise<void> => {
    if (!(await requireTrustForGit())) return;
    const project = await pickProject(session, commandUri(arg));
    if (project) await views.diff.show(project.folderUri, 'HEAD');
  };
}

/** `Permset: Compare with Git Ref…`: the same against a branch, tag or commit the user types (trusted folders only). */
export function compareWithRefCommand(session: ClientSession, views: Views) {
  return async (arg?: unknown): Promise<void> => {
    if (!(await requireTrustForGit())) return;
    const project = await pickProject(session, commandUri(arg));
    if (!project) return;
    const ref = await vscode.window.showInputBox({
      title: 'Permset: compare the working tree with…',
      prompt: 'A git revision: a branch, a tag, HEAD~1, a commit',
      value: 'main',
      validateInput: (text) =>
        text.trim() === ''
          ? 'Type a revision, such as HEAD, main or v1.2.'
          : text.trim().startsWith('-')
            ? 'A revision cannot start with "-".'
            : undefined,
    });
    if (ref === undefined) return;
    await views.diff.show(project.folderUri, ref.trim());
  };
}
