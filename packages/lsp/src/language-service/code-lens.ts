import type { CodeLens } from 'vscode-languageserver';
import { entryOf } from '@permset/compiler';
import { ownerOf, rangeOf, type DocumentContext } from './document-context.js';
import { summarizeSet, summaryLine } from './effective-permissions.js';
import { kindOf } from './yaml-location.js';

/** The command the lenses run: shows a set's effective permissions (`[uri, setId]`). */
export const SHOW_EFFECTIVE_PERMISSIONS = 'permset.showEffectivePermissions';

/**
 * Two lenses above each permission set: "N permissions · M inherited · seat" and "Preview", both
 * running {@link SHOW_EFFECTIVE_PERMISSIONS}. Computed from the last compilation, and only while
 * it has this file's current text (a stale count is worse than none: the server asks the
 * client to refresh lenses after each compilation).
 */
export function codeLenses(ctx: DocumentContext): CodeLens[] {
  const result = ctx.ws.lastCompiled();
  if (result.files.get(ctx.uri)?.text !== ctx.text) return [];
  const lenses: CodeLens[] = [];
  for (const doc of ctx.loaded.documents) {
    if (kindOf(doc.root) !== 'PermissionSet') continue;
    const id = ownerOf(doc.root);
    const set = id === undefined ? undefined : result.resolved.resolution.sets.get(id);
    if (!set || set.def.origin.uri !== ctx.uri || set.def.origin.document !== doc.index) continue;
    const summary = summarizeSet(result, set.id)!;
    const anchor = entryOf(doc.root, 'kind')!.key.span;
    const range = rangeOf(ctx, anchor);
    lenses.push({
      range,
      command: { title: summaryLine(summary), command: SHOW_EFFECTIVE_PERMISSIONS, arguments: [ctx.uri, set.id] },
    });
    lenses.push({
      range,
      command: { title: 'Preview', command: SHOW_EFFECTIVE_PERMISSIONS, arguments: [ctx.uri, set.id] },
    });
  }
  return lenses;
}
