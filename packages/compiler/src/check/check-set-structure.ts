import { didYouMean, didYouMeanSuffix, makeProblem } from '../diagnostics/index.js';
import type { ResolvedSet } from '../resolve/index.js';
import type { CheckContext } from './check-context.js';

/**
 * A set's place in the hierarchy: its seat exists and agrees with its base's, a system set
 * extends only system sets, a non-customizable seat's sets are extended only by system sets,
 * and `restrict` names a declared scope.
 */
export function checkSetStructure(ctx: CheckContext, set: ResolvedSet): void {
  const def = set.def;
  const uri = def.origin.uri;
  const catalog = ctx.catalog.def;
  if (def.seat && catalog && !catalog.seats.has(def.seat.value)) {
    const suggestions = didYouMean(def.seat.value, catalog.seats.keys());
    ctx.problems.push(
      makeProblem(
        'unknown-seat',
        `Unknown seat '${def.seat.value}'.${didYouMeanSuffix(suggestions)}`,
        { uri, span: def.seat.span },
        {
          fixes: suggestions.map((s, i) => ({
            title: `Replace with '${s}'`,
            isPreferred: i === 0 && suggestions.length === 1,
            edits: [{ uri, span: def.seat!.span, newText: s }],
          })),
        },
      ),
    );
  }
  const base = set.base;
  if (base && def.seat && base.seat && def.seat.value !== base.seat) {
    const declared = seatDeclaration(base);
    ctx.problems.push(
      makeProblem(
        'seat-mismatch',
        `Set '${def.id.value}' declares seat '${def.seat.value}', but its base '${base.id}' has seat '${base.seat}'; a set inherits its base's seat.`,
        { uri, span: def.seat.span },
        {
          related: declared ? [{ at: declared, message: `'${base.id}' gets seat '${base.seat}' here` }] : [],
          fixes: [
            {
              title: `Use seat '${base.seat}'`,
              isPreferred: true,
              edits: [{ uri, span: def.seat.span, newText: base.seat }],
            },
          ],
        },
      ),
    );
  }
  if (base && def.system && !base.def.system) {
    ctx.problems.push(
      makeProblem(
        'system-flag',
        `System set '${def.id.value}' extends custom set '${base.id}'; a system set may extend only system sets.`,
        { uri, span: def.extends!.span },
        {
          related: [
            {
              at: { uri: base.def.origin.uri, span: base.def.id.span },
              message: `'${base.id}' is a custom set (no \`system: true\`)`,
            },
          ],
        },
      ),
    );
  }
  if (base && !def.system && base.seat && catalog?.seats.get(base.seat)?.customizable === false) {
    const seat = catalog.seats.get(base.seat)!;
    ctx.problems.push(
      makeProblem(
        'not-customizable',
        `Set '${base.id}' has seat '${base.seat}', which is not customizable: only system sets may extend it.`,
        { uri, span: def.extends!.span },
        {
          related: [
            {
              at: { uri: catalog.origin.uri, span: seat.nameSpan },
              message: `seat '${base.seat}' is declared with \`customizable: false\``,
            },
          ],
        },
      ),
    );
  }
  if (def.restrict && catalog && !catalog.scopes.has(def.restrict.value)) {
    const suggestions = didYouMean(def.restrict.value, catalog.scopes.keys());
    ctx.problems.push(
      makeProblem(
        'unknown-scope',
        `Unknown scope '${def.restrict.value}'.${didYouMeanSuffix(suggestions)}`,
        { uri, span: def.restrict.span },
        {
          fixes: suggestions.map((s, i) => ({
            title: `Replace with '${s}'`,
            isPreferred: i === 0 && suggestions.length === 1,
            edits: [{ uri, span: def.restrict!.span, newText: s }],
          })),
        },
      ),
    );
  }
}

/** Where a set's seat is written: its own `seat`, or the nearest ancestor's. */
export function seatDeclaration(set: ResolvedSet): { uri: string; span: readonly [number, number] } | undefined {
  for (let s: ResolvedSet | undefined = set; s; s = s.base) {
    if (s.def.seat) return { uri: s.def.origin.uri, span: s.def.seat.span };
  }
  return undefined;
}
