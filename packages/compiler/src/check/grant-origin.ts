import type { SourceRef } from '../diagnostics/index.js';
import type { ResolvedSet } from '../resolve/index.js';
import { provenance, type Resolution } from '../resolve/index.js';

/** Where a set's grant is written, as seen from the set's own file. */
export type LocalOrigin =
  | { kind: 'own'; at: SourceRef }
  | { kind: 'include'; at: SourceRef; source: SourceRef; fragment: string }
  | { kind: 'inherited'; at: SourceRef; source: SourceRef; base: string };

/**
 * Where in `set`'s own file a problem with its grant on `permission` should be shown:
 * the set's own entry if it writes one; the `include` item if a fragment it includes grants it;
 * otherwise the `extends` value, with the inherited grant entry as `source`.
 */
export function localOrigin(resolution: Resolution, set: ResolvedSet, permission: string): LocalOrigin | undefined {
  const p = provenance(resolution, set.id, permission);
  if (!p) return undefined;
  const entry = p.source.entry;
  const source = { uri: entry.uri, span: entry.entrySpan };
  if (p.via.length === 0) return { kind: 'own', at: { uri: entry.uri, span: entry.keySpan } };
  const first = p.via[0]!;
  if (first.kind === 'include') return { kind: 'include', at: first.at, source, fragment: first.to };
  return { kind: 'inherited', at: first.at, source, base: first.to };
}
