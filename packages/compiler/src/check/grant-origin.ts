import type { SourceRef } from '../diagnostics/index.js';
import type { ResolvedSet } from '../resolve/index.js';
import { provenance, type Resolution } from '../resolve/index.js';

/**
 * Where in `set`'s own file a problem with its grant on `permission` should be shown:
 * the set's own entry if it writes one; the `include` item if a fragment it includes grants it;
 * otherwise the grant is inherited from the base (`inherited`), whose own diagnostics cover it.
 */
export function localOrigin(
  resolution: Resolution,
  set: ResolvedSet,
  permission: string,
): { kind: 'own'; at: SourceRef } | { kind: 'include'; at: SourceRef; source: SourceRef; fragment: string } | { kind: 'inherited' } | undefined {
  const p = provenance(resolution, set.id, permission);
  if (!p) return undefined;
  const entry = p.source.entry;
  if (p.via.length === 0) return { kind: 'own', at: { uri: entry.uri, span: entry.keySpan } };
  const first = p.via[0]!;
  if (first.kind === 'include') return { kind: 'include', at: first.at, source: { uri: entry.uri, span: entry.entrySpan }, fragment: first.to };
  return { kind: 'inherited' };
}
