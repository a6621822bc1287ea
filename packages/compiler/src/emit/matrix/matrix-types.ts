import type { ModelGrant, ModelLocation, ModelStep } from '../../policy-model/index.js';

// The access matrix's shape, apart from its builder: renderers and helpers (`cell-text`) name it
// without importing `buildAccessMatrix`, which imports them.

/** A column of the matrix: a permission set with its seat and how it is built. */
export interface MatrixColumn {
  id: string;
  name: string;
  system: boolean;
  seat?: string;
  /** The seat's catalog label ("Employee"). */
  seatLabel?: string;
  /** Whether the seat is paid; absent when the set has no (known) seat. */
  paid?: boolean;
  extends?: string;
  include: string[];
  restrict?: string;
  /** The set's `id` in its file. */
  at: ModelLocation;
}

/** One scope of a cell, with the words a reader sees for it. */
export interface MatrixScope {
  scope: string;
  /** The permission's `scope_labels` entry, else the catalog scope's label. */
  label: string;
  /** The grant's own condition on this scope, as written (the scope's own `when` is implied). */
  when?: string;
}

/** Where a cell's grant comes from, as words and as data. */
export interface MatrixProvenance {
  /**
   * The whole story on one line: "inherited from manager (policies/sets/system/manager.yaml:28)
   * via extends at policies/sets/system/manager-restricted.yaml:10, narrowed from all to member
   * by restrict (policies/sets/system/manager-restricted.yaml:11)".
   */
  text: string;
  /** The grant entry that grants it (a set's or a fragment's line). */
  source: ModelGrant['source'];
  /** From the column's set down to the source's owner; empty when the set grants it itself. */
  via: ModelStep[];
  /** The `restrict` that narrowed the grant, if any. */
  restricted?: NonNullable<ModelGrant['restricted']>;
}

/** The intersection of a permission (row) and a set (column). */
export interface MatrixCell {
  set: string;
  /**
   * Compact words for the effective scopes: "all", "member", "own + managed"; a scope with a
   * grant condition is marked `†` ("member†"). Empty when not granted.
   */
  text: string;
  /** The effective scopes, in the grant's order; empty when not granted. */
  scopes: MatrixScope[];
  /** Whether any scope carries a grant condition. */
  conditional: boolean;
  /** Absent exactly when the cell is not granted. */
  provenance?: MatrixProvenance;
}

/** A permission of the catalog, with one cell per column. */
export interface MatrixRow {
  permission: string;
  label: string;
  description?: string;
  sensitive: boolean;
  /** The scopes the permission allows, in catalog order. */
  scopes: string[];
  at: ModelLocation;
  /** One per {@link AccessMatrix.sets} entry, in the same order. */
  cells: MatrixCell[];
}

/** A catalog area and its permissions, in catalog order. */
export interface MatrixArea {
  id: string;
  label: string;
  rows: MatrixRow[];
}

/**
 * The access matrix: permissions (rows, grouped by area) × permission sets (columns), each
 * cell with its effective scopes and provenance. Every report format (Markdown, HTML, CSV,
 * JSON) renders this one structure; it is plain data with a fixed key order, so the JSON
 * report is this object as is and the HTML page embeds it.
 */
export interface AccessMatrix {
  version: 1;
  /** Columns: system sets first, then custom, as {@link PolicyModel.sets} orders them. */
  sets: MatrixColumn[];
  /** The catalog's scopes, for legends. */
  scopes: { name: string; label: string; when?: string; covers: string[] }[];
  areas: MatrixArea[];
}

/** Options of {@link buildAccessMatrix} and the renderers. */
export interface MatrixOptions {
  /**
   * Only these sets, as columns (still in the model's order; duplicates ignored). Unknown ids are
   * the caller's mistake: check them first with `matrixSetProblems`, or this throws.
   */
  sets?: readonly string[];
  /**
   * Whether cells carry their {@link MatrixProvenance} (default true). The wide CSV does not
   * show it; leaving it out makes a matrix of millions of cells several times cheaper.
   */
  provenance?: boolean;
}
