import { makeProblem, withArticle } from '../diagnostics/index.js';
import type { ResolvedSet } from '../resolve/index.js';
import { patternMatcher } from '../resolve/index.js';
import type { CheckContext } from './check-context.js';
import { localOrigin } from './grant-origin.js';

/**
 * A set may only hold permissions its seat `allows`. Grants inherited from a base of the same
 * seat are the base's problem (reported there), so each break is reported once, where it is
 * written: the set's own entry or the `include` that brings it.
 */
export function checkSeatAllows(ctx: CheckContext, set: ResolvedSet): void {
  const seatName = set.seat;
  const seat = seatName ? ctx.catalog.def?.seats.get(seatName) : undefined;
  if (!seat?.allows) return;
  const matchers = seat.allows.map((a) => patternMatcher(a.value));
  const allowed = (p: string) => matchers.some((m) => m(p));
  const byInclude = new Map<
    string,
    {
      at: { uri: string; span: readonly [number, number] };
      permissions: string[];
      source: { uri: string; span: readonly [number, number] };
    }
  >();
  const base = set.base && set.base.seat === seatName ? set.base.effective : undefined;
  for (const [permission, grant] of set.effective) {
    // A grant inherited unchanged from a base of the same seat was judged on the base.
    if (base?.get(permission) === grant || allowed(permission)) continue;
    const origin = localOrigin(ctx.resolution, set, permission);
    if (!origin || origin.kind === 'inherited') continue;
    if (origin.kind === 'own') {
      ctx.problems.push(
        makeProblem(
          'seat-disallows',
          `Seat '${seatName}' does not allow '${permission}': ${withArticle(`${seat.label} set`)} may grant only ${seat.allows.map((a) => `'${a.value}'`).join(', ')}.`,
          origin.at,
          {
            related: [
              {
                at: { uri: ctx.catalog.def!.origin.uri, span: seat.nameSpan },
                message: `seat '${seatName}' lists what it allows here`,
              },
            ],
          },
        ),
      );
    } else {
      const key = `${origin.at.uri}:${origin.at.span[0]}`;
      const group = byInclude.get(key) ?? { at: origin.at, permissions: [], source: origin.source };
      group.permissions.push(permission);
      byInclude.set(key, group);
    }
  }
  for (const g of byInclude.values()) {
    const list =
      g.permissions
        .slice(0, 5)
        .map((p) => `'${p}'`)
        .join(', ') + (g.permissions.length > 5 ? `, and ${g.permissions.length - 5} more` : '');
    ctx.problems.push(
      makeProblem(
        'seat-disallows',
        `Seat '${seatName}' does not allow ${list}, which this included fragment grants.`,
        g.at,
        {
          related: [{ at: g.source, message: 'granted here' }],
        },
      ),
    );
  }
}
