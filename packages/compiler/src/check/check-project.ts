import { makeProblem } from '../diagnostics/index.js';
import type { ResolvedSet } from '../resolve/index.js';
import type { CheckContext } from './check-context.js';
import { checkCatalog } from './check-catalog.js';
import { checkGrantEntries } from './check-grant-entries.js';
import { checkGuards } from './check-guards.js';
import { checkTestSuites } from './check-test-suites.js';
import { checkRedundantGrants } from './check-redundant.js';
import { checkRequires } from './check-requires.js';
import { checkSeatAllows } from './check-seat-allows.js';
import { checkSetStructure } from './check-set-structure.js';

/**
 * Stage `check`: every semantic rule over the resolved project. Each rule is a function of its
 * own file; this only runs them in a fixed order, so diagnostics are deterministic.
 */
export function checkProject(ctx: CheckContext): void {
  checkCatalog(ctx);
  const included = new Set<string>();
  for (const set of ctx.resolution.sets.values()) {
    checkSet(ctx, set);
    for (const inc of set.def.include) included.add(inc.value);
  }
  checkGuards(ctx);
  checkTestSuites(ctx);
  for (const fragment of ctx.project.fragments.values()) {
    checkGrantEntries(ctx, fragment, 'fragment');
    if (!included.has(fragment.id.value)) {
      ctx.problems.push(
        makeProblem('unused-fragment', `Fragment '${fragment.id.value}' is not included by any permission set.`, {
          uri: fragment.origin.uri,
          span: fragment.id.span,
        }),
      );
    }
  }
}

/**
 * The rules about one set on its own (its grant entries, its place in the hierarchy, and over its
 * effective grants `requires`, the seat and redundancy). Guards span sets: {@link checkGuards}.
 * Custom sets defined at run time are checked with this very function.
 */
export function checkSet(ctx: CheckContext, set: ResolvedSet): void {
  checkGrantEntries(ctx, set.def, 'set');
  checkSetStructure(ctx, set);
  if (!ctx.catalog.def || !set.complete) return;
  checkRequires(ctx, set);
  checkSeatAllows(ctx, set);
  checkRedundantGrants(ctx, set);
}
