import type { ModelGrant, ModelLocation, ModelStep, PolicyModel } from '../policy-model.js';
import { cellText } from './cell-text.js';
import { provenanceText } from './provenance-text.js';
import { selectMatrixSets } from './matrix-sets.js';

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

/** Builds the {@link AccessMatrix} of a policy model. */
export function buildAccessMatrix(model: PolicyModel, options: MatrixOptions = {}): AccessMatrix {
  const sets = selectMatrixSets(model, options.sets);
  const seats = new Map(model.seats.map((s) => [s.name, s]));
  const scopeLabel = new Map(model.scopes.map((s) => [s.name, s.label]));
  const grants = sets.map((s) => new Map(s.grants.map((g) => [g.permission, g])));

  const columns: MatrixColumn[] = sets.map((s) =>
    defined({
      id: s.id,
      name: s.name,
      system: s.system,
      seat: s.seat,
      seatLabel: s.seat === undefined ? undefined : seats.get(s.seat)?.label,
      paid: s.paid,
      extends: s.extends,
      include: [...s.include],
      restrict: s.restrict,
      at: { ...s.at },
    }),
  );

  const areas: MatrixArea[] = model.areas.map((a) => ({ id: a.id, label: a.label, rows: [] }));
  const areaById = new Map(areas.map((a) => [a.id, a]));
  for (const p of model.permissions) {
    let area = areaById.get(p.area);
    if (!area) {
      // A permission whose area is missing from the list (only in a broken model) still shows.
      area = { id: p.area, label: p.area, rows: [] };
      areas.push(area);
      areaById.set(p.area, area);
    }
    const cells = sets.map((set, i): MatrixCell => {
      const grant = grants[i]!.get(p.id);
      if (!grant) return { set: set.id, text: '', scopes: [], conditional: false };
      const scopes = grant.scopes.map((s): MatrixScope => defined({ scope: s.scope, label: p.scopeLabels?.[s.scope] ?? scopeLabel.get(s.scope) ?? s.scope, when: s.when }));
      if (options.provenance === false) return { set: set.id, text: cellText(scopes), scopes, conditional: scopes.some((s) => s.when !== undefined) };
      const provenance: MatrixProvenance = defined({
        text: provenanceText(set.id, grant),
        source: { ...grant.source, at: { ...grant.source.at } },
        via: grant.via.map((v) => ({ ...v, at: { ...v.at } })),
        restricted: grant.restricted && { ...grant.restricted, at: { ...grant.restricted.at }, from: grant.restricted.from.map((s) => ({ ...s })) },
      });
      return { set: set.id, text: cellText(scopes), scopes, conditional: scopes.some((s) => s.when !== undefined), provenance };
    });
    area.rows.push(defined({ permission: p.id, label: p.label, description: p.description, sensitive: p.sensitive, scopes: [...p.scopes], at: { ...p.at }, cells }));
  }

  return {
    version: 1,
    sets: columns,
    scopes: model.scopes.map((s) => defined({ name: s.name, label: s.label, when: s.when, covers: [...s.covers] })),
    areas,
  };
}

/**
 * The object without its `undefined` properties, keys otherwise in order: optional fields are
 * absent rather than `undefined`, so the JSON report and deep equality see the same thing.
 */
function defined<T extends object>(o: { [K in keyof T]: T[K] | undefined }): T {
  // A loop rather than Object.entries/fromEntries: this runs once per cell, millions of times
  // for large projects, and the intermediate arrays were most of the matrix's garbage.
  const out: Record<string, unknown> = {};
  for (const key in o) {
    const value = o[key];
    if (value !== undefined) out[key] = value;
  }
  return out as T;
}
