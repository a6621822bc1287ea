import type { PolicyModel } from '../../policy-model/index.js';
import type { BuilderData, BuilderPermission, BuilderSeat, BuilderSet } from '../../runtime/builder-data.js';

export type {
  BuilderData,
  BuilderGrantScope,
  BuilderPermission,
  BuilderScope,
  BuilderSeat,
  BuilderSet,
} from '../../runtime/builder-data.js';

/** The {@link BuilderData} of a policy model. */
export function builderData(model: PolicyModel): BuilderData {
  const seats = new Map(model.seats.map((s) => [s.name, s]));
  return {
    version: 1,
    areas: model.areas.map((a) => ({ id: a.id, label: a.label })),
    permissions: model.permissions.map((p) => {
      const out: BuilderPermission = {
        id: p.id,
        label: p.label,
        area: p.area,
        scopes: [...p.scopes],
        requires: [...p.requires],
        sensitive: p.sensitive,
      };
      if (p.description) out.description = p.description;
      if (p.scopeLabels) out.scopeLabels = { ...p.scopeLabels };
      return out;
    }),
    scopes: model.scopes.map((s) => ({ name: s.name, label: s.label, covers: [...s.covers] })),
    seats: model.seats.map((s) => {
      const out: BuilderSeat = { name: s.name, label: s.label, paid: s.paid, customizable: s.customizable };
      if (s.allows) out.allows = [...s.allows];
      return out;
    }),
    sets: model.sets.map((set) => {
      const out: BuilderSet = {
        id: set.id,
        name: set.name,
        system: set.system,
        // The language's rule for run-time definitions: they extend a system set whose seat
        // is customizable (docs/custom-sets.md); the builder offers exactly those as bases.
        customizable: set.system && (set.seat === undefined || seats.get(set.seat)?.customizable !== false),
        grants: Object.fromEntries(
          set.grants.map((g) => [
            g.permission,
            g.scopes.map((s) => (s.when ? { scope: s.scope, conditional: true } : { scope: s.scope })),
          ]),
        ),
      };
      if (set.description) out.description = set.description;
      if (set.seat) out.seat = set.seat;
      return out;
    }),
  };
}
