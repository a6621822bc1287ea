import fc from 'fast-check';
import { cond, pathsOf } from './random-condition.js';
import type { GrantSpec, ProjectSpec } from './project-spec.js';

/*
 * Narrowings of one grant, each of which must never turn a deny into an allow: removing a scope
 * from an explicit grant, replacing a grant (explicit or wildcard) with `none`, adding a `when`
 * to a granted scope, adding a `restrict` to a set.
 *
 * Not included, because the language is deliberately not monotone there: removing a scope from a
 * WILDCARD can leave it with no scope a permission allows, and such a wildcard does not touch the
 * permission at all (language.md), so the previous layer's, possibly wider, grant shows through.
 */

/** A description of one narrowing, applied with {@link applyNarrowing}. */
export interface Narrowing {
  kind: 'drop-scope' | 'none' | 'add-when' | 'restrict';
  owner: number;
  entry: number;
  item: number;
  when: { text: string; style: 'json' };
  scope: number;
}

/** Random narrowings (some do not apply to a given project: {@link applyNarrowing} says so). */
export function narrowingArb(): fc.Arbitrary<Narrowing> {
  return fc.record({
    kind: fc.constantFrom('drop-scope', 'none', 'add-when', 'restrict'),
    owner: fc.nat(),
    entry: fc.nat(),
    item: fc.nat(),
    when: cond(pathsOf(undefined)).map((c) => ({ text: c.text, style: 'json' as const })),
    scope: fc.nat(),
  });
}

/** The narrowed copy of `spec`, or undefined when the narrowing does not apply to it. */
export function applyNarrowing(spec: ProjectSpec, n: Narrowing): ProjectSpec | undefined {
  const out = structuredClone(spec);
  if (n.kind === 'restrict') {
    const set = out.sets[n.owner % out.sets.length]!;
    if (set.restrict) return undefined;
    set.restrict = out.scopes[n.scope % out.scopes.length]!.name;
    return out;
  }
  const owners = [...out.sets, ...out.fragments].filter((o) => o.grants.length > 0);
  if (owners.length === 0) return undefined;
  const owner = owners[n.owner % owners.length]!;
  const g: GrantSpec = owner.grants[n.entry % owner.grants.length]!;
  if (g.value === 'none') return undefined;
  const wildcard = g.key.includes('*');
  switch (n.kind) {
    case 'none':
      g.value = 'none';
      return out;
    case 'drop-scope':
      if (wildcard || g.value.length < 2) return undefined;
      g.value.splice(n.item % g.value.length, 1);
      return out;
    case 'add-when': {
      const item = g.value[n.item % g.value.length]!;
      if (item.when) return undefined;
      item.when = n.when;
      return out;
    }
  }
}
