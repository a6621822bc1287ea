import type { Problem, ProblemFix, SourceRef } from '../diagnostics/index.js';
import { didYouMean, didYouMeanSuffix, makeProblem } from '../diagnostics/index.js';
import type { GuardDef, Located } from '../entities/index.js';
import type { ResolvedSet } from '../resolve/index.js';
import { describeScopes } from '../resolve/index.js';
import type { CheckContext } from './check-context.js';
import { localOrigin } from './grant-origin.js';
import { setGrantFix } from './text-fixes.js';

/** One broken rule of a guard on one permission of one set. */
interface Violation {
  permission: string;
  /** The rule in words, e.g. "must never grant 'invoices.*'". */
  rule: string;
  /** The guard entry that states the rule. */
  ruleAt: SourceRef;
  /** The value the fix sets (`none`, or the widest allowed scope). */
  fixValue: string;
  /** For `exclusive`: the other permission the set holds. */
  other?: string;
}

/**
 * `kind: Guard`: static access guarantees, checked exhaustively over every set a guard applies
 * to. Each violating set gets `guard-violated` at the grant that causes it: its own entry, the
 * `include` that brings it, or (inherited) its `extends`, with the inherited grant as related
 * information and a fix that removes or narrows the grant in that set. With `only`, just those
 * sets are checked.
 */
export function checkGuards(ctx: CheckContext, only?: ReadonlySet<ResolvedSet>): void {
  for (const guard of ctx.project.guards.values()) {
    // With `only` (custom sets defined at run time), the guards themselves were checked when the
    // policies were built.
    if (!only) checkGuardReferences(ctx, guard);
    for (const set of applicableSets(ctx, guard, only ? [...only] : undefined)) {
      if (!set.complete) continue;
      for (const v of violationsOf(ctx, guard, set)) report(ctx, guard, set, v);
    }
  }
}

/** The sets (of `among`, all by default) a guard constrains: a seat's sets; listed sets and all sets extending them; all but the excepted. */
export function applicableSets(
  ctx: CheckContext,
  guard: GuardDef,
  among: readonly ResolvedSet[] = [...ctx.resolution.sets.values()],
): ResolvedSet[] {
  const sets = among;
  const a = guard.appliesTo;
  if (!a) return [];
  if (a.seat) return sets.filter((s) => s.seat === a.seat!.value);
  if (a.sets) {
    const roots = new Set(a.sets.map((s) => s.value));
    return sets.filter((s) => {
      for (let x: ResolvedSet | undefined = s; x; x = x.base) if (roots.has(x.id)) return true;
      return false;
    });
  }
  const except = new Set(a.except!.map((s) => s.value));
  return sets.filter((s) => !except.has(s.id));
}

/**
 * `applies_to: { sets: [maintainer] }` also covers the sets extending `maintainer`; a set that is
 * not listed itself is told why the guard reaches it: ", which applies to it because it extends
 * 'maintainer'" (with the sets in between, if any).
 */
function throughBase(guard: GuardDef, set: ResolvedSet): string {
  const listed = guard.appliesTo?.sets;
  if (!listed || listed.some((s) => s.value === set.id)) return '';
  const roots = new Set(listed.map((s) => s.value));
  const between: string[] = [];
  for (let x = set.base; x; x = x.base) {
    if (roots.has(x.id))
      return `, which applies to it because it extends '${x.id}'${between.length ? ` (through ${between.map((b) => `'${b}'`).join(', ')})` : ''}`;
    between.push(x.id);
  }
  return '';
}

function violationsOf(ctx: CheckContext, guard: GuardDef, set: ResolvedSet): Violation[] {
  const { catalog } = ctx;
  const uri = guard.origin.uri;
  const out: Violation[] = [];
  for (const pattern of guard.never) {
    for (const permission of catalog.matches(pattern.value)) {
      if (set.effective.has(permission))
        out.push({
          permission,
          rule: `must never grant '${pattern.value}'`,
          ruleAt: { uri, span: pattern.span },
          fixValue: 'none',
        });
    }
  }
  for (const { pattern, scope } of guard.maxScope) {
    if (!catalog.scope(scope.value)) continue;
    for (const permission of catalog.matches(pattern.value)) {
      const grant = set.effective.get(permission);
      if (!grant || grant.scopes.every((s) => catalog.covers(scope.value, s.scope))) continue;
      const fixValue = catalog.allows(permission, scope.value) ? scope.value : 'none';
      out.push({
        permission,
        rule: `may grant '${pattern.value}' at most in scope '${scope.value}'`,
        ruleAt: { uri, span: pattern.span },
        fixValue,
      });
    }
  }
  if (guard.exclusive.length >= 2) {
    const held = guard.exclusive.map((entry) => ({
      entry,
      perms: catalog.matches(entry.value).filter((p) => set.effective.has(p)),
    }));
    const holding = held.filter((h) => h.perms.length > 0);
    if (holding.length >= 2) {
      const first = holding[0]!;
      for (const later of holding.slice(1)) {
        for (const permission of later.perms) {
          out.push({
            permission,
            rule: `must not hold both '${first.entry.value}' and '${later.entry.value}' (separation of duties)`,
            ruleAt: { uri, span: later.entry.span },
            fixValue: 'none',
            other: first.perms[0]!,
          });
        }
      }
    }
  }
  return out;
}

function report(ctx: CheckContext, guard: GuardDef, set: ResolvedSet, v: Violation): void {
  const origin = localOrigin(ctx.resolution, set, v.permission);
  if (!origin) return;
  const grant = set.effective.get(v.permission)!;
  const why = guard.description ? ` (${firstSentence(guard.description)})` : '';
  const also = v.other ? `, and it also holds '${v.other}'` : '';
  const message = `Set '${set.id}' breaks guard '${guard.id.value}'${why}${throughBase(guard, set)}: it grants '${v.permission}' (${describeScopes(grant.scopes)})${also}, but the set ${v.rule}.`;
  const related: { at: SourceRef; message: string }[] = [
    { at: v.ruleAt, message: `guard '${guard.id.value}' states the rule here` },
  ];
  if (origin.kind === 'include')
    related.push({ at: origin.source, message: `fragment '${origin.fragment}' grants '${v.permission}' here` });
  if (origin.kind === 'inherited')
    related.push({ at: origin.source, message: `'${v.permission}' is inherited from here` });
  if (v.other) {
    const other = localOrigin(ctx.resolution, set, v.other);
    if (other)
      related.push({ at: other.kind === 'own' ? other.at : other.source, message: `'${v.other}' is granted here` });
  }
  const text = ctx.fileText(set.def.origin.uri);
  const title =
    v.fixValue === 'none'
      ? `Remove '${v.permission}' from '${set.id}'`
      : `Narrow '${v.permission}' to ${v.fixValue} in '${set.id}'`;
  const fix: ProblemFix | undefined = setGrantFix(
    text,
    set.def,
    v.permission,
    v.fixValue === 'none' ? 'none' : [v.fixValue],
    title,
  );
  ctx.problems.push(makeProblem('guard-violated', message, origin.at, { related, fixes: fix ? [fix] : [] }));
}

/** A guard's own references: seats, sets, patterns and scopes it names must exist. */
function checkGuardReferences(ctx: CheckContext, guard: GuardDef): void {
  const uri = guard.origin.uri;
  const catalog = ctx.catalog.def;
  const problems = ctx.problems;
  const a = guard.appliesTo;
  if (a?.seat && catalog && !catalog.seats.has(a.seat.value))
    problems.push(unknownRef('unknown-seat', 'seat', a.seat, catalog.seats.keys(), uri));
  for (const s of a?.sets ?? a?.except ?? []) {
    if (!ctx.resolution.sets.has(s.value))
      problems.push(unknownRef('unknown-set', 'permission set', s, ctx.resolution.sets.keys(), uri));
  }
  if (!catalog) return;
  for (const p of [...guard.never, ...guard.exclusive, ...guard.maxScope.map((m) => m.pattern)]) {
    if (ctx.catalog.matches(p.value).length === 0) {
      problems.push(
        makeProblem(
          'wildcard-no-match',
          `'${p.value}' matches no permission of the catalog, so this part of guard '${guard.id.value}' guarantees nothing.`,
          { uri, span: p.span },
        ),
      );
    }
  }
  for (const m of guard.maxScope) {
    if (!catalog.scopes.has(m.scope.value))
      problems.push(unknownRef('unknown-scope', 'scope', m.scope, catalog.scopes.keys(), uri));
  }
}

function unknownRef(
  code: 'unknown-seat' | 'unknown-set' | 'unknown-scope',
  what: string,
  ref: Located<string>,
  names: Iterable<string>,
  uri: string,
): Problem {
  const suggestions = didYouMean(ref.value, names);
  return makeProblem(
    code,
    `Unknown ${what} '${ref.value}'.${didYouMeanSuffix(suggestions)}`,
    { uri, span: ref.span },
    {
      fixes: suggestions.map((s, i) => ({
        title: `Replace with '${s}'`,
        isPreferred: i === 0 && suggestions.length === 1,
        edits: [{ uri, span: ref.span, newText: s }],
      })),
    },
  );
}

function firstSentence(text: string): string {
  const m = /^(.*?[.!?])(\s|$)/s.exec(text.trim());
  const s = (m ? m[1]! : text.trim()).replace(/\s+/g, ' ');
  return s.length > 140 ? s.slice(0, 137) + '…' : s.replace(/[.!?]$/, '');
}
