import type { SourceRef } from '../diagnostics/index.js';
import { canonicalCondition, type ConditionParseCache } from '../conditions/index.js';
import type { ConditionSource, GrantEntry } from '../entities/index.js';

/** One scope of an effective grant, with the grant's extra condition if any. */
export interface EffectiveScope {
  scope: string;
  when: ConditionSource | undefined;
}

/** The grant entry an effective grant comes from, and who wrote it. */
export interface GrantSource {
  ownerKind: 'set' | 'fragment';
  ownerId: string;
  entry: GrantEntry;
}

/**
 * What a set effectively holds on one permission. Immutable and shared: a set inherits its
 * base's grant objects unchanged and every set including a fragment shares the fragment's, so
 * provenance can be read off object identity (see `provenance`).
 */
export interface EffectiveGrant {
  permission: string;
  scopes: readonly EffectiveScope[];
  source: GrantSource;
  /** Present when a set's `restrict` narrowed the grant it would otherwise hold. */
  restrictedBy?: { setId: string; at: SourceRef; original: EffectiveGrant };
}

/** A layer's decision on one permission: a grant, or the removal of an inherited one (`none`). */
export type LayerDecision = { kind: 'grant'; grant: EffectiveGrant } | { kind: 'remove'; source: GrantSource };

/** A scope term's identity: its scope and its condition's meaning ({@link canonicalCondition}). */
function termKey(s: EffectiveScope, cache: ConditionParseCache | undefined): string {
  return `${s.scope}\u0000${s.when ? canonicalCondition(s.when.text, cache) : ''}`;
}

/**
 * Whether two scope lists grant the same thing (order does not matter; conditions compare by
 * meaning, parsed through `cache` when given).
 */
export function sameScopes(
  a: readonly EffectiveScope[],
  b: readonly EffectiveScope[],
  cache?: ConditionParseCache,
): boolean {
  if (a.length !== b.length) return false;
  const bs = new Set(b.map((s) => termKey(s, cache)));
  return a.every((s) => bs.has(termKey(s, cache)));
}

/** Whether two decisions have the same effect. */
export function sameDecision(a: LayerDecision, b: LayerDecision, cache?: ConditionParseCache): boolean {
  if (a.kind === 'remove' || b.kind === 'remove') return a.kind === b.kind;
  return sameScopes(a.grant.scopes, b.grant.scopes, cache);
}

/** "member", "own, member (when …)", "none": a decision in words, for messages. */
export function describeScopes(scopes: readonly EffectiveScope[] | undefined): string {
  if (!scopes || scopes.length === 0) return 'none';
  return scopes.map((s) => (s.when ? `${s.scope} (when ${s.when.text.trim()})` : s.scope)).join(', ');
}

/** Removes duplicates (same scope and same condition, by meaning) that narrowing can produce. */
export function dedupeScopes(scopes: readonly EffectiveScope[], cache?: ConditionParseCache): EffectiveScope[] {
  const seen = new Set<string>();
  const out: EffectiveScope[] = [];
  for (const s of scopes) {
    const k = termKey(s, cache);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(s);
  }
  return out;
}
