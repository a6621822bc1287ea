/**
 * The evaluator's public functions, emitted verbatim after the generated tables. They expect
 * the generated part to define `SET_IDS`, `PERMISSION_IDS`, `RESOURCE_TYPES`,
 * `PERMISSION_TYPE` (resource type index per permission, -1 for none), `F` (the grant
 * functions) and `GRANTS` (flat `set, permission, function` triples), plus the helpers of
 * runtime-values.ts.
 *
 * Hot-path contract (`can`, prepared checks, `canId`): never throw (one try/catch around
 * everything), never allocate (Map lookups and an array index to reach the grant function; no
 * strings are built), deny by default. Ids are looked up in Maps, never as object keys, so a
 * set named `__proto__` or `constructor` is just an unknown string.
 */
export const RUNTIME_API = String.raw`const NS = SET_IDS.length;
const NP = PERMISSION_IDS.length;
const SET_INDEX = indexMap(SET_IDS);
const PERMISSION_INDEX = indexMap(PERMISSION_IDS);
/** T[set * NP + permission]: the grant function, DENY where nothing is granted. */
const T = new Array(NS * NP).fill(DENY);
/** H[set * NP + permission] is 1 where the set has a grant (in any scope). */
const H = new Uint8Array(NS * NP);
for (let i = 0; i + 2 < GRANTS.length; i += 3) {
  const at = GRANTS[i] * NP + GRANTS[i + 1];
  T[at] = F[GRANTS[i + 2]];
  H[at] = 1;
}
const EMPTY = Object.freeze([]);
const PERMISSIONS_OF = new Array(NS);
const SETS_WITH = new Array(NP);

function indexMap(ids) {
  const map = new Map();
  for (let i = 0; i < ids.length; i++) if (!map.has(ids[i])) map.set(ids[i], i);
  return map;
}
function indexObject(ids) {
  // No prototype, so SET.constructor or PERMISSION.__proto__ are undefined unless declared.
  const o = Object.create(null);
  for (let i = 0; i < ids.length; i++) if (!OWN.call(o, ids[i])) o[ids[i]] = i;
  return Object.freeze(o);
}

/** Integer handles of the sets, for canId: SET["manager"]. */
export const SET = indexObject(SET_IDS);
/** Integer handles of the permissions, for canId: PERMISSION["budgets.view"]. */
export const PERMISSION = indexObject(PERMISSION_IDS);
export { SET_IDS, PERMISSION_IDS, RESOURCE_TYPES };

/** Whether x is the id of a permission set of this policy. */
export function isSetId(x) {
  return typeof x === "string" && SET_INDEX.has(x);
}
/** Whether x is the id of a permission of this policy. */
export function isPermissionId(x) {
  return typeof x === "string" && PERMISSION_INDEX.has(x);
}
/** The resource type a permission applies to, or null (no resource type, or unknown permission). */
export function resourceTypeOf(permission) {
  const p = PERMISSION_INDEX.get(permission);
  return p === undefined || PERMISSION_TYPE[p] < 0 ? null : RESOURCE_TYPES[PERMISSION_TYPE[p]];
}

/**
 * Whether subject may use permission on resource. Never throws; anything unknown, missing,
 * mistyped or hostile denies.
 */
export function can(subject, permission, resource, context) {
  try {
    const p = PERMISSION_INDEX.get(permission);
    if (p === undefined || !rec(subject) || !OWN.call(subject, "set")) return false;
    const s = SET_INDEX.get(subject.set);
    if (s === undefined) return false;
    if (context !== undefined && !rec(context)) context = undefined;
    return T[s * NP + p](subject, resource, context);
  } catch (e) {
    return false;
  }
}

/**
 * A check for one permission, resolved once: prepare("budgets.view")(subject, resource,
 * context) equals can(subject, "budgets.view", resource, context) without the permission
 * lookup. An unknown permission gives a check that always denies.
 */
export function prepare(permission) {
  const p = PERMISSION_INDEX.get(permission);
  if (p === undefined) return DENY;
  return function check(subject, resource, context) {
    try {
      if (!rec(subject) || !OWN.call(subject, "set")) return false;
      const s = SET_INDEX.get(subject.set);
      if (s === undefined) return false;
      if (context !== undefined && !rec(context)) context = undefined;
      return T[s * NP + p](subject, resource, context);
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
export function canId(set, permission, subject, resource, context) {
  try {
    if (typeof set !== "number" || typeof permission !== "number") return false;
    if ((set | 0) !== set || set < 0 || set >= NS || (permission | 0) !== permission || permission < 0 || permission >= NP) return false;
    if (!rec(subject)) return false;
    if (context !== undefined && !rec(context)) context = undefined;
    return T[set * NP + permission](subject, resource, context);
  } catch (e) {
    return false;
  }
}

/** Whether the set grants the permission in any scope (for menus: conditions are not evaluated). */
export function has(set, permission) {
  const s = SET_INDEX.get(set);
  const p = PERMISSION_INDEX.get(permission);
  return s !== undefined && p !== undefined && H[s * NP + p] === 1;
}

/** The permissions the set grants in any scope, in catalog order (a frozen array). */
export function permissionsOf(set) {
  const s = SET_INDEX.get(set);
  if (s === undefined) return EMPTY;
  let list = PERMISSIONS_OF[s];
  if (list === undefined) {
    list = [];
    for (let p = 0; p < NP; p++) if (H[s * NP + p] === 1) list.push(PERMISSION_IDS[p]);
    PERMISSIONS_OF[s] = list = Object.freeze(list);
  }
  return list;
}

/** The sets that grant the permission in any scope, in policy order (a frozen array). */
export function setsWith(permission) {
  const p = PERMISSION_INDEX.get(permission);
  if (p === undefined) return EMPTY;
  let list = SETS_WITH[p];
  if (list === undefined) {
    list = [];
    for (let s = 0; s < NS; s++) if (H[s * NP + p] === 1) list.push(SET_IDS[s]);
    SETS_WITH[p] = list = Object.freeze(list);
  }
  return list;
}
`;
