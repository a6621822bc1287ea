import { parseAllDocuments } from 'yaml';
import { parseCondition, type Expr } from '../../packages/compiler/src/conditions/index.js';

/*
 * A reference interpreter of the policy language, written from the spec
 * (docs/language.md and docs/evaluator.md, which hold the language's contract) to be obviously
 * right, not fast. It reads the policy YAML itself (parsed by `yaml` into plain objects), not
 * the compiler's model: inheritance, fragments, wildcards, `none`, `restrict` and scope coverage
 * are recomputed here from scratch. Only the condition PARSER is shared (for the AST); typing
 * and evaluation are its own. Meant for projects without errors (it does not diagnose).
 */

// Plain YAML data: the interpreter trusts the project compiled, so shapes are as the schemas say.
type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Item = { scope: string; when?: string };
/** A set's effective grants: permission id → granted items. */
export type Grants = Map<string, Item[]>;

/** The parsed project. */
export interface RefProject {
  catalog: Obj;
  sets: Map<string, Obj>;
  fragments: Map<string, Obj>;
  perms: Map<string, { scopes: string[]; resource?: string }>;
}

/** Parses every document of every file (spec "Files": documents by `kind`). */
export function loadReference(files: readonly { text: string }[]): RefProject {
  const docs = files.flatMap((f) => parseAllDocuments(f.text).map((d) => d.toJS() as Obj));
  const catalog = docs.find((d) => d?.kind === 'Catalog')!;
  const perms = new Map<string, { scopes: string[]; resource?: string }>();
  for (const area of Object.values<Obj>(catalog.areas ?? {}))
    for (const [id, p] of Object.entries<Obj>(area.permissions ?? {}))
      perms.set(id, { scopes: p.scopes, resource: p.resource ?? area.resource });
  const byKind = (kind: string) => new Map(docs.filter((d) => d?.kind === kind).map((d) => [d.id as string, d]));
  return { catalog, sets: byKind('PermissionSet'), fragments: byKind('Fragment'), perms };
}

/** language.md "The catalog": a scope covers itself and, transitively, what it `includes`. */
function covers(p: RefProject, scope: string): Set<string> {
  const out = new Set<string>();
  const walk = (s: string) => {
    if (out.has(s)) return;
    out.add(s);
    for (const t of p.catalog.scopes[s]?.includes ?? []) walk(t);
  };
  walk(scope);
  return out;
}

/** Grant value forms (language.md table): `none`, a scope, a list of scopes/objects, `{ scope, when }`. */
function items(value: unknown): Item[] | 'none' {
  if (value === 'none') return 'none';
  const one = (v: unknown): Item[] =>
    typeof v === 'string'
      ? [{ scope: v }]
      : ([] as string[])
          .concat((v as Obj).scope)
          .map((scope) => ({ scope, ...((v as Obj).when !== undefined ? { when: (v as Obj).when } : {}) }));
  return Array.isArray(value) ? value.flatMap(one) : one(value);
}

/** A `*` segment matches one or more whole segments (spec "PermissionSet", `"invoices.*"`). */
function matches(pattern: string, id: string): boolean {
  const p = pattern.split('.');
  const s = id.split('.');
  const go = (i: number, j: number): boolean =>
    i === p.length
      ? j === s.length
      : p[i] === '*'
        ? [...Array(s.length - j).keys()].some((k) => go(i + 1, j + k + 1))
        : j < s.length && p[i] === s[j] && go(i + 1, j + 1);
  return go(0, 0);
}

/**
 * One layer (a fragment's or a set's own grants) applied to `grants`, per language.md "How a
 * set's effective grants are computed": an explicit id beats any wildcard; among wildcards the
 * one with most literal segments wins, then the later; a wildcard applies to a permission only
 * with the listed scopes it allows (none left: it does not touch it); `none` removes.
 */
function applyLayer(p: RefProject, grants: Grants, layer: Obj | undefined): void {
  const entries = Object.entries<unknown>(layer ?? {}).map(([key, value], order) => ({
    key,
    value: items(value),
    order,
    literal: key.split('.').filter((x) => x !== '*').length,
    wild: key.split('.').includes('*'),
  }));
  for (const [perm, info] of p.perms) {
    const applicable = entries
      .filter((e) => (e.wild ? matches(e.key, perm) : e.key === perm))
      .map((e) => ({ ...e, kept: e.value === 'none' ? 'none' : e.value.filter((i) => info.scopes.includes(i.scope)) }))
      .filter((e) => e.kept === 'none' || e.kept.length > 0);
    const rank = (e: { wild: boolean; literal: number; order: number }) => (e.wild ? e.literal : 1e9) * 1e4 + e.order;
    const winner = applicable.sort((a, b) => rank(b) - rank(a))[0];
    if (!winner) continue;
    if (winner.kept === 'none') grants.delete(perm);
    else grants.set(perm, winner.kept as Item[]);
  }
}

/** A set's effective grants: base, fragments in order, own grants, `restrict` (not inherited). */
export function effectiveGrants(p: RefProject, setId: string, depth = 0): Grants {
  const set = p.sets.get(setId)!;
  const grants: Grants =
    set.extends !== undefined && depth < 1000 ? effectiveGrants(p, set.extends, depth + 1) : new Map();
  for (const f of set.include ?? []) applyLayer(p, grants, p.fragments.get(f)?.grants);
  applyLayer(p, grants, set.grants);
  const r = set.restrict as string | undefined;
  if (r !== undefined) {
    // language.md "restrict": scopes strictly covering R become R (condition kept) where R is allowed.
    for (const [perm, list] of grants) {
      if (!p.perms.get(perm)!.scopes.includes(r)) continue;
      grants.set(
        perm,
        list.map((i) => (i.scope !== r && covers(p, i.scope).has(r) ? { ...i, scope: r } : i)),
      );
    }
  }
  return grants;
}

// ---- evaluation (docs/evaluator.md "Semantics" and "Conditions") ---------------------------

const ERR = Symbol('error');
type Val = string | number | boolean | (string | number)[] | typeof ERR;
const isRecord = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const own = (o: object, k: string | number) => Object.prototype.hasOwnProperty.call(o, k);
interface Req {
  subject: Obj;
  resource?: Obj;
  context?: Obj;
  resourceType?: string;
}

/** The declared type of `root.name` for this request's permission, or undefined (never holds). */
function declared(p: RefProject, req: Req, root: string, name: string): string | undefined {
  if (root === 'subject') return name === 'id' || name === 'set' ? 'string' : p.catalog.subject?.attributes?.[name];
  if (root === 'context') return p.catalog.context?.attributes?.[name];
  if (root !== 'resource' || req.resourceType === undefined) return undefined;
  return name === 'type' ? 'string' : p.catalog.resources?.[req.resourceType]?.attributes?.[name];
}

function read(p: RefProject, req: Req, root: string, name: string): Val {
  const type = declared(p, req, root, name)!;
  const rec = root === 'subject' ? req.subject : root === 'resource' ? req.resource : req.context;
  if (!rec || !own(rec, name) || rec[name] === undefined || rec[name] === null) return ERR;
  const v: unknown = rec[name];
  const scalar = (x: unknown, t: string) =>
    t === 'number' ? typeof x === 'number' && Number.isFinite(x) : typeof x === t;
  if (!type.endsWith('[]')) return scalar(v, type) ? (v as Val) : ERR;
  if (!Array.isArray(v)) return ERR;
  for (let i = 0; i < v.length; i++) if (!own(v, i) || !scalar(v[i], type.slice(0, -2))) return ERR;
  return v as (string | number)[];
}

function evaluate(p: RefProject, e: Expr, req: Req): Val {
  const sub = (x: Expr) => evaluate(p, x, req);
  switch (e.kind) {
    case 'literal':
      return e.value;
    case 'list':
      return e.items.map((i) => i.value as string | number);
    case 'path':
      return read(p, req, e.root, e.segments[0]!);
    case 'has': {
      const rec = e.path.root === 'subject' ? req.subject : e.path.root === 'resource' ? req.resource : req.context;
      const name = e.path.segments[0]!;
      return !!rec && own(rec, name) && rec[name] !== undefined && rec[name] !== null;
    }
    case 'not': {
      const v = sub(e.operand);
      return v === ERR ? ERR : !v;
    }
    case 'and': {
      const l = sub(e.left);
      return l === ERR || l === false ? l : sub(e.right);
    }
    case 'or': {
      const l = sub(e.left);
      return l === ERR || l === true ? l : sub(e.right);
    }
    case 'in': {
      const el = sub(e.element),
        list = sub(e.list);
      return el === ERR || list === ERR ? ERR : (list as unknown[]).includes(el);
    }
    case 'compare': {
      const l = sub(e.left),
        r = sub(e.right);
      if (l === ERR || r === ERR) return ERR;
      const [a, b] = [l as number, r as number]; // `<` etc. only type-check on numbers
      return { '==': l === r, '!=': l !== r, '<': a < b, '<=': a <= b, '>': a > b, '>=': a >= b }[e.op];
    }
  }
}

/** A condition holds iff every path is declared for this permission and it evaluates to true (errors deny). */
function holds(p: RefProject, text: string, req: Req): boolean {
  const { ast, errors } = parseCondition(text);
  if (!ast || errors.length) return false;
  const paths = (x: Expr): { root: string; segments: readonly string[] }[] =>
    x.kind === 'path'
      ? [x]
      : x.kind === 'has'
        ? [x.path]
        : x.kind === 'not'
          ? paths(x.operand)
          : x.kind === 'in'
            ? [...paths(x.element), ...paths(x.list)]
            : 'left' in x
              ? [...paths(x.left), ...paths(x.right)]
              : [];
  if (paths(ast).some((x) => x.segments.length !== 1 || declared(p, req, x.root, x.segments[0]!) === undefined))
    return false;
  return evaluate(p, ast, req) === true;
}

/** What `can(subject, permission, resource, context)` must return (docs/evaluator.md "Semantics" 1–5). */
export function referenceCan(
  p: RefProject,
  subject: unknown,
  permission: unknown,
  resource?: unknown,
  context?: unknown,
): boolean {
  if (typeof permission !== 'string' || !p.perms.has(permission)) return false;
  if (!isRecord(subject) || !own(subject, 'set') || typeof subject['set'] !== 'string' || !p.sets.has(subject['set']))
    return false;
  const granted = effectiveGrants(p, subject['set']).get(permission);
  if (!granted) return false;
  const resourceType = p.perms.get(permission)!.resource;
  if (
    resourceType !== undefined &&
    (!isRecord(resource) || !own(resource, 'type') || resource['type'] !== resourceType)
  )
    return false;
  const req: Req = {
    subject,
    ...(resourceType !== undefined ? { resource: resource as Obj, resourceType } : {}),
    ...(isRecord(context) ? { context } : {}),
  };
  // A granted scope applies when some scope it covers has no `when` or a true one, and the grant's `when` holds.
  return granted.some(
    (g) =>
      [...covers(p, g.scope)].some(
        (c) => p.catalog.scopes[c].when === undefined || holds(p, p.catalog.scopes[c].when, req),
      ) &&
      (g.when === undefined || holds(p, g.when, req)),
  );
}
