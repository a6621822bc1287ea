import type { ModelSet } from '../policy-model/index.js';

/**
 * Pairs sets that only BASE has with sets that only HEAD has when they hold exactly the same
 * effective grants and share their name or description: one set renamed, not one removed and
 * one added (which would show every grant twice). Deterministic: HEAD's sets in order take the
 * first BASE candidate in BASE's order. Returns HEAD id → BASE id.
 */
export function detectRenames(removed: readonly ModelSet[], added: readonly ModelSet[]): Map<string, string> {
  const bySignature = new Map<string, ModelSet[]>();
  for (const s of removed) {
    const sig = signature(s);
    const list = bySignature.get(sig) ?? [];
    list.push(s);
    bySignature.set(sig, list);
  }
  const out = new Map<string, string>();
  for (const s of added) {
    const candidates = bySignature.get(signature(s));
    if (!candidates) continue;
    const i = candidates.findIndex(
      (c) => c.name === s.name || (c.description !== undefined && c.description === s.description),
    );
    if (i < 0) continue;
    out.set(s.id, candidates[i]!.id);
    candidates.splice(i, 1);
  }
  return out;
}

/** The set's effective access as one string: permissions with their sorted scope terms. */
export function signature(set: ModelSet): string {
  const cells = set.grants.map(
    (g) =>
      [
        g.permission,
        g.scopes.map((s) => (s.when === undefined ? s.scope : `${s.scope}\u0000${s.when}`)).sort(),
      ] as const,
  );
  cells.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return JSON.stringify(cells);
}
