import type { PolicyDiff } from './diff-types.js';
import type { GateResult } from './evaluate-gates.js';

/**
 * The diff as JSON: the {@link PolicyDiff} itself, plus `gates` when they ran (each hit with its
 * allowlist entry, and entries that matched nothing). Two-space indented, newline-terminated,
 * deterministic.
 */
export function renderDiffJson(diff: PolicyDiff, gates?: GateResult): string {
  return JSON.stringify(gates ? { ...diff, gates } : diff, null, 2) + '\n';
}
