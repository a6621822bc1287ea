/**
 * The evaluator's public functions, emitted verbatim after the generated tables. They expect
 * the generated part to define `SET_IDS`, `PERMISSION_IDS`, `RESOURCE_TYPES`,
 * `PERMISSION_TYPE` (resource type index per permission, -1 for none), `F` (the grant
 * functions) and `GRANTS` (flat `set, permission, function` triples), as tables.ts declares
 * them, plus the helpers of values.ts.
 *
 * Hot-path contract (`can`, prepared checks, `canId`): never throw (one try/catch around
 * everything), never allocate (Map lookups and an array index to reach the grant function; no
 * strings are built), deny by default. Ids are looked up in Maps, never as object keys, so a
 * set named `__proto__` or `constructor` is just an unknown string.
 *
 * @module
 */
import { F, GRANTS, PERMISSION_IDS, PERMISSION_TYPE, RESOURCE_TYPES, SET_IDS, type GrantFunction } from './tables.js';
import { DENY, OWN, rec, type Rec } from './values.js';

const NS = SET_IDS.length;
const NP = PERMISSION_IDS.length;
const SET_INDEX = indexMap(SET_IDS);
const PERMISSION_INDEX = indexMap(PERMISSION_IDS);
/** T[set * NP + permission]: the grant function, DENY where nothing is granted. */
const T: GrantFunction[] = new Array(NS * NP).fill(DENY);
/** H[set * NP + permission] is 1 where the set has a grant (in any scope). */
const H = new Uint8Array(NS * NP);
for (let i = 0; i + 2 < GRANTS.length; i += 3) {
  const at = GRANTS[i]! * NP + GRANTS[i + 1]!;
  T[at] = F[GRANTS[i + 2]!]!;
  H[at] = 1;
}
const EMPTY: readonly string[] = Object.freeze([]);
const PERMISSIONS_OF: (readonly string[] | undefined)[] = new Array(NS);
const SETS_WITH: (readonly string[] | undefined)[] = new Array(NP);

function indexMap(ids: readonly string[]): Map<unknown, number> {
  const map = new Map<unknown, number>();
  for (let i = 0; i < ids.length; i++) if (!map.has(ids[i])) map.set(ids[i], i);
  return map;
}
function indexObject(ids: readonly string[]): Readonly<Record<string, number>> {
  // No prototype, so SET.constructor or PERMISSION.__proto__ are undefined unless declared.
  const o: Record<string, number> = Object.create(null);
  for (let i = 0; i < ids.length; i++) if (!OWN.call(o, ids[i]!)) o[ids[i]!] = i;
  return Object.freeze(o);
}

/** Integer handles of the sets, for canId: SET["manager"]. */
export const SET = indexObject(SET_IDS);
/** Integer handles of the permissions, for canId: PERMISSION["budgets.view"]. */
export const PERMISSION = indexObject(PERMISSION_IDS);
export { SET_IDS, PERMISSION_IDS, RESOURCE_TYPES };

/** Whether x is the id of a permission set of this policy. */
export function isSetId(x: unknown): boolean {
  return typeof x === "string" && SET_INDEX.has(x);
}
/** Whether x is the id of a permission of this policy. */
export function isPermissionId(x: unknown): boolean {
  return typeof x === "string" && PERMISSION_INDEX.has(x);
}
/** The resource type a permission applies to, or null (no resource type, or unknown permission). */
export function resourceTypeOf(permission: unknown): string | null {
  const p = PERMISSION_INDEX.get(permission);
  return p === undefined || PERMISSION_TYPE[p]! < 0 ? null : RESOURCE_TYPES[PERMISSION_TYPE[p]!]!;
}

/**
 * Whether subject may use permission on resource. Never throws; anything unknown, missing,
 * mistyped or hostile denies.
 */
export function can(subject: unknown, permission: unknown, resource?: unknown, context?: unknown): boolean {
  try {
    const p = PERMISSION_INDEX.get(permission);
    if (p === undefined || !rec(subject) || !OWN.call(subject, "set")) return false;
    const s = SET_INDEX.get(subject.set);
    if (s === undefined) return false;
    if (context !== undefined && !rec(context)) context = undefined;
    return T[s * NP + p]!(subject, resource, context as Rec | undefined);
  } catch (e) {
    return false;
  }
}

/**
 * A check for one permission, resolved once: prepare("budgets.view")(subject, resource,
 * context) equals can(subject, "budgets.view", resource, context) without the permission
 * lookup. An unknown permission gives a check that always denies.
 */
export function prepare(permission: unknown): (subject: unknown, resource?: unknown, context?: unknown) => boolean {
  const p = PERMISSION_INDEX.get(permission);
  if (p === undefined) return DENY;
  return function check(subject: unknown, resource?: unknown, context?: unknown): boolean {
    try {
      if (!rec(subject) || !OWN.call(subject, "set")) return false;
      const s = SET_INDEX.get(subject.set);
      if (s === undefined) return false;
      if (context !== undefined && !rec(context)) context = undefined;
      return T[s * NP + p]!(subject, resource, context as Rec | undefined);
    } catch (e) {
      return false;
    }
  };
}

/**
 * can() with integer handles (SET[...], PERMISSION[...]) instead of ids: no Map lookups. The
 * set is the handle's, whatever subject.set says (conditions reading subject.set still read the
 * subject). Handles are only valid for this build of the evaluator.
 */
export function canId(set: unknown, permission: unknown, subject: unknown, resource?: unknown, context?: unknown): boolean {
  try {
    if (typeof set !== "number" || typeof permission !== "number") return false;
    if ((set | 0) !== set || set < 0 || set >= NS || (permission | 0) !== permission || permission < 0 || permission >= NP) return false;
    if (!rec(subject)) return false;
    if (context !== undefined && !rec(context)) context = undefined;
    return T[set * NP + permission]!(subject, resource, context as Rec | undefined);
  } catch (e) {
    return false;
  }
}

/** Whether the set grants the permission in any scope (for menus: conditions are not evaluated). */
export function has(set: unknown, permission: unknown): boolean {
  const s = SET_INDEX.get(set);
  const p = PERMISSION_INDEX.get(permission);
  return s !== undefined && p !== undefined && H[s * NP + p] === 1;
}

/** The permissions the set grants in any scope, in catalog order (a frozen array). */
export function permissionsOf(set: unknown): readonly string[] {
  const s = SET_INDEX.get(set);
  return s === undefined ? EMPTY : grantedIds(PERMISSIONS_OF, s, s * NP, 1, PERMISSION_IDS);
}

/** The sets that grant the permission in any scope, in policy order (a frozen array). */
export function setsWith(permission: unknown): readonly string[] {
  const p = PERMISSION_INDEX.get(permission);
  return p === undefined ? EMPTY : grantedIds(SETS_WITH, p, p, NP, SET_IDS);
}

// A set's row of H (step 1 from s * NP) or a permission's column (step NP from p): the ids at
// the granted entries, computed on first use and kept, frozen, in `cache` at `key`.
function grantedIds(cache: (readonly string[] | undefined)[], key: number, start: number, step: number, ids: readonly string[]): readonly string[] {
  let list = cache[key];
  if (list === undefined) {
    const found: string[] = [];
    for (let i = 0; i < ids.length; i++) if (H[start + i * step] === 1) found.push(ids[i]!);
    cache[key] = list = Object.freeze(found);
  }
  return list;
}

/** @notEmitted What explain.ts uses, and what the tests import. */
export { NP, SET_INDEX, PERMISSION_INDEX };
