// Conditions as CASL rule conditions. CASL matches MongoDB-style queries against the object
// checked (our resource) and nothing else, so, as CASL apps do, the user's attributes (and here
// the request context) are read when the user's ability is built and the rules carry the
// results: `resource.owner == subject.id` becomes `{ owner: 'u1' }` in u1's ability. CASL 7's
// query language has no `$or`/`$and`/`$not` (a disjunction is several `can` rules), so a
// condition becomes a disjunction of conjunctions (one rule each), each conjunction one query
// object with per-field operators.
//
// Exactness. Subject and context reads follow can() (own property, declared type, else an
// error) and errors propagate as in can(): every sub-condition yields two disjunctions, "is true"
// (T) and "is false" (F); an error is in neither, `not` swaps them, and `and`/`or` combine them
// with can()'s left-to-right short-circuit. Resource atoms are exact when the resource's
// attributes are present and well typed, as in the benchmark's stream (equalities on booleans
// and `has()` are exact even when the attribute is missing). Elsewhere CASL's matching differs:
// on a missing attribute `{ x: { $ne: 1 } }`, `$nin` and `{ x: { $lt: 3 } }` match where can()
// errs and denies; `{ owner: 'u1' }` also matches an array containing 'u1'; `$lt` compares
// strings; inherited properties (`type` included) are read. Comparing two resource attributes
// cannot be written as a CASL query at all: translating such a condition throws.

const MAX_LIST = 1_000_000;
/** An evaluation error: in neither T nor F. */
const ERROR = Symbol('error');

/**
 * @typedef {{ field: string, op: 'eq' | 'ne' | 'lt' | 'lte' | 'gt' | 'gte' | 'in' | 'nin' | 'has' | 'hasnot' | 'exists' | 'missing', value?: unknown }} Atom
 * @typedef {Atom[][]} Dnf a disjunction of conjunctions; `[]` never holds, `[[]]` always
 */

const NEGATE = {
  eq: 'ne',
  ne: 'eq',
  lt: 'gte',
  gte: 'lt',
  lte: 'gt',
  gt: 'lte',
  in: 'nin',
  nin: 'in',
  has: 'hasnot',
  hasnot: 'has',
  exists: 'missing',
  missing: 'exists',
};
const FLIP = { '==': '==', '!=': '!=', '<': '>', '>': '<', '<=': '>=', '>=': '<=' };
const ATOM_OF = { '==': 'eq', '!=': 'ne', '<': 'lt', '<=': 'lte', '>': 'gt', '>=': 'gte' };

/**
 * The (T, F) pair of a condition for one request's subject and context.
 *
 * @param {import('./grant-alternatives.mjs').Expr} e
 * @param {{ subject: unknown, context: unknown, resourceType: string | undefined, types: { subject: Record<string, string>, context: Record<string, string> } }} env
 * @returns {{ t: Dnf, f: Dnf }}
 */
export function truthOf(e, env) {
  switch (e.kind) {
    case 'not': {
      const { t, f } = truthOf(e.operand, env);
      return { t: f, f: t };
    }
    case 'and': {
      const a = truthOf(e.left, env);
      const b = truthOf(e.right, env);
      return { t: and(a.t, b.t), f: [...a.f, ...and(a.t, b.f)] };
    }
    case 'or': {
      const a = truthOf(e.left, env);
      const b = truthOf(e.right, env);
      return { t: [...a.t, ...and(a.f, b.t)], f: and(a.f, b.f) };
    }
    case 'has':
      if (e.path.root === 'resource') return atom({ field: attribute(e.path), op: 'exists' });
      return constant(read(e.path, env, true));
    case 'path':
      if (e.root === 'resource' && attribute(e) !== 'type') return atom({ field: attribute(e), op: 'eq', value: true });
      return constant(value(e, env));
    case 'compare': {
      const l = value(e.left, env);
      const r = value(e.right, env);
      if (l === ERROR || r === ERROR) return constant(ERROR);
      if (isResource(l) && isResource(r))
        throw new Error(`CASL: conditions cannot compare two resource attributes (${l.field}, ${r.field})`);
      if (isResource(l)) return atom({ field: l.field, op: ATOM_OF[e.op], value: r });
      if (isResource(r)) return atom({ field: r.field, op: ATOM_OF[FLIP[e.op]], value: l });
      return constant(compare(e.op, l, r));
    }
    case 'in': {
      const el = value(e.element, env);
      const list = value(e.list, env);
      if (el === ERROR || list === ERROR) return constant(ERROR);
      if (isResource(el) && isResource(list))
        throw new Error(
          `CASL: conditions cannot test a resource attribute against another (${el.field} in ${list.field})`,
        );
      if (isResource(list)) return atom({ field: list.field, op: 'has', value: el });
      if (isResource(el)) return atom({ field: el.field, op: 'in', value: list });
      return constant(list.includes(el));
    }
    case 'literal':
      return constant(e.value);
  }
  throw new Error(`CASL: cannot translate a ${e.kind} condition`);
}

/** A resource attribute, read when CASL matches the rule. */
class ResourceRef {
  constructor(field) {
    this.field = field;
  }
}
const isResource = (v) => v instanceof ResourceRef;

function attribute(p) {
  if (p.segments.length !== 1) throw new Error(`CASL: cannot translate the path ${[p.root, ...p.segments].join('.')}`);
  return p.segments[0];
}

/** A value operand: a constant, ERROR, or a resource attribute (`resource.type` is known). */
function value(e, env) {
  if (e.kind === 'literal') return e.value;
  if (e.kind === 'list') return e.items.map((i) => i.value);
  if (e.kind !== 'path') throw new Error(`CASL: a ${e.kind} is not a value`);
  if (e.root === 'resource')
    return attribute(e) === 'type' ? (env.resourceType ?? ERROR) : new ResourceRef(attribute(e));
  return read(e, env, false);
}

/** A subject or context attribute as can() reads it; `exists` answers `has()` instead. */
function read(p, env, exists) {
  const name = attribute(p);
  const record = p.root === 'subject' ? env.subject : p.root === 'context' ? env.context : undefined;
  const declared = p.root === 'subject' && (name === 'id' || name === 'set') ? 'string' : env.types[p.root]?.[name];
  if (typeof record !== 'object' || record === null || Array.isArray(record) || !Object.hasOwn(record, name))
    return exists ? false : ERROR;
  const v = record[name];
  if (v === undefined || v === null) return exists ? false : ERROR;
  if (exists) return true;
  return hasType(v, declared) ? v : ERROR;
}

function hasType(v, type) {
  if (type === 'string[]' || type === 'number[]') {
    if (!Array.isArray(v) || v.length > MAX_LIST) return false;
    for (let i = 0; i < v.length; i++) if (!Object.hasOwn(v, i) || !hasType(v[i], type.slice(0, -2))) return false;
    return true;
  }
  if (type === 'number') return typeof v === 'number' && Number.isFinite(v);
  return typeof v === type;
}

function compare(op, l, r) {
  switch (op) {
    case '==':
      return l === r;
    case '!=':
      return l !== r;
    case '<':
      return l < r;
    case '<=':
      return l <= r;
    case '>':
      return l > r;
    case '>=':
      return l >= r;
  }
  return ERROR;
}

function constant(v) {
  if (v === true) return { t: [[]], f: [] };
  if (v === false) return { t: [], f: [[]] };
  return { t: [], f: [] }; // an error, or a non-boolean (never after type checking)
}

function atom(a) {
  // A boolean is true or false, so `x != true` is `x == false`: unlike `$ne`, `$eq` does not
  // match a missing attribute, which can() treats as an error.
  if (typeof a.value === 'boolean' && (a.op === 'eq' || a.op === 'ne')) {
    const v = a.op === 'eq' ? a.value : !a.value;
    return { t: [[{ field: a.field, op: 'eq', value: v }]], f: [[{ field: a.field, op: 'eq', value: !v }]] };
  }
  return { t: [[a]], f: [[{ ...a, op: NEGATE[a.op] }]] };
}

/** The conjunction of two disjunctions (every pair of their conjunctions). */
export function and(a, b) {
  const out = [];
  for (const x of a) for (const y of b) out.push([...x, ...y]);
  return out;
}

/**
 * One conjunction of atoms as a CASL conditions object (fields in first-use order), or
 * `undefined` when it can never hold (two different required values). Shorthands as CASL users
 * write them: `{ owner: 'u1' }`, `{ members: 'u1' }` (an array containing it).
 *
 * @param {Atom[]} atoms
 * @returns {Record<string, unknown> | undefined}
 */
export function mongoQuery(atoms) {
  const fields = new Map();
  for (const a of atoms) {
    const f = fields.get(a.field) ?? [];
    f.push(a);
    fields.set(a.field, f);
  }
  const query = {};
  for (const [field, list] of fields) {
    const ops = {};
    const excluded = [];
    const contained = [];
    for (const a of list) {
      switch (a.op) {
        case 'eq':
          if ('$eq' in ops && ops.$eq !== a.value) return undefined;
          ops.$eq = a.value;
          break;
        case 'ne':
        case 'hasnot':
          if (!excluded.includes(a.value)) excluded.push(a.value);
          break;
        case 'nin':
          for (const v of a.value) if (!excluded.includes(v)) excluded.push(v);
          break;
        case 'in':
          ops.$in = '$in' in ops ? ops.$in.filter((v) => a.value.includes(v)) : [...new Set(a.value)];
          if (ops.$in.length === 0) return undefined;
          break;
        case 'has':
          if (!contained.includes(a.value)) contained.push(a.value);
          break;
        case 'lt':
        case 'lte':
          if (
            !('$lt' in ops || '$lte' in ops) ||
            a.value < (ops.$lt ?? ops.$lte) ||
            (a.value === (ops.$lt ?? ops.$lte) && a.op === 'lt')
          ) {
            delete ops.$lt;
            delete ops.$lte;
            ops[`$${a.op}`] = a.value;
          }
          break;
        case 'gt':
        case 'gte':
          if (
            !('$gt' in ops || '$gte' in ops) ||
            a.value > (ops.$gt ?? ops.$gte) ||
            (a.value === (ops.$gt ?? ops.$gte) && a.op === 'gt')
          ) {
            delete ops.$gt;
            delete ops.$gte;
            ops[`$${a.op}`] = a.value;
          }
          break;
        case 'exists':
          // has(): present and not null, which is mongo's `$ne: null`
          if (!excluded.includes(null)) excluded.push(null);
          break;
        case 'missing':
          // not has(): absent or null, which is mongo's `{ x: null }`
          if ('$eq' in ops && ops.$eq !== null) return undefined;
          ops.$eq = null;
          break;
      }
    }
    if (contained.length) ops.$all = contained;
    // `$nin` with null matches a missing field (`$ne: null` does not): keep null apart.
    const others = excluded.filter((v) => v !== null);
    if (others.length < excluded.length) ops.$ne = null;
    if (others.length > 1 || (others.length === 1 && '$ne' in ops)) ops.$nin = others;
    else if (others.length === 1) ops.$ne = others[0];
    const keys = Object.keys(ops);
    if (keys.length === 0) continue; // e.g. `x not in []`: no constraint
    if (keys.length === 1 && keys[0] === '$eq') query[field] = ops.$eq;
    else if (keys.length === 1 && keys[0] === '$all' && contained.length === 1) query[field] = contained[0];
    else query[field] = ops;
  }
  return query;
}
