import type { ModelPermission, PolicyModel, ScopeLookup } from '../policy-model/index.js';
import { meaningDirection, scopeMeaning } from './compare-scopes.js';
import type { CatalogDiff, PermissionChange, ScopeChange, SeatChange } from './diff-types.js';

/**
 * Compares two catalogs: permissions, scopes and seats added, removed or changed. A scope's change
 * is reported when its meaning changes (its own `when`, its `includes`, or the `when` of a scope
 * it covers), with every HEAD cell that grants it: those cells change meaning although their text
 * does not. Lists follow HEAD's catalog order, then BASE-only entries in BASE's order.
 */
export function diffCatalog(base: PolicyModel, head: PolicyModel, scopeAt?: ScopeLookup): CatalogDiff {
  return {
    permissions: diffPermissions(base, head),
    scopes: diffScopes(base, head, scopeAt),
    seats: diffSeats(base, head),
  };
}

function diffPermissions(base: PolicyModel, head: PolicyModel): CatalogDiff['permissions'] {
  const before = new Map(base.permissions.map((p) => [p.id, p]));
  const after = new Set(head.permissions.map((p) => p.id));
  const changed: PermissionChange[] = [];
  const added: string[] = [];
  for (const p of head.permissions) {
    const old = before.get(p.id);
    if (!old) added.push(p.id);
    else {
      const c = permissionChange(old, p);
      if (c) changed.push(c);
    }
  }
  return { added, removed: base.permissions.filter((p) => !after.has(p.id)).map((p) => p.id), changed };
}

function permissionChange(a: ModelPermission, b: ModelPermission): PermissionChange | undefined {
  const c: PermissionChange = { id: b.id };
  if (a.label !== b.label) c.label = { from: a.label, to: b.label };
  if (a.sensitive !== b.sensitive) c.sensitive = { from: a.sensitive, to: b.sensitive };
  if (!sameList(a.scopes, b.scopes)) c.scopes = { from: a.scopes, to: b.scopes };
  if (!sameList(a.requires, b.requires)) c.requires = { from: a.requires, to: b.requires };
  return Object.keys(c).length > 1 ? c : undefined;
}

function diffScopes(base: PolicyModel, head: PolicyModel, scopeAt: ScopeLookup | undefined): CatalogDiff['scopes'] {
  const before = new Map(base.scopes.map((s) => [s.name, s]));
  const after = new Map(head.scopes.map((s) => [s.name, s]));
  const changed: ScopeChange[] = [];
  const added: string[] = [];
  // Which cells grant a scope is needed only when some scope's meaning changed (rarely).
  let grantsOf: Map<string, { set: string; permission: string }[]> | undefined;
  for (const s of head.scopes) {
    const old = before.get(s.name);
    if (!old) {
      added.push(s.name);
      continue;
    }
    const direction = meaningDirection(
      scopeMeaning(old.covers, (n) => before.get(n)?.when),
      scopeMeaning(s.covers, (n) => after.get(n)?.when),
    );
    if (direction === 'same') continue;
    const when =
      old.when !== s.when
        ? {
            when: {
              ...(old.when !== undefined ? { from: old.when } : {}),
              ...(s.when !== undefined ? { to: s.when } : {}),
            },
          }
        : {};
    const covers = sameList(old.covers, s.covers) ? {} : { covers: { from: old.covers, to: s.covers } };
    const through = s.covers.filter(
      (n) => n !== s.name && old.covers.includes(n) && before.get(n)?.when !== after.get(n)?.when,
    );
    const change: ScopeChange = {
      scope: s.name,
      ...when,
      ...covers,
      through,
      direction,
      affected: (grantsOf ??= scopeGrants(head)).get(s.name) ?? [],
    };
    const at = scopeAt?.(s.name);
    if (at) change.at = at;
    changed.push(change);
  }
  return { added, removed: base.scopes.filter((s) => !after.has(s.name)).map((s) => s.name), changed };
}

/** Scope name → the HEAD cells that grant it, in report order. */
function scopeGrants(model: PolicyModel): Map<string, { set: string; permission: string }[]> {
  const out = new Map<string, { set: string; permission: string }[]>();
  for (const set of model.sets) {
    for (const g of set.grants) {
      for (const name of new Set(g.scopes.map((s) => s.scope))) {
        const list = out.get(name) ?? [];
        list.push({ set: set.id, permission: g.permission });
        out.set(name, list);
      }
    }
  }
  return out;
}

function diffSeats(base: PolicyModel, head: PolicyModel): CatalogDiff['seats'] {
  const before = new Map(base.seats.map((s) => [s.name, s]));
  const after = new Set(head.seats.map((s) => s.name));
  const changed: SeatChange[] = [];
  const added: string[] = [];
  for (const s of head.seats) {
    const old = before.get(s.name);
    if (!old) {
      added.push(s.name);
      continue;
    }
    const c: SeatChange = { seat: s.name };
    if (old.paid !== s.paid) c.paid = { from: old.paid, to: s.paid };
    if (!sameList(old.allows ?? [], s.allows ?? []) || (old.allows === undefined) !== (s.allows === undefined)) {
      c.allows = { ...(old.allows ? { from: old.allows } : {}), ...(s.allows ? { to: s.allows } : {}) };
    }
    if (Object.keys(c).length > 1) changed.push(c);
  }
  return { added, removed: base.seats.filter((s) => !after.has(s.name)).map((s) => s.name), changed };
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
