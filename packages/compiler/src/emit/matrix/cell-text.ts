import type { MatrixScope } from './matrix-types.js';

/** The mark after a scope that carries a grant condition ("member†"). */
export const CONDITION_MARK = '†';

/**
 * A cell's compact words: the scope names joined with " + " ("own + managed"), each marked
 * {@link CONDITION_MARK} when the grant adds a condition to it; "" for no scopes. Scope names
 * rather than labels, so 21 columns still fit on a screen; the labels go to tooltips and legends.
 */
export function cellText(scopes: readonly MatrixScope[]): string {
  return scopes.map((s) => (s.when !== undefined ? s.scope + CONDITION_MARK : s.scope)).join(' + ');
}
