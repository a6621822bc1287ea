/**
 * A place in a policy file, 1-based as people and `file:line:col` read it. Line 0: a run-time
 * custom set's definition, `file` its JSON Pointer (`/0/grants/deals.view`; see the model's
 * `locate` option).
 */
export interface ModelLocation {
  file: string;
  line: number;
  column: number;
}

/** A step of a grant's provenance: `manager-restricted` extends `manager` at file:line. */
export interface ModelStep {
  kind: 'extends' | 'include';
  from: string;
  to: string;
  at: ModelLocation;
}

/** One scope of an effective grant. */
export interface ModelScope {
  scope: string;
  /** The grant's own condition (in addition to the scope's), as written. */
  when?: string;
}

/** A set's effective grant on one permission, with where it comes from. */
export interface ModelGrant {
  permission: string;
  scopes: ModelScope[];
  /** The grant entry that grants it: its owner and position. */
  source: { kind: 'set' | 'fragment'; id: string; key: string; at: ModelLocation };
  /** From this set down to the source's owner; empty when the set grants it itself. */
  via: ModelStep[];
  /**
   * The `restrict` that narrowed the grant, if any: `from` holds the terms it narrowed, as they
   * were (`all`, not the `own` it left alone in `[own, all]`).
   */
  restricted?: { set: string; scope: string; at: ModelLocation; from: ModelScope[] };
}

/** A permission set with its effective grants. */
export interface ModelSet {
  id: string;
  name: string;
  description?: string;
  system: boolean;
  seat?: string;
  paid?: boolean;
  extends?: string;
  include: string[];
  restrict?: string;
  at: ModelLocation;
  /** Effective grants in catalog order. */
  grants: ModelGrant[];
  /**
   * Permissions the set does not hold because a `none` removes them (its own, an included
   * fragment's or a base's), in catalog order, with that line: what `explain` names for a deny.
   * Absent when nothing is removed.
   */
  removed?: ModelRemoval[];
}

/** A permission a `none` entry removes from a set. */
export interface ModelRemoval {
  permission: string;
  /** The `none` entry: its owner, its key (an id or a wildcard) and position. */
  source: { kind: 'set' | 'fragment'; id: string; key: string; at: ModelLocation };
  /** From the set down to the owner of the `none`; empty when the set writes it itself. */
  via: ModelStep[];
}

/** A permission of the catalog. */
export interface ModelPermission {
  id: string;
  label: string;
  scopeLabels?: Record<string, string>;
  description?: string;
  area: string;
  scopes: string[];
  requires: string[];
  sensitive: boolean;
  resourceType?: string;
  at: ModelLocation;
}

/** A scope of the catalog with its condition and what it covers. */
export interface ModelScopeDef {
  name: string;
  label: string;
  when?: string;
  includes: string[];
  /** Every scope this one covers, itself included, sorted. */
  covers: string[];
}

/**
 * The resolved project as plain, deterministic data: what every back end reads (the evaluator's
 * tables, the access-matrix reports, `permset diff`, the Cedar export). It carries no offsets
 * and no absolute paths: files are named as they were compiled (relative to the project), so
 * the same policies give the same model on any checkout.
 */
export interface PolicyModel {
  version: 1;
  areas: { id: string; label: string; resource?: string }[];
  permissions: ModelPermission[];
  scopes: ModelScopeDef[];
  seats: { name: string; label: string; paid: boolean; customizable: boolean; allows?: string[] }[];
  resources: { name: string; label?: string; attributes: Record<string, string> }[];
  subjectAttributes: Record<string, string>;
  contextAttributes: Record<string, string>;
  /** System sets first, then custom; each group as an inheritance forest, bases before derived. */
  sets: ModelSet[];
}
