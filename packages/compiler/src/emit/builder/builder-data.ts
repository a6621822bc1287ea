import type { PolicyModel } from '../../policy-model/index.js';

/** A permission as the builder shows it: the catalog's words, scopes and dependencies. */
export interface BuilderPermission {
  id: string;
  label: string;
  description?: string;
  area: string;
  /** The scopes the permission allows, in catalog order. */
  scopes: string[];
  /** The permission's own words for some scopes ("View all budgets"). */
  scopeLabels?: Record<string, string>;
  requires: string[];
  sensitive: boolean;
}

/** A scope: its label and every scope it covers (itself included). */
export interface BuilderScope {
  name: string;
  label: string;
  covers: string[];
}

/** A seat: whether sets of it can be customized, and the permissions it allows. */
export interface BuilderSeat {
  name: string;
  label: string;
  paid: boolean;
  customizable: boolean;
  /** Permission patterns (`tasks.*`) a set of this seat may grant; absent: every permission. */
  allows?: string[];
}

/** One scope of a set's effective grant; `conditional` when a `when` narrows it. */
export interface BuilderGrantScope {
  scope: string;
  conditional?: boolean;
}

/** A built permission set: what a base offers a custom set. */
export interface BuilderSet {
  id: string;
  name: string;
  description?: string;
  system: boolean;
  seat?: string;
  /** True when a custom set may extend it: a system set whose seat is customizable. */
  customizable: boolean;
  /** Effective grants by permission id, in catalog order. */
  grants: Record<string, BuilderGrantScope[]>;
}

/**
 * What `<permset-builder>` works on: the built policies reduced to what an admin sees when
 * building a custom set (areas, permissions with labels and descriptions, scopes, seats and the
 * sets with their effective grants). Plain JSON, deterministic for the same policies; no file
 * names or positions, so a product can ship it to its admins as it is.
 */
export interface BuilderData {
  version: 1;
  areas: { id: string; label: string }[];
  permissions: BuilderPermission[];
  scopes: BuilderScope[];
  seats: BuilderSeat[];
  sets: BuilderSet[];
}

/** The {@link BuilderData} of a policy model. */
export function builderData(model: PolicyModel): BuilderData {
  const seats = new Map(model.seats.map((s) => [s.name, s]));
  return {
    version: 1,
    areas: model.areas.map((a) => ({ id: a.id, label: a.label })),
    permissions: model.permissions.map((p) => {
      const out: BuilderPermission = { id: p.id, label: p.label, area: p.area, scopes: [...p.scopes], requires: [...p.requires], sensitive: p.sensitive };
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
        grants: Object.fromEntries(set.grants.map((g) => [g.permission, g.scopes.map((s) => (s.when ? { scope: s.scope, conditional: true } : { scope: s.scope }))])),
      };
      if (set.description) out.description = set.description;
      if (set.seat) out.seat = set.seat;
      return out;
    }),
  };
}
