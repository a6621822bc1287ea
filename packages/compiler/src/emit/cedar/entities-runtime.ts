/**
 * The fixed part of the generated `entities.js`, after its tables (see entities-module.ts):
 * permset requests (subject, permission, resource, context) to Cedar requests.
 *
 * It reads the request exactly as the generated evaluator does (runtime-values.ts, runtime-api.ts):
 * own properties only, `undefined`/`null` as missing, declared types checked (lists element by
 * element, at most 1,000,000 long), getters and proxy traps allowed to throw. Then, per attribute:
 *
 * - a valid value is passed (numbers only when they are safe integers, strings only when they
 *   are well-formed Unicode: what Cedar represents exactly);
 * - a missing one is omitted;
 * - a present but unreadable one (wrong type, or not representable) is omitted and, where the
 *   schema declares it, listed in `$invalid` (permset's `has()` is true for it);
 * - one whose reading threw is omitted and listed in `$error` (`has()` errs on it too).
 *
 * The request is `undefined` (deny) where `can()` denies before looking at conditions: an
 * unknown permission, a subject that is not an object with an own `set` naming a set, a context
 * that throws when inspected, a resource that is not of the permission's type. So Cedar never
 * sees a request its schema rejects. Nothing here throws.
 */
export const ENTITIES_RUNTIME = String.raw`const OWN = Object.prototype.hasOwnProperty;
const IS_ARRAY = Array.isArray;
const MAX_LIST = 1000000;
/** A value Cedar cannot be given (wrong type, or not representable). */
const NOPE = Object.freeze({});

function rec(x) {
  return typeof x === "object" && x !== null && !IS_ARRAY(x);
}
function wellFormed(s) {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c >= 0xdc00) return false;
    const d = s.charCodeAt(i + 1);
    if (!(d >= 0xdc00 && d <= 0xdfff)) return false;
    i++;
  }
  return true;
}
// Kinds: 0 string, 1 number, 2 boolean, 3 list of strings, 4 list of numbers.
function scalar(v, kind) {
  if (kind === 0) return typeof v === "string" && wellFormed(v) ? v : NOPE;
  if (kind === 1) return typeof v === "number" && Number.isSafeInteger(v) ? (v === 0 ? 0 : v) : NOPE;
  return typeof v === "boolean" ? v : NOPE;
}
function value(v, kind) {
  if (kind < 3) return scalar(v, kind);
  if (!IS_ARRAY(v)) return NOPE;
  const n = v.length;
  if (n > MAX_LIST) return NOPE;
  const out = [];
  for (let i = 0; i < n; i++) {
    if (!OWN.call(v, i)) return NOPE;
    const e = scalar(v[i], kind - 3);
    if (e === NOPE) return NOPE;
    out.push(e);
  }
  return out;
}
/** The Cedar attributes of a record, per the [name, kind] table; markers as the schema declares. */
function attributes(o, table, markers) {
  const entries = [];
  let invalid = null;
  let error = null;
  for (let i = 0; i < table.length; i++) {
    const name = table[i][0];
    let v;
    try {
      if (!OWN.call(o, name)) continue;
      v = o[name];
    } catch (e) {
      if (error === null) error = [];
      error.push(name);
      continue;
    }
    // null is "no value" (permset's has() is false for it), not a present value of a wrong type.
    if (v === undefined || v === null) continue;
    let x;
    try {
      x = value(v, table[i][1]);
    } catch (e) {
      x = NOPE;
    }
    if (x !== NOPE) entries.push([name, x]);
    else {
      if (invalid === null) invalid = [];
      invalid.push(name);
    }
  }
  if (markers) {
    if (invalid !== null) entries.push(["$invalid", invalid]);
    if (error !== null) entries.push(["$error", error]);
  }
  // fromEntries: an attribute named __proto__ is an ordinary key.
  return Object.fromEntries(entries);
}
/** An entity id: the record's own string id, else "" (no policy reads entity ids). */
function idOf(o) {
  try {
    if (OWN.call(o, "id")) {
      const v = o.id;
      if (typeof v === "string" && wellFormed(v)) return v;
    }
  } catch (e) {
    // a throwing id makes no difference to decisions
  }
  return "";
}

/**
 * The Cedar request (principal, action, resource, context, entities) of a permset request, for
 * Cedar's isAuthorized; undefined where permset denies without evaluating any condition (deny).
 * Never throws.
 */
export function toCedarRequest(subject, permission, resource, context) {
  try {
    const p = PERMISSIONS.get(permission);
    if (p === undefined || !rec(subject) || !OWN.call(subject, "set")) return undefined;
    const set = subject.set;
    if (!SET_IDS.has(set)) return undefined;
    if (context !== undefined && !rec(context)) context = undefined;
    let target;
    if (p < 0) target = { uid: { type: NO_RESOURCE_TYPE, id: "" }, attrs: {}, parents: [] };
    else {
      const r = RESOURCES[p];
      if (!rec(resource) || !OWN.call(resource, "type") || resource.type !== r[0]) return undefined;
      target = { uid: { type: r[1], id: idOf(resource) }, attrs: attributes(resource, r[2], r[3]), parents: [] };
    }
    const role = { type: ROLE_TYPE, id: set };
    const principal = { type: USER_TYPE, id: idOf(subject) };
    return {
      principal: principal,
      action: { type: ACTION_TYPE, id: permission },
      resource: target.uid,
      context: context === undefined ? {} : attributes(context, CONTEXT, CONTEXT_MARKERS),
      entities: [{ uid: principal, attrs: attributes(subject, USER, USER_MARKERS), parents: [role] }, { uid: role, attrs: {}, parents: [] }, target],
    };
  } catch (e) {
    return undefined;
  }
}

/** The entities of toCedarRequest (the principal, its role and the resource); undefined: deny. */
export function toCedarEntities(subject, permission, resource) {
  const request = toCedarRequest(subject, permission, resource, undefined);
  return request === undefined ? undefined : request.entities;
}
`;
