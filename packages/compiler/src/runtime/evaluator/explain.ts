/**
 * `explain()`, emitted verbatim into every evaluator after explain-state.ts (its interpreter and
 * text helpers follow: interpret.ts, text.ts). It is an interpreter over the condition ASTs in
 * `EXPLAIN_DATA`: slow, allocating, and thorough, where `can()` is compiled, fast and silent.
 * Its reads follow the same rules as values.ts (own properties, declared types, `MAX_LIST`),
 * one read per attribute use and in the same order as the compiled code, so its `decision`
 * always equals `can()` (the property test asserts it).
 *
 * It never calls into the request beyond those reads: values are shown only once validated as
 * strings, numbers, booleans or lists of them, so a hostile object cannot run code through
 * `toString` while being explained.
 *
 * @module
 */
import { PERMISSION_INDEX, SET_INDEX, setsWith, NP } from './api.js';
import type { AlternativeData, ExplainData } from './explain-layout.js';
import { explainData, explainStateOf, type ExplainState, type GrantData, type Query } from './explain-state.js';
import type { AnyLocation, DefinitionLocation, ExplainedLocation, ExplainReason, Explanation } from './explanation.js';
import { evaluateInstance } from './interpret.js';
import { PERMISSION_IDS, SET_IDS } from './tables.js';
import { closest, describeValue, quote } from './text.js';
import { OWN, rec, type Rec } from './values.js';

/**
 * What an explanation is made from: explain data and its sets. The evaluator's own policy, or a
 * tenant's (custom-sets.js: the built sets with the run-time ones, {@link explainerOf}).
 */
interface ExplainView {
  x: ExplainState;
  setIndex: ReadonlyMap<unknown, number>;
  setIds: readonly string[];
  setsWith(permission: string): readonly string[];
}

/** An explanation being built: `explain()` copies it into an {@link Explanation} in a fixed key order. */
interface Draft {
  decision: boolean;
  reason: ExplainReason;
  set: string | null;
  permission: string | null;
  resourceType: string | null;
  message: string;
  grant?: Explanation<AnyLocation>['grant'];
  removed?: Explanation<AnyLocation>['removed'] | undefined;
  scopes: Explanation['scopes'];
  evaluations: Explanation['evaluations'];
  suggestions: string[];
}
type Outcome = Explanation['scopes'][number];

let OWN_VIEW: ExplainView | undefined;

/**
 * Explains a decision: the same inputs as can(), and an Explanation whose decision equals
 * can()'s. Never throws.
 */
export function explain(subject: unknown, permission: unknown, resource?: unknown, context?: unknown): Explanation {
  OWN_VIEW ??= { x: explainData(), setIndex: SET_INDEX, setIds: SET_IDS, setsWith };
  // The evaluator's own data has only file locations (line >= 1).
  return explainIn(OWN_VIEW, subject, permission, resource, context) as Explanation;
}

/**
 * explain() over other explain data of the same catalog: what custom-sets.js gives
 * `tenant.explain` for a run-time set, with the data of the built sets and the tenant's, so a
 * run-time set is explained by this very code. A location of a run-time definition (line 0 in
 * the data) is its JSON Pointer, `{ path }`, where a file's is `{ file, line, column }`.
 */
export function explainerOf(data: ExplainData): (subject: unknown, permission: unknown, resource?: unknown, context?: unknown) => Explanation<AnyLocation> {
  const x = explainStateOf(data);
  const setIds = data.sets.map((s) => s[0]);
  const setIndex = new Map<unknown, number>();
  for (let i = 0; i < setIds.length; i++) if (!setIndex.has(setIds[i])) setIndex.set(setIds[i], i);
  const holders = new Map<string, readonly string[]>();
  const view: ExplainView = {
    x,
    setIndex,
    setIds,
    setsWith(permission) {
      let list = holders.get(permission);
      if (list === undefined) {
        const p = PERMISSION_INDEX.get(permission);
        const found: string[] = [];
        if (p !== undefined) for (let s = 0; s < setIds.length; s++) if (x.grants.has(s * NP + p)) found.push(setIds[s]!);
        holders.set(permission, (list = Object.freeze(found)));
      }
      return list;
    },
  };
  return (subject, permission, resource, context) => explainIn(view, subject, permission, resource, context);
}

function explainIn(view: ExplainView, subject: unknown, permission: unknown, resource?: unknown, context?: unknown): Explanation<AnyLocation> {
  const ex: Draft = {
    decision: false,
    reason: "invalid-input",
    set: null,
    permission: typeof permission === "string" ? permission : null,
    resourceType: null,
    message: "",
    scopes: [],
    evaluations: [],
    suggestions: [],
  };
  try {
    explainInto(ex, view, subject, permission, resource, context);
  } catch (e) {
    // Only reads of the request can throw here (a getter or proxy trap outside any condition).
    deny(ex, "invalid-input", "reading the request threw an exception.");
    ex.suggestions = [];
    ex.removed = undefined;
  }
  // A fixed key order, so explanations print and compare the same way every time.
  const out = { decision: ex.decision, reason: ex.reason, set: ex.set, permission: ex.permission, resourceType: ex.resourceType, message: ex.message } as Explanation<AnyLocation>;
  if (ex.grant !== undefined) out.grant = ex.grant;
  if (ex.removed !== undefined) out.removed = ex.removed;
  out.scopes = ex.scopes;
  out.evaluations = ex.evaluations;
  out.suggestions = ex.suggestions;
  return out;
}

function deny(ex: Draft, reason: ExplainReason, message: string): Draft {
  ex.decision = false;
  ex.reason = reason;
  ex.message = "Denied: " + message;
  return ex;
}

function explainInto(ex: Draft, view: ExplainView, subject: unknown, permission: unknown, resource: unknown, context: unknown): Draft {
  const x = view.x;
  if (typeof permission !== "string") return deny(ex, "invalid-input", "the permission must be a string, not " + describeValue(permission) + ".");
  if (!rec(subject)) return deny(ex, "invalid-input", "the subject must be an object { id, set, ... }, not " + describeValue(subject) + ".");
  if (!OWN.call(subject, "set")) return deny(ex, "invalid-input", "subject.set is missing: the subject must name its permission set.");
  const setId = subject.set;
  if (typeof setId !== "string") return deny(ex, "invalid-input", "subject.set must be a string, not " + describeValue(setId) + ".");
  ex.set = setId;
  const p = PERMISSION_INDEX.get(permission);
  if (p === undefined) {
    const close = closest(permission, PERMISSION_IDS);
    if (close.length) ex.suggestions.push("did you mean " + close.map(quote).join(" or ") + "?");
    return deny(ex, "unknown-permission", "unknown permission " + quote(permission) + ".");
  }
  const perm = x.perms[p]!;
  const typeIndex = perm[2];
  ex.resourceType = typeIndex < 0 ? null : x.typeNames[typeIndex]!;
  const s = view.setIndex.get(setId);
  if (s === undefined) {
    const close = closest(setId, view.setIds);
    if (close.length) ex.suggestions.push("did you mean " + close.map(quote).join(" or ") + "?");
    return deny(ex, "unknown-set", "unknown permission set " + quote(setId) + ".");
  }
  if (context !== undefined && !rec(context)) context = undefined;
  const grant = x.grants.get(s * NP + p);
  if (typeIndex >= 0) {
    const wanted = x.typeNames[typeIndex]!;
    let problem;
    if (!rec(resource)) problem = "the resource is " + describeValue(resource);
    else if (!OWN.call(resource, "type")) problem = "resource.type is missing";
    else {
      const t = resource.type;
      if (t !== wanted) problem = "resource.type is " + (typeof t === "string" ? quote(t) : describeValue(t));
    }
    if (problem !== undefined) {
      if (grant !== undefined) ex.grant = grantInfo(view, grant);
      ex.suggestions.push("pass a resource { type: " + quote(wanted) + ", ... }");
      return deny(ex, "wrong-resource-type", quote(permission) + " applies to resources of type " + quote(wanted) + ", but " + problem + ".");
    }
  }
  if (grant === undefined) {
    const removal = x.removals.get(s * NP + p);
    if (removal !== undefined) {
      const [, src, via] = removal;
      ex.removed = {
        source: { kind: src[0], id: src[1], key: src[2], ...location(x, src[3], src[4], src[5]) },
        chain: [setId, ...via.map((v) => "\u2190 " + v[0] + " " + v[2])].join(" "),
        via: via.map((v) => ({ kind: v[0], from: v[1], to: v[2], ...location(x, v[3], v[4], v[5]) })),
      };
      const where = place(ex.removed.source);
      const by = src[0] + " " + quote(src[1]) + (src[2] === permission ? "" : " (" + src[2] + ")");
      ex.suggestions.push("it would be granted without the " + quote(src[2] + ": none") + " entry of " + src[0] + " " + quote(src[1]) + " at " + where + (via.length ? " (reached through " + ex.removed.chain + ")" : ""));
      return deny(ex, "not-granted", quote(setId) + " does not grant " + quote(permission) + ": it is removed with none by " + by + " at " + where + ".");
    }
    const holders = view.setsWith(permission);
    ex.suggestions.push(
      holders.length === 0
        ? "no permission set grants " + quote(permission) + "."
        : "sets that grant " + quote(permission) + ": " + holders.slice(0, 8).join(", ") + (holders.length > 8 ? " and " + (holders.length - 8) + " more" : "") + ".",
    );
    return deny(ex, "not-granted", quote(setId) + " does not grant " + quote(permission) + " in any scope.");
  }
  ex.grant = grantInfo(view, grant);
  const q: Query = { s: subject, r: typeIndex >= 0 ? resource : undefined, c: context as Rec | undefined, x, types: { subject: x.subject, context: x.context, resource: typeIndex >= 0 ? x.types[typeIndex]! : new Map() } };
  const applying: string[] = [];
  for (let term = 0; term < grant[2].length; term++) {
    const alt = grant[2][term]!;
    const name = alt[0];
    const outcome = { scope: name, label: scopeLabel(x, perm, alt) } as Outcome;
    if (alt[4] >= 0) outcome.when = x.conds[x.inst[alt[4]]![0]]![0];
    // Why each condition failed; conditions that can never apply to this resource type are
    // kept apart: they are noise next to the ones that could hold.
    const failed: string[] = [];
    const inapplicable: string[] = [];
    let scopeHolds = false;
    if (alt[3] >= 0) {
      const from = x.scopes[alt[3]]![0];
      ex.evaluations.push({ scope: name, term, kind: "scope", from, condition: null, result: true, detail: "scope " + from + " has no condition, so it always holds" });
      scopeHolds = true;
    } else if (alt[1] < 0) {
      ex.evaluations.push({ scope: name, term, kind: "scope", from: name, condition: null, result: false, detail: "scope " + name + " is not declared in the catalog" });
      failed.push("scope " + name + " is not declared in the catalog");
    } else {
      for (const [scopeIndex, instance] of alt[2]) {
        const from = x.scopes[scopeIndex]![0];
        const r = evaluateInstance(q, instance);
        ex.evaluations.push({ scope: name, term, kind: "scope", from, condition: r.text, result: r.result, detail: r.detail });
        if (r.result === true) scopeHolds = true;
        else (r.problem ? inapplicable : failed).push((from === name ? "" : "via included scope " + from + ": ") + r.why);
      }
    }
    let whenHolds = true;
    let whenWhy: string | undefined;
    if (alt[4] >= 0) {
      const r = evaluateInstance(q, alt[4]);
      ex.evaluations.push({ scope: name, term, kind: "grant", from: name, condition: r.text, result: r.result, detail: r.detail });
      whenHolds = r.result === true;
      if (!whenHolds) whenWhy = "the grant's condition: " + r.why;
    }
    outcome.applies = scopeHolds && whenHolds;
    ex.scopes.push(outcome);
    if (outcome.applies) {
      applying.push(name);
      continue;
    }
    const parts = scopeHolds ? [] : failed.length ? failed : inapplicable;
    if (whenWhy !== undefined) parts.push(whenWhy);
    ex.suggestions.push("would be allowed with scope " + name + ": " + parts.join("; "));
  }
  const src = ex.grant.source;
  const where = place(src) + (ex.grant.via.length ? ", through " + ex.grant.chain : "");
  if (applying.length) {
    ex.decision = true;
    ex.reason = "granted";
    ex.suggestions = [];
    ex.message = "Allowed: " + quote(setId) + " grants " + quote(permission) + " in scope " + applying.join(", ") + " (granted at " + where + ").";
    return ex;
  }
  const r = ex.grant.restricted;
  if (r) {
    const was = r.from.map((f) => f.scope).join(", ");
    ex.suggestions.push(quote(r.set) + " narrows this grant from " + was + " to " + r.scope + " with restrict (" + place(r) + ")");
  }
  const scopes = grant[2].map((a) => a[0] + (a[4] >= 0 ? " with a condition" : "")).join(", ");
  return deny(ex, "conditions-false", quote(setId) + " grants " + quote(permission) + " in scope " + scopes + " (granted at " + where + "), but no granted scope applies to this request.");
}

function scopeLabel(x: ExplainState, perm: ExplainState['perms'][number], alt: AlternativeData): string {
  for (const [scope, label] of perm[3]) if (scope === alt[0]) return label;
  return alt[1] >= 0 ? x.scopes[alt[1]]![1] : alt[0];
}

/** A location of the data: a file's, or (line 0) a run-time definition's JSON Pointer. */
function location(x: ExplainState, fileIndex: number, line: number, column: number): AnyLocation {
  if (line === 0) return { path: x.files[fileIndex]! } as DefinitionLocation;
  return { file: x.files[fileIndex]!, line, column } as ExplainedLocation;
}

/** A location as messages show it: `file:line:column`, or the JSON Pointer. */
function place(at: AnyLocation): string {
  return "path" in at ? at.path : at.file + ":" + at.line + ":" + at.column;
}

function grantInfo(view: ExplainView, g: GrantData): NonNullable<Explanation<AnyLocation>['grant']> {
  const x = view.x;
  const src = g[3];
  const info: NonNullable<Explanation<AnyLocation>['grant']> = {
    permission: PERMISSION_IDS[g[1]]!,
    scopes: g[2].map((a) => (a[4] >= 0 ? { scope: a[0], when: x.conds[x.inst[a[4]]![0]]![0] } : { scope: a[0] })),
    source: { kind: src[0], id: src[1], key: src[2], ...location(x, src[3], src[4], src[5]) },
    chain: [view.setIds[g[0]], ...g[4].map((v) => "\u2190 " + v[0] + " " + v[2])].join(" "),
    via: g[4].map((v) => ({ kind: v[0], from: v[1], to: v[2], ...location(x, v[3], v[4], v[5]) })),
  };
  const r = g[5];
  if (r) info.restricted = { set: r[0], scope: r[1], ...location(x, r[2], r[3], r[4]), from: r[5].map((f) => (f[1] === null ? { scope: f[0] } : { scope: f[0], when: f[1] })) };
  return info;
}

/** @notEmitted What the tests import besides `explain`. */
export { grantInfo };
