import type { GrantEntry } from '../entities/index.js';
import type { CatalogIndex } from './catalog-index.js';
import type { EffectiveScope, GrantSource, LayerDecision } from './effective-grant.js';
import { patternSpecificity } from './permission-pattern.js';

/** The grants of one owner (a set's own grants, or a fragment). */
export interface GrantLayerOwner {
  kind: 'set' | 'fragment';
  id: string;
  grants: readonly GrantEntry[];
}

/**
 * A layer's decisions: for every permission its entries touch, the winning entry's effect.
 * An explicit id beats any wildcard; among wildcards the most specific wins, and among equally
 * specific ones the later entry. A wildcard applies to a permission only with the listed scopes
 * that permission allows (none left: it does not apply). Unknown permissions and scopes are
 * skipped here; the check stage reports them.
 */
export function computeLayer(owner: GrantLayerOwner, catalog: CatalogIndex): Map<string, LayerDecision> {
  const decided = new Map<string, { decision: LayerDecision; specificity: number }>();
  for (const entry of owner.grants) {
    const source: GrantSource = { ownerKind: owner.kind, ownerId: owner.id, entry };
    const specificity = entry.isPattern ? patternSpecificity(entry.key) : Number.POSITIVE_INFINITY;
    const targets = entry.isPattern ? catalog.matches(entry.key) : catalog.permission(entry.key) ? [entry.key] : [];
    for (const permission of targets) {
      let decision: LayerDecision;
      if (entry.value.none) {
        decision = { kind: 'remove', source };
      } else {
        const scopes: EffectiveScope[] = entry.value.scopes
          .filter((s) => catalog.allows(permission, s.scope))
          .map((s) => ({ scope: s.scope, when: s.when }));
        if (scopes.length === 0) continue;
        decision = { kind: 'grant', grant: { permission, scopes, source } };
      }
      const current = decided.get(permission);
      if (current && current.specificity > specificity) continue;
      decided.set(permission, { decision, specificity });
    }
  }
  const out = new Map<string, LayerDecision>();
  for (const [permission, d] of decided) out.set(permission, d.decision);
  return out;
}
