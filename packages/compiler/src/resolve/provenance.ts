import type { SourceRef } from '../diagnostics/index.js';
import type { EffectiveGrant, GrantSource } from './effective-grant.js';
import type { Resolution } from './inheritance-resolver.js';

/** One step of inheritance: a set extends a set, or includes a fragment. */
export interface InheritanceStep {
  kind: 'extends' | 'include';
  /** The set that extends or includes. */
  from: string;
  /** The base set or fragment. */
  to: string;
  /** The `extends` value or `include` item. */
  at: SourceRef;
}

/** Where a set's effective grant on a permission comes from. */
export interface Provenance {
  grant: EffectiveGrant;
  /** The grant entry that grants it (before any `restrict`). */
  source: GrantSource;
  /** From the asked set down to the owner of `source`; empty when the set grants it itself. */
  via: InheritanceStep[];
  /** The `restrict` that narrowed it, if any (the nearest one). */
  restricted: { setId: string; at: SourceRef } | undefined;
}

/**
 * Explains where a set's grant on a permission comes from, by following shared grant objects
 * down the inheritance chain: an inherited grant is the very object its base holds.
 */
export function provenance(resolution: Resolution, setId: string, permission: string): Provenance | undefined {
  let set = resolution.sets.get(setId);
  const grant = set?.effective.get(permission);
  if (!set || !grant) return undefined;
  const via: InheritanceStep[] = [];
  let restricted: Provenance['restricted'];
  let current: EffectiveGrant = grant;
  // Stryker disable next-line LogicalOperator,UpdateOperator: the loop always ends at a `break` (sets in a cycle have no base), so neither `set` nor the guard counter is ever what stops it.
  for (let guard = 0; set && guard < 100_000; guard++) {
    if (current.restrictedBy?.setId === set.id) {
      restricted ??= { setId: set.id, at: current.restrictedBy.at };
      current = current.restrictedBy.original;
    }
    if (current.source.ownerKind === 'set' && current.source.ownerId === set.id) break;
    if (set.base && set.base.effective.get(permission) === current) {
      via.push({
        kind: 'extends',
        from: set.id,
        to: set.base.id,
        at: { uri: set.def.origin.uri, span: set.def.extends!.span },
      });
      set = set.base;
      continue;
    }
    if (current.source.ownerKind === 'fragment') {
      const fragmentId = current.source.ownerId;
      const inc = set.def.include.find((i) => i.value === fragmentId);
      if (inc)
        via.push({ kind: 'include', from: set.id, to: fragmentId, at: { uri: set.def.origin.uri, span: inc.span } });
    }
    break;
  }
  return { grant, source: current.source, via, restricted };
}
