// The data <permset-builder> works on: written by emit/builder (from the policy model) and read
// by the builder's runtime in browsers, so it lives with the runtime and imports nothing.

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
