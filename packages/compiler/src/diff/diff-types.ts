import type { Attribution, ModelLocation, ModelScope } from '../policy-model/index.js';

/**
 * How one (set, permission) cell changed between BASE and HEAD:
 *
 * - `gain`: not granted before, granted now; `loss`: the reverse;
 * - `widen`: every old scope is covered by a new one, not the other way round;
 * - `narrow`: every new scope is covered by an old one, not the other way round;
 * - `change`: neither (some access gained, some lost, e.g. `own` → `approver`);
 * - `condition`: the same scope names, but a grant condition (`when`) differs.
 *
 * Scope lists that cover each other both ways (`[all, own]` and `[all]`) mean the same access
 * and are not a change.
 */
export type ChangeKind = 'gain' | 'loss' | 'widen' | 'narrow' | 'change' | 'condition';

/** Every {@link ChangeKind}, in the order reports list them. */
export const CHANGE_KINDS: readonly ChangeKind[] = ['gain', 'loss', 'widen', 'narrow', 'change', 'condition'];

/**
 * Why a change deserves a second reviewer: it touches a `sensitive` permission, a set of a free
 * (unpaid, e.g. client) seat, or a set that many sets extend (so one line moves many roles).
 */
export type DiffFlag = 'sensitive' | 'free-seat' | 'base-of-many';

/** One changed cell of the effective access matrix. */
export interface CellChange {
  set: string;
  permission: string;
  kind: ChangeKind;
  /** BASE's effective scopes; absent when BASE did not grant the permission. */
  before?: ModelScope[];
  /** HEAD's effective scopes; absent when HEAD does not grant the permission. */
  after?: ModelScope[];
  /** Whether HEAD allows something BASE did not (or may: an edited condition counts). */
  gainsAccess: boolean;
  /** Whether BASE allowed something HEAD does not (or may). */
  losesAccess: boolean;
  /**
   * The HEAD line that makes the change: the grant for gains and other changes, the `restrict`
   * that newly narrows a grant, the `none` that removes one. Absent for a loss that no HEAD line
   * causes (the granting line was deleted, or the set no longer inherits it).
   */
  cause?: Attribution;
  /** BASE's line for what was lost or changed ("was granted by …"), in BASE's file names. */
  was?: Attribution;
  /** Flags of the cell and of its set. */
  flags: DiffFlag[];
}

/** What happened to a permission set as a whole. */
export type SetStatus = 'added' | 'removed' | 'renamed' | 'changed';

/** A permission set with something to report. */
export interface SetDiff {
  /** HEAD's id (BASE's for a removed set). */
  id: string;
  name: string;
  status: SetStatus;
  /** For `renamed`: BASE's id. A renamed set has the same effective grants, so no cells. */
  renamedFrom?: string;
  /** Its `extends` changed (ids as written; absent means no base). */
  rebased?: { from?: string; to?: string };
  /** Its seat changed. */
  seat?: { from?: string; to?: string };
  /** Set-level flags (`free-seat`, `base-of-many`); cells carry these plus their own. */
  flags: DiffFlag[];
  /** How many sets extend it, directly or not (HEAD's count; BASE's for a removed set). */
  descendants: number;
  /** BASE had errors in this set's file (or in the catalog): its BASE side may be partial. */
  uncertain?: boolean;
  /** Its changed cells in catalog order (every grant for an added or removed set). */
  cells: CellChange[];
}

/** A catalog permission whose definition changed. */
export interface PermissionChange {
  id: string;
  label?: { from: string; to: string };
  sensitive?: { from: boolean; to: boolean };
  scopes?: { from: string[]; to: string[] };
  requires?: { from: string[]; to: string[] };
}

/**
 * A scope whose meaning changed: its own `when`, what it includes, or the condition of a scope it
 * covers. That changes every grant of the scope at once, without any cell's text changing.
 */
export interface ScopeChange {
  scope: string;
  when?: { from?: string; to?: string };
  covers?: { from: string[]; to: string[] };
  /** Covered scopes (other than itself) whose own `when` changed. */
  through: string[];
  /** `wider`/`narrower` when one condition set contains the other, `unknown` otherwise. */
  direction: 'wider' | 'narrower' | 'unknown';
  /** HEAD's cells that grant the scope, whose meaning thus changed. */
  affected: { set: string; permission: string }[];
  /** HEAD's definition of the scope in the catalog (its name), when known: what gates point at. */
  at?: ModelLocation;
}

/** A seat whose definition changed. */
export interface SeatChange {
  seat: string;
  paid?: { from: boolean; to: boolean };
  allows?: { from?: string[]; to?: string[] };
}

/** Changes to the catalog itself. */
export interface CatalogDiff {
  permissions: { added: string[]; removed: string[]; changed: PermissionChange[] };
  scopes: { added: string[]; removed: string[]; changed: ScopeChange[] };
  seats: { added: string[]; removed: string[]; changed: SeatChange[] };
}

/** The lines that cause changes in several places (a base set's or a fragment's). */
export interface LineImpact {
  /** `file:line`, in HEAD's file names. */
  line: string;
  cause: Attribution;
  /** The sets whose cells it changes, in report order. */
  sets: string[];
  cells: number;
}

/** One side of a comparison, as reports name it. */
export interface DiffSide {
  /** "main (3f1b07e)", "working tree", "dir old/policies". */
  label: string;
  /** The policy folder as files are named under it ("policies"). */
  root: string;
  /** Error diagnostics of that side's compilation. */
  errors: number;
  /** Files holding those errors (in that side's names). */
  errorFiles: string[];
}

/** Counts for the summary line. */
export interface DiffSummary {
  sets: { changed: number; added: number; removed: number; renamed: number; rebased: number };
  cells: { total: number } & Record<ChangeKind, number>;
  /** Cells with at least one flag. */
  flagged: number;
  /** Permissions, scopes and seats added, removed or changed in the catalog. */
  catalog: number;
}

/** The result of {@link diffModels}: plain, deterministic data (the JSON format prints it). */
export interface PolicyDiff {
  version: 1;
  base: DiffSide;
  head: DiffSide;
  /** The threshold of the `base-of-many` flag. */
  many: number;
  summary: DiffSummary;
  catalog: CatalogDiff;
  /** Sets with changes: HEAD's order, then removed sets in BASE's order. */
  sets: SetDiff[];
  /** Lines that change cells, most sets first. */
  lines: LineImpact[];
}
