import { patternMatcher } from '../resolve/permission-pattern.js';

/**
 * Why a permission pattern of a gate or an allowlist entry is malformed, or `undefined` when it is
 * fine. Patterns follow the policy language: `*` stands for one or more whole segments
 * (`cost_rates.*`, `*.delete`), so `cost_rates*` is a mistake worth reporting rather than a
 * pattern that silently matches nothing.
 */
export function permissionPatternProblem(pattern: string): string | undefined {
  if (pattern === '') return 'a permission pattern cannot be empty';
  const segments = pattern.split('.');
  if (segments.some((s) => s === '')) return `'${pattern}' has an empty segment`;
  const partial = segments.find((s) => s !== '*' && s.includes('*'));
  if (partial !== undefined)
    return `'${pattern}': '*' must be a whole segment (write '${pattern.replace(/([^.*])\*/g, '$1.*').replace(/\*([^.*])/g, '*.$1')}')`;
  return undefined;
}

/** A matcher for a permission pattern (checked with {@link permissionPatternProblem} first). */
export function permissionMatcher(pattern: string): (permission: string) => boolean {
  return patternMatcher(pattern);
}

/** A matcher for a set-id glob, where `*` matches any run of characters (`manager*`, `*`). */
export function setMatcher(glob: string): (id: string) => boolean {
  if (!glob.includes('*')) return (id) => id === glob;
  const re = new RegExp(
    `^${glob
      .split('*')
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
    's',
  );
  return (id) => re.test(id);
}
