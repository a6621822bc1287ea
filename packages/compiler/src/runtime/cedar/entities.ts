/**
 * The fixed part of the generated `entities.js`, after its tables (entities-tables.ts, written by
 * emit/cedar/entities-module.ts):
 * permset requests (subject, permission, resource, context) to Cedar requests.
 *
 * It reads the request exactly as the generated evaluator does (../evaluator/values.ts, api.ts):
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
 *
 * @module
 */
import { CONTEXT, CONTEXT_MARKERS, NO_RESOURCE_TYPE, PERMISSIONS, RESOURCES, ROLE_TYPE, SET_IDS, USER, USER_MARKERS, USER_TYPE, ACTION_TYPE, type AttributeKind, type AttributeTable } from './entities-tables.js';

/** A Cedar value in Cedar's JSON entity format. */
export type CedarValue = string | number | boolean | CedarValue[];
/** An entity reference: `{ type: "Permset::User", id: "u1" }`. */
export interface CedarEntityUid {
  type: string;
  id: string;
}
/** An entity in Cedar's JSON format. */
export interface CedarEntity {
  uid: CedarEntityUid;
  attrs: Record<string, CedarValue>;
  parents: CedarEntityUid[];
}
/** What Cedar's `isAuthorized` needs besides the policies (and schema). */
export interface CedarRequest {
  principal: CedarEntityUid;
  action: CedarEntityUid;
  resource: CedarEntityUid;
  context: Record<string, CedarValue>;
  entities: CedarEntity[];
}
type Rec = { readonly [key: string]: unknown };
type Nope = Readonly<Record<string, never>>;

const OWN = Object.prototype.hasOwnProperty;
const IS_ARRAY = Array.isArray;
const MAX_LIST = 1000000;
/** A value Cedar cannot be given (wrong type, or not representable). */
const NOPE: Nope = Object.freeze({});

function rec(x: unknown): x is Rec {
  return typeof x === "object" && x !== null && !IS_ARRAY(x);
}
function wellFormed(s: string): boolean {
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
function scalar(v: unknown, kind: number): CedarValue | Nope {
  if (kind === 0) return typeof v === "string" && wellFormed(v) ? v : NOPE;
  if (kind === 1) return typeof v === "number" && Number.isSafeInteger(v) ? (v === 0 ? 0 : v) : NOPE;
  return typeof v === "boolean" ? v : NOPE;
}
function value(v: unknown, kind: AttributeKind): CedarValue | Nope {
  if (kind < 3) return scalar(v, kind);
  if (!IS_ARRAY(v)) return NOPE;
  const n = v.length;
  if (n > MAX_LIST) return NOPE;
  const out: CedarValue[] = [];
  for (let i = 0; i < n; i++) {
    if (!OWN.call(v, i)) return NOPE;
    const e = scalar(v[i], kind - 3);
    if (e === NOPE) return NOPE;
    out.push(e as CedarValue);
  }
  return out;
}
/** The Cedar attributes of a record, per the [name, kind] table; markers as the schema declares. */
function attributes(o: Rec, table: AttributeTable, markers: boolean): Record<string, CedarValue> {
  const entries: [string, CedarValue][] = [];
  let invalid: string[] | null = null;
  let error: string[] | null = null;
  for (let i = 0; i < table.length; i++) {
    const name = table[i]![0];
    let v: unknown;
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
    let x: CedarValue | Nope;
    try {
      x = value(v, table[i]![1]);
    } catch (e) {
      x = NOPE;
    }
    if (x !== NOPE) entries.push([name, x as CedarValue]);
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
function idOf(o: Rec): string {
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
export function toCedarRequest(subject: unknown, permission: unknown, resource?: unknown, context?: unknown): CedarRequest | undefined {
  return requestOf(SET_IDS, subject, permission, resource, context);
}

/** A set of set ids, as requestOf reads it. */
type SetIds = { has(id: unknown): boolean };

function requestOf(sets: SetIds, subject: unknown, permission: unknown, resource: unknown, context: unknown): CedarRequest | undefined {
  try {
    const p = PERMISSIONS.get(permission);
    if (p === undefined || !rec(subject) || !OWN.call(subject, "set")) return undefined;
    const set = subject.set;
    if (!sets.has(set)) return undefined;
    if (context !== undefined && !rec(context)) context = undefined;
    let target: CedarEntity;
    if (p < 0) target = { uid: { type: NO_RESOURCE_TYPE, id: "" }, attrs: {}, parents: [] };
    else {
      const r = RESOURCES[p]!;
      if (!rec(resource) || !OWN.call(resource, "type") || resource.type !== r[0]) return undefined;
      target = { uid: { type: r[1], id: idOf(resource) }, attrs: attributes(resource, r[2], r[3]), parents: [] };
    }
    const role = { type: ROLE_TYPE, id: set as string };
    const principal = { type: USER_TYPE, id: idOf(subject) };
    return {
      principal: principal,
      action: { type: ACTION_TYPE, id: permission as string },
      resource: target.uid,
      context: context === undefined ? {} : attributes(context as Rec, CONTEXT, CONTEXT_MARKERS),
      entities: [{ uid: principal, attrs: attributes(subject, USER, USER_MARKERS), parents: [role] }, { uid: role, attrs: {}, parents: [] }, target],
    };
  } catch (e) {
    return undefined;
  }
}

/** The entities of toCedarRequest (the principal, its role and the resource); undefined: deny. */
export function toCedarEntities(subject: unknown, permission: unknown, resource?: unknown): CedarEntity[] | undefined {
  const request = toCedarRequest(subject, permission, resource, undefined);
  return request === undefined ? undefined : request.entities;
}

/** The request helpers of {@link forSets}. */
export interface CedarHelpers {
  toCedarRequest(subject: unknown, permission: unknown, resource?: unknown, context?: unknown): CedarRequest | undefined;
  toCedarEntities(subject: unknown, permission: unknown, resource?: unknown): CedarEntity[] | undefined;
}

/**
 * toCedarRequest and toCedarEntities that also accept the given set ids besides the built ones:
 * the run-time custom sets of a tenant (`forSets(tenant.setIds)`), whose Cedar policies
 * `tenant.toCedar(set)` gives. Only strings are taken from `ids` (a list, read once, never
 * called into); anything else gives the built ids alone. Never throws.
 */
export function forSets(ids: unknown): CedarHelpers {
  const extra = new Set<unknown>();
  try {
    if (IS_ARRAY(ids)) {
      const n = ids.length;
      for (let i = 0; i < n && i < MAX_LIST; i++) {
        if (!OWN.call(ids, i)) continue;
        const id = ids[i];
        if (typeof id === "string") extra.add(id);
      }
    }
  } catch (e) {
    extra.clear();
  }
  const sets: SetIds = { has: (id) => SET_IDS.has(id) || extra.has(id) };
  const helpers: CedarHelpers = {
    toCedarRequest: (subject, permission, resource, context) => requestOf(sets, subject, permission, resource, context),
    toCedarEntities(subject, permission, resource) {
      const request = requestOf(sets, subject, permission, resource, undefined);
      return request === undefined ? undefined : request.entities;
    },
  };
  return Object.freeze(helpers);
}

/**
 * @notEmitted What the compiler and the tests import. `wellFormed(s)`: whether `s` holds only
 * whole Unicode characters (no lone UTF-16 surrogate); Cedar strings are Unicode scalar values,
 * so a string with a lone surrogate has no Cedar equivalent. The Cedar back end uses this same
 * function for condition literals (emit/cedar/translate-condition.ts), so the export and the
 * request helper agree on what Cedar can be given.
 */
export { wellFormed, value, attributes };
