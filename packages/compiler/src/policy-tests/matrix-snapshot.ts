import type { PolicyModel } from '../policy-model/index.js';

/**
 * The effective access matrix as a committed snapshot (`policies/access-matrix.snap.json`):
 * every set's effective grants, in words, keys sorted. Reviewing its diff in a pull request is
 * reviewing who gains or loses what; `permset test` fails when it is out of date.
 */
export interface MatrixSnapshot {
  version: 1;
  sets: Record<string, Record<string, string>>;
}

/** One cell that differs between the committed snapshot and the policies. */
export interface SnapshotChange {
  set: string;
  permission: string;
  /** `undefined` when the cell is new (or the whole set is). */
  before: string | undefined;
  after: string | undefined;
}

/** The snapshot of a model. */
export function matrixSnapshot(model: PolicyModel): MatrixSnapshot {
  const sets: Record<string, Record<string, string>> = {};
  for (const set of [...model.sets].sort((a, b) => cmp(a.id, b.id))) {
    const cells: Record<string, string> = {};
    for (const g of [...set.grants].sort((a, b) => cmp(a.permission, b.permission))) {
      cells[g.permission] = g.scopes.map((s) => (s.when ? `${s.scope} when ${s.when}` : s.scope)).join(' | ');
    }
    sets[set.id] = cells;
  }
  return { version: 1, sets };
}

/** The snapshot as the file holds it: stable, one cell per line, ending with a newline. */
export function formatSnapshot(snapshot: MatrixSnapshot): string {
  return JSON.stringify(snapshot, null, 2) + '\n';
}

/** Reads a snapshot file; `undefined` (with a reason) when it is not a snapshot. */
export function parseSnapshot(text: string): { snapshot?: MatrixSnapshot; error?: string } {
  try {
    const value = JSON.parse(text) as MatrixSnapshot;
    if (value?.version !== 1 || typeof value.sets !== 'object' || value.sets === null)
      return { error: 'not a permset access-matrix snapshot (version 1)' };
    return { snapshot: value };
  } catch (e) {
    return { error: `invalid JSON: ${(e as Error).message}` };
  }
}

/** Every cell that differs, sorted by set then permission. */
export function compareSnapshots(committed: MatrixSnapshot, current: MatrixSnapshot): SnapshotChange[] {
  const changes: SnapshotChange[] = [];
  const setIds = [...new Set([...Object.keys(committed.sets), ...Object.keys(current.sets)])].sort(cmp);
  for (const set of setIds) {
    const before = committed.sets[set] ?? {};
    const after = current.sets[set] ?? {};
    const perms = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort(cmp);
    for (const permission of perms) {
      const b = Object.prototype.hasOwnProperty.call(before, permission) ? before[permission] : undefined;
      const a = Object.prototype.hasOwnProperty.call(after, permission) ? after[permission] : undefined;
      if (b !== a) changes.push({ set, permission, before: b, after: a });
    }
  }
  return changes;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
