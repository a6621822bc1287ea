import * as vscode from 'vscode';
import type { ClientSession } from '../client/client-session.js';
import type { Views } from '../views/views.js';
import { parseJsonObject } from './json-input.js';
import { commandUri, pickPermission, pickProject, pickSet } from './pickers.js';

/**
 * `Permset: Explain a Permission…`: pick a set and a permission, optionally type the subject's
 * and the resource's attributes as JSON, and see the evaluator's explanation (which the view's
 * form can then vary).
 */
export function explainPermissionCommand(session: ClientSession, views: Views) {
  return async (arg?: unknown): Promise<void> => {
    const project = await pickProject(session, commandUri(arg));
    if (!project) return;
    const set = await pickSet(project, 'Permset: explain for a user with which set?');
    if (!set) return;
    const permission = await pickPermission(project, `Permset: which permission should ${set.id} be explained for?`);
    if (!permission) return;
    const subject = await jsonInput(
      'subject',
      `The subject's attributes (its set is ${set.id}); empty for none`,
      '{"id": "u1"}',
    );
    if (subject === undefined) return;
    const type = permission.resourceType ? ` (type ${permission.resourceType})` : '';
    const resource = await jsonInput('resource', `The resource's attributes${type}; empty for none`, '');
    if (resource === undefined) return;
    await views.explain.show(project.folderUri, {
      set: set.id,
      permission: permission.id,
      subject,
      resource,
      context: '',
    });
  };
}

/** Asks for a JSON object (validated as it is typed); `undefined` when cancelled. */
async function jsonInput(what: string, prompt: string, value: string): Promise<string | undefined> {
  return vscode.window.showInputBox({
    title: `Permset: explain — ${what}`,
    prompt,
    value,
    placeHolder: what === 'subject' ? '{"id": "u1", "subsidiary": "s1"}' : '{"owner": "u1", "members": ["u1"]}',
    validateInput: (text) => {
      const parsed = parseJsonObject(text, what);
      return parsed.ok ? undefined : parsed.error;
    },
  });
}
