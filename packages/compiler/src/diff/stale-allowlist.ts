import { didYouMean, didYouMeanSuffix } from '../diagnostics/index.js';
import type { AllowEntry, AllowlistProblem } from './allowlist.js';
import { permissionMatcher, setMatcher } from './id-patterns.js';

/** The ids an allowlist is held against: every set and permission of BASE and of HEAD. */
export interface AllowlistNames {
  sets: readonly string[];
  permissions: readonly string[];
}

/**
 * Allowlist entries that name something neither side has: a set glob that matches no set, or a
 * permission pattern that matches no permission, of BASE or HEAD. Such an entry can never allow
 * a change (it is stale, or a typo that leaves the change it meant to allow tripping a gate, or
 * worse, an allowance nobody notices is dead), so it is an error with its position, not a note.
 * An entry naming real things that matches no change of this diff is fine: the change may be in
 * another pull request, and {@link evaluateGates} lists it as unused.
 *
 * A side list that is empty (no catalog could be read on either side) checks nothing: the
 * compile errors already say why.
 */
export function staleAllowlistEntries(entries: readonly AllowEntry[], names: AllowlistNames): AllowlistProblem[] {
  const sets = [...new Set(names.sets)];
  const permissions = [...new Set(names.permissions)];
  const problems: AllowlistProblem[] = [];
  for (const e of entries) {
    const where = (key: 'set' | 'permission') => e.valuesAt?.[key] ?? { line: e.at.line, column: e.at.column };
    if (sets.length && !sets.some(setMatcher(e.set))) {
      const what = e.set.includes('*')
        ? `'${e.set}' matches no permission set`
        : `there is no permission set '${e.set}'`;
      problems.push({
        file: e.at.file,
        ...where('set'),
        message: `${what} in BASE or HEAD.${didYouMeanSuffix(e.set.includes('*') ? [] : didYouMean(e.set, sets))}`,
      });
    }
    if (permissions.length && !permissions.some(permissionMatcher(e.permission))) {
      const what = e.permission.includes('*')
        ? `'${e.permission}' matches no permission`
        : `there is no permission '${e.permission}'`;
      problems.push({
        file: e.at.file,
        ...where('permission'),
        message: `${what} in BASE or HEAD.${didYouMeanSuffix(didYouMean(e.permission, permissionCandidates(permissions)))}`,
      });
    }
  }
  return problems;
}

/** Permission ids and their wildcard prefixes (`cost_rates.*`): what a mistyped pattern may have meant. */
export function permissionCandidates(ids: readonly string[]): string[] {
  const prefixes = ids.flatMap((id) =>
    id
      .split('.')
      .slice(0, -1)
      .map((_, i, parts) => `${parts.slice(0, i + 1).join('.')}.*`),
  );
  return [...new Set([...prefixes, ...ids])];
}
