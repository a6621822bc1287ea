import type { ModelScope } from '../policy-model/index.js';
import type { ChangeKind } from './diff-types.js';

/** Whether scope `a` covers scope `b` (every scope covers itself). */
export type Covers = (a: string, b: string) => boolean;

/** How two effective grants of one cell compare; `undefined` when they mean the same access. */
export interface ScopeComparison {
  kind: Exclude<ChangeKind, 'gain' | 'loss'>;
  gainsAccess: boolean;
  losesAccess: boolean;
}

/**
 * Compares a cell's BASE and HEAD scopes by coverage. A scope term `{scope, when}` is covered by
 * another when its scope is covered by the other's and the other adds no condition or the same
 * one: that is sound for the evaluator's semantics (a scope allows what the scopes it includes
 * allow, and a grant condition only narrows). Conditions are compared by text, so an edited
 * condition counts as possibly gaining and possibly losing access.
 */
export function compareScopes(
  before: readonly ModelScope[],
  after: readonly ModelScope[],
  covers: Covers,
): ScopeComparison | undefined {
  if (sameTerms(before, after)) return undefined;
  const coveredBy = (x: ModelScope, list: readonly ModelScope[]) =>
    list.some((n) => covers(n.scope, x.scope) && (n.when === undefined || n.when === x.when));
  const oldKept = before.every((o) => coveredBy(o, after));
  const newWithin = after.every((n) => coveredBy(n, before));
  if (oldKept && newWithin) return undefined;
  const sameNames = sameSet(
    before.map((s) => s.scope),
    after.map((s) => s.scope),
  );
  // A removed condition only widens and an added one only narrows; `condition` is left for the
  // same scopes under an edited condition, which may do either.
  const kind = oldKept ? 'widen' : newWithin ? 'narrow' : sameNames ? 'condition' : 'change';
  return { kind, gainsAccess: !newWithin, losesAccess: !oldKept };
}

/** Whether two scope lists hold the same terms, whatever their order. */
export function sameTerms(a: readonly ModelScope[], b: readonly ModelScope[]): boolean {
  const key = (s: ModelScope) => `${s.scope}\u0000${s.when ?? ''}\u0000${s.when === undefined ? 0 : 1}`;
  return sameSet(a.map(key), b.map(key));
}

/**
 * The meaning of a scope as a set of alternative conditions: its own `when` or that of any scope
 * it covers, `true` when one of them has none (it always holds).
 */
export type ScopeMeaning = true | ReadonlySet<string>;

/** {@link ScopeMeaning} of a scope, from what it covers and each scope's `when`. */
export function scopeMeaning(covers: readonly string[], whenOf: (scope: string) => string | undefined): ScopeMeaning {
  const out = new Set<string>();
  for (const c of covers) {
    const w = whenOf(c);
    if (w === undefined) return true;
    out.add(w);
  }
  return out;
}

/** How a scope's meaning moved; `same` when the alternatives are identical. */
export function meaningDirection(from: ScopeMeaning, to: ScopeMeaning): 'same' | 'wider' | 'narrower' | 'unknown' {
  if (from === true || to === true) return from === to ? 'same' : to === true ? 'wider' : 'narrower';
  const fromInTo = [...from].every((w) => to.has(w));
  const toInFrom = [...to].every((w) => from.has(w));
  if (fromInTo && toInFrom) return 'same';
  return fromInTo ? 'wider' : toInFrom ? 'narrower' : 'unknown';
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const as = new Set(a);
  const bs = new Set(b);
  if (as.size !== bs.size) return false;
  for (const x of as) if (!bs.has(x)) return false;
  return true;
}
