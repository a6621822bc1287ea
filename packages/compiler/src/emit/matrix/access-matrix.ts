import type { PolicyModel } from '../../policy-model/index.js';
import { cellText } from './cell-text.js';
import { provenanceText } from './provenance-text.js';
import { selectMatrixSets } from './matrix-sets.js';
import type {
  AccessMatrix,
  MatrixArea,
  MatrixCell,
  MatrixColumn,
  MatrixOptions,
  MatrixProvenance,
  MatrixScope,
} from './matrix-types.js';

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
      const scopes = grant.scopes.map((s): MatrixScope =>
        defined({
          scope: s.scope,
          label: p.scopeLabels?.[s.scope] ?? scopeLabel.get(s.scope) ?? s.scope,
          when: s.when,
        }),
      );
      if (options.provenance === false)
        return { set: set.id, text: cellText(scopes), scopes, conditional: scopes.some((s) => s.when !== undefined) };
      const provenance: MatrixProvenance = defined({
        text: provenanceText(set.id, grant),
        source: { ...grant.source, at: { ...grant.source.at } },
        via: grant.via.map((v) => ({ ...v, at: { ...v.at } })),
        restricted: grant.restricted && {
          ...grant.restricted,
          at: { ...grant.restricted.at },
          from: grant.restricted.from.map((s) => ({ ...s })),
        },
      });
      return {
        set: set.id,
        text: cellText(scopes),
        scopes,
        conditional: scopes.some((s) => s.when !== undefined),
        provenance,
      };
    });
    area.rows.push(
      defined({
        permission: p.id,
        label: p.label,
        description: p.description,
        sensitive: p.sensitive,
        scopes: [...p.scopes],
        at: { ...p.at },
        cells,
      }),
    );
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
