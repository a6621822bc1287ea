import type { ProblemFix, SourceRef } from '../diagnostics/index.js';
import { makeProblem } from '../diagnostics/index.js';
import type { CatalogIndex, EffectiveScope, ResolvedSet } from '../resolve/index.js';
import { describeScopes } from '../resolve/index.js';
import type { CheckContext } from './check-context.js';
import { localOrigin } from './grant-origin.js';
import { setGrantFix, yamlScopes } from './text-fixes.js';

/** The sentinel for "must be granted at all" (the required permission does not allow the scope). */
const ANY = '*';

/**
 * `requires: [Q]` on P: for every scope granted on P, Q must be granted a scope that covers it
 * where Q allows that scope, else Q must be granted at all. Reported once, on the set that breaks
 * the rule (not again on every set inheriting the break), at the line that breaks it (the grant,
 * the narrowing, the `include`, or the set's own `restrict`), with fixes that either grant what
 * is missing or narrow the dependent grant to what is covered.
 */
export function checkRequires(ctx: CheckContext, set: ResolvedSet): void {
  const { catalog } = ctx;
  for (const [permission, q, req] of pairsToCheck(ctx, set)) {
    const grant = set.effective.get(permission);
    const def = catalog.permission(permission);
    // Stryker disable next-line LogicalOperator: pairsToCheck only yields catalog permissions the set holds; the guard is for the type checker.
    if (!grant || !def) continue;
    const unmet = unmetScopes(catalog, grant.scopes, set.effective.get(q)?.scopes, q);
    if (unmet.length === 0) continue;
    if (
      set.base &&
      sameList(
        unmetScopes(catalog, set.base.effective.get(permission)?.scopes, set.base.effective.get(q)?.scopes, q),
        unmet,
      )
    )
      continue;
    const have = set.effective.get(q);
    const byRestrict =
      have?.restrictedBy?.setId === set.id &&
      unmetScopes(catalog, grant.scopes, have.restrictedBy.original.scopes, q).length === 0
        ? have.restrictedBy.at
        : undefined;
    const at = byRestrict ? { at: byRestrict, related: [] } : locate(ctx, set, permission, q);
    const needWords = unmet.includes(ANY) ? 'granted' : `granted in a scope covering ${unmet.join(', ')}`;
    const why = byRestrict ? `, because this set's \`restrict: ${set.def.restrict!.value}\` narrows it` : '';
    const message = `'${permission}' (${describeScopes(grant.scopes)}) requires '${q}' to be ${needWords}, but set '${set.id}' ${have ? `grants it only ${describeScopes(have.scopes)}` : 'does not grant it'}${why}.`;
    ctx.problems.push(
      makeProblem('requires-missing', message, at.at, {
        related: [
          { at: { uri: def.uri, span: req.span }, message: `'${permission}' requires '${q}' here` },
          ...at.related,
        ],
        fixes: fixesFor(ctx, set, permission, grant.scopes, q, unmet, !!byRestrict),
      }),
    );
  }
}

/**
 * The (P, Q, requires entry) pairs whose outcome can differ from the base's: those where P's or
 * Q's grant is not the very object the base holds. Everything else was decided on the base, so a
 * 10,000-set project costs work proportional to what each set changes, not to what it inherits.
 */
function pairsToCheck(ctx: CheckContext, set: ResolvedSet): [string, string, { span: readonly [number, number] }][] {
  const { catalog } = ctx;
  const base = set.base?.effective;
  const changed = new Set<string>();
  for (const [p, g] of set.effective) if (!base || base.get(p) !== g) changed.add(p);
  // Stryker disable next-line BooleanLiteral: adding unchanged permissions only checks more pairs; the base-equality skip in checkRequires drops their reports.
  if (base) for (const p of base.keys()) if (!set.effective.has(p)) changed.add(p);
  const pairs: [string, string, { span: readonly [number, number] }][] = [];
  const seen = new Set<string>();
  const add = (p: string, q: string, req: { span: readonly [number, number] }) => {
    const key = `${p}\u0000${q}`;
    if (seen.has(key) || p === q || !catalog.permission(q) || !set.effective.has(p)) return;
    seen.add(key);
    pairs.push([p, q, req]);
  };
  for (const c of changed) {
    for (const req of catalog.permission(c)?.requires ?? []) add(c, req.value, req);
    for (const { permission, req } of catalog.requiredBy(c)) add(permission, c, req);
  }
  return pairs;
}

/** The scopes of P's grant that Q's grant does not satisfy, sorted (`*`: Q must be granted at all). */
function unmetScopes(
  catalog: CatalogIndex,
  p: readonly EffectiveScope[] | undefined,
  qScopes: readonly EffectiveScope[] | undefined,
  q: string,
): string[] {
  if (!p) return [];
  const unmet = new Set<string>();
  for (const s of p) {
    if (catalog.allows(q, s.scope)) {
      if (!qScopes || !qScopes.some((qs) => catalog.covers(qs.scope, s.scope))) unmet.add(s.scope);
    } else if (!qScopes) unmet.add(ANY);
  }
  return [...unmet].sort();
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Drops scopes another listed scope covers (`[own, all]` is just `all`). */
function minimal(catalog: CatalogIndex, scopes: string[]): string[] {
  const unique = [...new Set(scopes)];
  return unique.filter((s) => !unique.some((t) => t !== s && catalog.covers(t, s)));
}

/** The widest of some scopes: those no other candidate covers. */
function minimalTop(catalog: CatalogIndex, scopes: string[]): string[] {
  // Stryker disable next-line MethodExpression: `fixesFor` passes the result through `minimal`, which drops covered scopes again.
  return scopes.filter((s) => !scopes.some((t) => t !== s && catalog.covers(t, s)));
}

function fixesFor(
  ctx: CheckContext,
  set: ResolvedSet,
  p: string,
  pScopes: readonly EffectiveScope[],
  q: string,
  unmet: string[],
  byRestrict: boolean,
): ProblemFix[] {
  const { catalog } = ctx;
  // No text: a run-time definition, whose fixes are the `grant` intents alone.
  const text = ctx.fileText(set.def.origin.uri);
  const fixes: ProblemFix[] = [];
  // Granting Q more only helps when the set's own `restrict` will not narrow it again.
  if (!byRestrict) {
    const have = set.effective.get(q);
    const needed = unmet.map((s) =>
      s === ANY || !catalog.allows(q, s) ? (catalog.permission(q)!.scopes[0]?.value ?? s) : s,
    );
    const scopes = minimal(catalog, [
      ...(have ? have.scopes.filter((s) => !s.when).map((s) => s.scope) : []),
      ...needed,
    ]);
    const fix = setGrantFix(text, set.def, q, scopes, `Grant '${q}: ${yamlScopes(scopes)}' in '${set.id}'`);
    if (fix) fixes.push(fix);
  }
  // The least-privilege alternative: keep only the scopes of P that Q already covers.
  const kept = pScopes.filter((s) => (catalog.allows(q, s.scope) ? !unmet.includes(s.scope) : !unmet.includes(ANY)));
  if (pScopes.some((s) => s.when)) return fixes; // a condition has no one-line form to narrow to
  // An unmet scope narrows to the widest scope it covers that Q does cover (`all` -> `member`).
  const qScopes = set.effective.get(q)?.scopes ?? [];
  const narrowerOf = (s: string): string[] => {
    const candidates = [...catalog.coverage(s)].filter(
      (t) =>
        t !== s &&
        catalog.allows(p, t) &&
        (catalog.allows(q, t) ? qScopes.some((qs) => catalog.covers(qs.scope, t)) : qScopes.length > 0),
    );
    return minimalTop(catalog, candidates);
  };
  // Stryker disable next-line MethodExpression: narrowing a kept scope yields scopes it covers, which `minimal` drops.
  const replaced = pScopes.filter((s) => !kept.includes(s)).flatMap((s) => narrowerOf(s.scope));
  const all = [...kept.map((s) => s.scope), ...replaced];
  const narrowedScopes = all.length > 0 ? minimal(catalog, all) : 'none';
  const narrowed = narrowedScopes === 'none' ? 'none' : yamlScopes(narrowedScopes);
  const title =
    narrowed === 'none' ? `Remove '${p}' from '${set.id}' (${p}: none)` : `Narrow '${p}' to ${narrowed} in '${set.id}'`;
  const fix = setGrantFix(text, set.def, p, narrowedScopes, title);
  if (fix) fixes.push(fix);
  return fixes;
}

function locate(
  ctx: CheckContext,
  set: ResolvedSet,
  p: string,
  q: string,
): { at: SourceRef; related: { at: SourceRef; message: string }[] } {
  const pOrigin = localOrigin(ctx.resolution, set, p);
  // Stryker disable next-line OptionalChaining: P is held by the set (pairsToCheck), so its origin always exists.
  if (pOrigin?.kind === 'own') return { at: pOrigin.at, related: [] };
  const qOwn = set.own.get(q);
  if (qOwn) {
    const entry = qOwn.decision.kind === 'remove' ? qOwn.decision.source.entry : qOwn.decision.grant.source.entry;
    return { at: { uri: entry.uri, span: entry.keySpan }, related: [] };
  }
  // Stryker disable next-line OptionalChaining: P is held by the set (pairsToCheck), so its origin always exists.
  if (pOrigin?.kind === 'include')
    return {
      at: pOrigin.at,
      related: [{ at: pOrigin.source, message: `fragment '${pOrigin.fragment}' grants '${p}' here` }],
    };
  const qOrigin = localOrigin(ctx.resolution, set, q);
  if (qOrigin?.kind === 'include')
    return {
      at: qOrigin.at,
      related: [{ at: qOrigin.source, message: `fragment '${qOrigin.fragment}' sets '${q}' here` }],
    };
  const removal = removedByFragment(ctx, set, q);
  if (removal) return removal;
  const span = set.def.extends?.span ?? set.def.origin.kindSpan;
  return { at: { uri: set.def.origin.uri, span }, related: [] };
}

/**
 * When Q is gone because a fragment the set includes says `Q: none` (the last such fragment
 * decides), the `include` item of that fragment, with the `none` entry as related information:
 * that is the line that broke the requirement, not the set's `extends`.
 */
function removedByFragment(
  ctx: CheckContext,
  set: ResolvedSet,
  q: string,
): { at: SourceRef; related: { at: SourceRef; message: string }[] } | undefined {
  if (set.effective.has(q) || set.own.has(q)) return undefined;
  for (let i = set.def.include.length - 1; i >= 0; i--) {
    const item = set.def.include[i]!;
    const decision = ctx.resolution.fragmentLayers.get(item.value)?.get(q);
    if (decision?.kind !== 'remove') continue;
    const entry = decision.source.entry;
    return {
      at: { uri: set.def.origin.uri, span: item.span },
      related: [
        { at: { uri: entry.uri, span: entry.entrySpan }, message: `fragment '${item.value}' removes '${q}' here` },
      ],
    };
  }
  return undefined;
}
