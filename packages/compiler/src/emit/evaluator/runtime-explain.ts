/**
 * `explain()`, emitted verbatim into every evaluator after runtime-api.ts (its interpreter and
 * text helpers follow: runtime-interpret.ts, runtime-text.ts). It is an interpreter
 * over the condition ASTs in `EXPLAIN_DATA` (a JSON string, parsed on first use so importing the
 * evaluator stays cheap): slow, allocating, and thorough, where `can()` is compiled, fast and
 * silent. Its reads follow the same rules as runtime-values.ts (own properties, declared types,
 * `MAX_LIST`), one read per attribute use and in the same order as the compiled code, so its
 * `decision` always equals `can()` (the property test asserts it).
 *
 * It never calls into the request beyond those reads: values are shown only once validated as
 * strings, numbers, booleans or lists of them, so a hostile object cannot run code through
 * `toString` while being explained.
 *
 * EXPLAIN_DATA layout (arrays to stay small; see explain-data.ts):
 *   files: string[]; subject, context: [name, type][]; types: [name, [name, type][]][]
 *   conds: [text, ast | null][]; inst: [cond, typeIndex | -1, problem | null][]
 *   scopes: [name, label][]; perms: [id, label, typeIndex | -1, [scope, label][]][]
 *   sets: [id, name][]
 *   grants: [set, permission, alts index, sources index, vias index, restricts index | -1][]
 *   alts: alternative[][] where alternative =
 *     [scopeName, scopeIndex | -1, covered [scopeIndex, instance][], alwaysScope | -1, whenInstance | -1]
 *   sources: [kind, id, key, file, line, column][]; vias: [kind, from, to, file, line, column][][]
 *   restricts: [set, scope, file, line, column, [scope, whenText | null][]][]
 *   removals: [set, permission, sources index, vias index][]: a \`none\` that removes the permission
 *   ASTs: ["lit", v] ["list", [v...]] ["path", root, name] ["has", root, name] ["not", x]
 *         ["and", l, r] ["or", l, r] ["cmp", op, l, r] ["in", element, list]
 */
export const RUNTIME_EXPLAIN = String.raw`let X;
function explainData() {
  if (X !== undefined) return X;
  const d = JSON.parse(EXPLAIN_DATA);
  const attrs = (list) => new Map(list);
  // Grants as [set, permission, alternatives, source, via, restricted | null], interned parts resolved.
  const grants = new Map();
  for (const g of d.grants) grants.set(g[0] * NP + g[1], [g[0], g[1], d.alts[g[2]], d.sources[g[3]], d.vias[g[4]], g[5] < 0 ? null : d.restricts[g[5]]]);
  const removals = new Map();
  for (const r of d.removals) removals.set(r[0] * NP + r[1], [r[0], d.sources[r[2]], d.vias[r[3]]]);
  X = {
    files: d.files,
    subject: new Map([["id", "string"], ["set", "string"], ...d.subject]),
    context: attrs(d.context),
    types: d.types.map((t) => new Map([["type", "string"], ...t[1]])),
    typeNames: d.types.map((t) => t[0]),
    conds: d.conds,
    inst: d.inst,
    scopes: d.scopes,
    perms: d.perms,
    sets: d.sets,
    grants,
    removals,
  };
  return X;
}

const NEGATED = { "==": "!=", "!=": "==", "<": ">=", "<=": ">", ">": "<=", ">=": "<" };

/**
 * Explains a decision: the same inputs as can(), and an Explanation whose decision equals
 * can()'s. Never throws.
 */
export function explain(subject, permission, resource, context) {
  const x = explainData();
  const ex = {
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
    explainInto(ex, x, subject, permission, resource, context);
  } catch (e) {
    // Only reads of the request can throw here (a getter or proxy trap outside any condition).
    deny(ex, "invalid-input", "reading the request threw an exception.");
    ex.suggestions = [];
    ex.removed = undefined;
  }
  // A fixed key order, so explanations print and compare the same way every time.
  const out = { decision: ex.decision, reason: ex.reason, set: ex.set, permission: ex.permission, resourceType: ex.resourceType, message: ex.message };
  if (ex.grant !== undefined) out.grant = ex.grant;
  if (ex.removed !== undefined) out.removed = ex.removed;
  out.scopes = ex.scopes;
  out.evaluations = ex.evaluations;
  out.suggestions = ex.suggestions;
  return out;
}

function deny(ex, reason, message) {
  ex.decision = false;
  ex.reason = reason;
  ex.message = "Denied: " + message;
  return ex;
}

function explainInto(ex, x, subject, permission, resource, context) {
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
  const perm = x.perms[p];
  const typeIndex = perm[2];
  ex.resourceType = typeIndex < 0 ? null : x.typeNames[typeIndex];
  const s = SET_INDEX.get(setId);
  if (s === undefined) {
    const close = closest(setId, SET_IDS);
    if (close.length) ex.suggestions.push("did you mean " + close.map(quote).join(" or ") + "?");
    return deny(ex, "unknown-set", "unknown permission set " + quote(setId) + ".");
  }
  if (context !== undefined && !rec(context)) context = undefined;
  const grant = x.grants.get(s * NP + p);
  if (typeIndex >= 0) {
    const wanted = x.typeNames[typeIndex];
    let problem;
    if (!rec(resource)) problem = "the resource is " + describeValue(resource);
    else if (!OWN.call(resource, "type")) problem = "resource.type is missing";
    else {
      const t = resource.type;
      if (t !== wanted) problem = "resource.type is " + (typeof t === "string" ? quote(t) : describeValue(t));
    }
    if (problem !== undefined) {
      if (grant !== undefined) ex.grant = grantInfo(x, grant);
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
      const where = ex.removed.source.file + ":" + ex.removed.source.line + ":" + ex.removed.source.column;
      const by = src[0] + " " + quote(src[1]) + (src[2] === permission ? "" : " (" + src[2] + ")");
      ex.suggestions.push("it would be granted without the " + quote(src[2] + ": none") + " entry of " + src[0] + " " + quote(src[1]) + " at " + where + (via.length ? " (reached through " + ex.removed.chain + ")" : ""));
      return deny(ex, "not-granted", quote(setId) + " does not grant " + quote(permission) + ": it is removed with none by " + by + " at " + where + ".");
    }
    const holders = setsWith(permission);
    ex.suggestions.push(
      holders.length === 0
        ? "no permission set grants " + quote(permission) + "."
        : "sets that grant " + quote(permission) + ": " + holders.slice(0, 8).join(", ") + (holders.length > 8 ? " and " + (holders.length - 8) + " more" : "") + ".",
    );
    return deny(ex, "not-granted", quote(setId) + " does not grant " + quote(permission) + " in any scope.");
  }
  ex.grant = grantInfo(x, grant);
  const q = { s: subject, r: typeIndex >= 0 ? resource : undefined, c: context, x, types: { subject: x.subject, context: x.context, resource: typeIndex >= 0 ? x.types[typeIndex] : new Map() } };
  const applying = [];
  for (let term = 0; term < grant[2].length; term++) {
    const alt = grant[2][term];
    const name = alt[0];
    const outcome = { scope: name, label: scopeLabel(x, perm, alt) };
    if (alt[4] >= 0) outcome.when = x.conds[x.inst[alt[4]][0]][0];
    // Why each condition failed; conditions that can never apply to this resource type are
    // kept apart: they are noise next to the ones that could hold.
    const failed = [];
    const inapplicable = [];
    let scopeHolds = false;
    if (alt[3] >= 0) {
      const from = x.scopes[alt[3]][0];
      ex.evaluations.push({ scope: name, term, kind: "scope", from, condition: null, result: true, detail: "scope " + from + " has no condition, so it always holds" });
      scopeHolds = true;
    } else if (alt[1] < 0) {
      ex.evaluations.push({ scope: name, term, kind: "scope", from: name, condition: null, result: false, detail: "scope " + name + " is not declared in the catalog" });
      failed.push("scope " + name + " is not declared in the catalog");
    } else {
      for (const [scopeIndex, instance] of alt[2]) {
        const from = x.scopes[scopeIndex][0];
        const r = evaluateInstance(q, instance);
        ex.evaluations.push({ scope: name, term, kind: "scope", from, condition: r.text, result: r.result, detail: r.detail });
        if (r.result === true) scopeHolds = true;
        else (r.problem ? inapplicable : failed).push((from === name ? "" : "via included scope " + from + ": ") + r.why);
      }
    }
    let whenHolds = true;
    let whenWhy;
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
  const where = src.file + ":" + src.line + ":" + src.column + (ex.grant.via.length ? ", through " + ex.grant.chain : "");
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
    ex.suggestions.push(quote(r.set) + " narrows this grant from " + was + " to " + r.scope + " with restrict (" + r.file + ":" + r.line + ":" + r.column + ")");
  }
  const scopes = grant[2].map((a) => a[0] + (a[4] >= 0 ? " with a condition" : "")).join(", ");
  return deny(ex, "conditions-false", quote(setId) + " grants " + quote(permission) + " in scope " + scopes + " (granted at " + where + "), but no granted scope applies to this request.");
}

function scopeLabel(x, perm, alt) {
  for (const [scope, label] of perm[3]) if (scope === alt[0]) return label;
  return alt[1] >= 0 ? x.scopes[alt[1]][1] : alt[0];
}

function location(x, fileIndex, line, column) {
  return { file: x.files[fileIndex], line, column };
}

function grantInfo(x, g) {
  const src = g[3];
  const info = {
    permission: PERMISSION_IDS[g[1]],
    scopes: g[2].map((a) => (a[4] >= 0 ? { scope: a[0], when: x.conds[x.inst[a[4]][0]][0] } : { scope: a[0] })),
    source: { kind: src[0], id: src[1], key: src[2], ...location(x, src[3], src[4], src[5]) },
    chain: [SET_IDS[g[0]], ...g[4].map((v) => "\u2190 " + v[0] + " " + v[2])].join(" "),
    via: g[4].map((v) => ({ kind: v[0], from: v[1], to: v[2], ...location(x, v[3], v[4], v[5]) })),
  };
  const r = g[5];
  if (r) info.restricted = { set: r[0], scope: r[1], ...location(x, r[2], r[3], r[4]), from: r[5].map((f) => (f[1] === null ? { scope: f[0] } : { scope: f[0], when: f[1] })) };
  return info;
}
`;
