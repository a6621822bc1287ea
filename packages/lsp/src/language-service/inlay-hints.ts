import type { InlayHint, Range } from 'vscode-languageserver';
import { describeScopes } from '@permset/compiler';
import { ownerOf, type DocumentContext } from './document-context.js';
import { plural } from './markdown.js';
import { kindOf } from './yaml-location.js';

/**
 * Inlay hints where a set's effective grants differ from what a line says: after a wildcard
 * grant, how many permissions it grants (and how many `restrict` narrows); after an explicit
 * grant that `restrict` narrows, the effective scopes; after `restrict`, how many grants it
 * narrows. Like lenses, only while the last compilation has this file's current text.
 */
export function inlayHints(ctx: DocumentContext, range: Range): InlayHint[] {
  const result = ctx.ws.lastCompiled();
  if (result.files.get(ctx.uri)?.text !== ctx.text) return [];
  const source = ctx.loaded.source;
  const from = source.offsetAt(range.start);
  const to = source.offsetAt(range.end);
  const hints: InlayHint[] = [];
  const hint = (offset: number, label: string, tooltip?: string) => {
    if (offset < from || offset > to) return;
    const h: InlayHint = { position: source.positionAt(offset), label, paddingLeft: true };
    if (tooltip) h.tooltip = tooltip;
    hints.push(h);
  };
  for (const doc of ctx.loaded.documents) {
    if (kindOf(doc.root) !== 'PermissionSet') continue;
    const set = result.resolved.resolution.sets.get(ownerOf(doc.root) ?? '');
    if (!set || set.def.origin.uri !== ctx.uri || set.def.origin.document !== doc.index) continue;
    const narrowedHere = [...set.effective.values()].filter((g) => g.restrictedBy?.setId === set.id);
    if (set.def.restrict)
      hint(
        set.def.restrict.span[1],
        `narrows ${plural(narrowedHere.length, 'grant')}`,
        narrowedHere.map((g) => g.permission).join(', '),
      );
    for (const entry of set.def.grants) {
      if (entry.value.none) continue;
      const decided = [...set.own]
        .filter(([, o]) => o.decision.kind === 'grant' && o.decision.grant.source.entry === entry)
        .map(([p]) => p);
      const narrowed = decided.filter((p) => set.effective.get(p)?.restrictedBy?.setId === set.id);
      if (entry.isPattern) {
        const more = narrowed.length ? `, ${narrowed.length} narrowed to ${set.def.restrict?.value ?? 'less'}` : '';
        hint(entry.entrySpan[1], `→ ${plural(decided.length, 'permission')}${more}`, decided.join(', '));
      } else if (narrowed.length === 1) {
        hint(entry.entrySpan[1], `→ ${describeScopes(set.effective.get(narrowed[0]!)!.scopes)} (restrict)`);
      }
    }
  }
  return hints;
}
