import {
  parseCondition,
  typeCheck,
  type AttrType,
  type AttributeEnv,
  type Expr,
} from '../../packages/compiler/src/conditions/index.js';
import type { PolicyModel } from '../../packages/compiler/src/policy-model/index.js';

/*
 * A reference decision procedure for the generated evaluator, written to be obviously correct
 * rather than fast: it walks the PolicyModel (linear searches, no indices) and interprets the
 * parsed condition ASTs directly. It shares nothing with the generator but the compiler's own
 * parser and type checker (which define what a condition means and whether it is well typed).
 *
 * The semantics (docs/evaluator.md):
 * - deny unless: the permission is known, the subject is a non-array object whose OWN `set` is a
 *   known set id, the set has a grant on the permission, the resource (for a permission with a
 *   resource type) is a non-array object whose own `type` equals that type, and one granted
 *   scope applies;
 * - a granted scope applies when its effective condition holds (one of the scopes it covers,
 *   itself included, has no `when` or a `when` that is true) and the grant's `when` holds;
 * - a condition that does not parse or type-check for the permission's resource type, or whose
 *   evaluation errs, is false; errors propagate through operators, `and`/`or` short-circuit;
 * - a read is an error unless the root is given, the attribute is an own property, not
 *   undefined/null, and of the declared type (finite numbers; lists are arrays of at most
 *   1,000,000 own elements of the element type); `has` is "own and not undefined/null";
 * - a non-object context is no context; anything that throws outside a condition denies.
 */

const ERROR = Symbol('evaluation error');
type Value = string | number | boolean | readonly (string | number)[] | typeof ERROR;
const MAX_LIST = 1_000_000;

interface Request {
  subject: Record<string, unknown>;
  resource: Record<string, unknown> | undefined;
  context: Record<string, unknown> | undefined;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function hasOwn(o: object, key: string | number): boolean {
  return Object.prototype.hasOwnProperty.call(o, key);
}

/** The reference decision: what `can(subject, permission, resource, context)` must return. */
export function referenceDecide(
  model: PolicyModel,
  subject: unknown,
  permission: unknown,
  resource?: unknown,
  context?: unknown,
): boolean {
  try {
    if (typeof permission !== 'string') return false;
    const perm = model.permissions.find((p) => p.id === permission);
    if (!perm) return false;
    if (!isRecord(subject) || !hasOwn(subject, 'set')) return false;
    const setId = subject['set'];
    const set = model.sets.find((s) => s.id === setId);
    if (!set) return false;
    const ctx = isRecord(context) ? context : undefined;
    const grant = set.grants.find((g) => g.permission === permission);
    if (!grant) return false;
    if (perm.resourceType !== undefined) {
      if (!isRecord(resource) || !hasOwn(resource, 'type') || resource['type'] !== perm.resourceType) return false;
    }
    const request: Request = {
      subject,
      resource: perm.resourceType !== undefined ? (resource as Record<string, unknown>) : undefined,
      context: ctx,
    };
    const env = environment(model, perm.resourceType);
    return grant.scopes.some(
      (gs) =>
        scopeHolds(model, gs.scope, env, request) && (gs.when === undefined || conditionHolds(gs.when, env, request)),
    );
  } catch {
    return false;
  }
}

function scopeHolds(model: PolicyModel, name: string, env: AttributeEnv, request: Request): boolean {
  const scope = model.scopes.find((s) => s.name === name);
  if (!scope) return false;
  return scope.covers.some((c) => {
    const covered = model.scopes.find((s) => s.name === c);
    if (!covered) return false;
    return covered.when === undefined || conditionHolds(covered.when, env, request);
  });
}

const KNOWN_TYPES = new Set(['string', 'number', 'boolean', 'string[]', 'number[]']);

function attributes(declared: Record<string, string> | undefined): Map<string, AttrType> {
  return new Map(Object.entries(declared ?? {}).filter(([, t]) => KNOWN_TYPES.has(t)) as [string, AttrType][]);
}

function environment(model: PolicyModel, resourceType: string | undefined): AttributeEnv {
  const resource = model.resources.find((r) => r.name === resourceType);
  return {
    subject: attributes(model.subjectAttributes),
    context: attributes(model.contextAttributes),
    resource: resourceType === undefined || !resource ? undefined : attributes(resource.attributes),
    ...(resourceType === undefined ? {} : { resourceTypeName: resourceType }),
  };
}

function declaredType(env: AttributeEnv, root: string, name: string): AttrType | undefined {
  if (root === 'subject') return env.subject.get(name) ?? (name === 'id' || name === 'set' ? 'string' : undefined);
  if (root === 'resource') return env.resource?.get(name) ?? (env.resource && name === 'type' ? 'string' : undefined);
  if (root === 'context') return env.context.get(name);
  return undefined;
}

function conditionHolds(text: string, env: AttributeEnv, request: Request): boolean {
  const parsed = parseCondition(text);
  if (parsed.errors.length > 0 || !parsed.ast) return false;
  if (typeCheck(parsed.ast, env).length > 0) return false;
  try {
    return evaluate(parsed.ast, env, request) === true;
  } catch {
    return false;
  }
}

function evaluate(e: Expr, env: AttributeEnv, request: Request): Value {
  switch (e.kind) {
    case 'literal':
      return e.value;
    case 'list':
      return e.items.map((i) => i.value as string | number);
    case 'path':
      return read(request, e.root, e.segments[0]!, declaredType(env, e.root, e.segments[0]!)!);
    case 'has': {
      const root = rootOf(request, e.path.root);
      if (root === undefined || !hasOwn(root, e.path.segments[0]!)) return false;
      const v = root[e.path.segments[0]!];
      return v !== undefined && v !== null;
    }
    case 'not': {
      const v = evaluate(e.operand, env, request);
      return v === ERROR ? ERROR : !v;
    }
    case 'and': {
      const left = evaluate(e.left, env, request);
      if (left === ERROR || left === false) return left;
      return evaluate(e.right, env, request);
    }
    case 'or': {
      const left = evaluate(e.left, env, request);
      if (left === ERROR || left === true) return left;
      return evaluate(e.right, env, request);
    }
    case 'compare': {
      const left = evaluate(e.left, env, request);
      if (left === ERROR) return ERROR;
      const right = evaluate(e.right, env, request);
      if (right === ERROR) return ERROR;
      switch (e.op) {
        case '==':
          return left === right;
        case '!=':
          return left !== right;
        case '<':
          return (left as number) < (right as number);
        case '<=':
          return (left as number) <= (right as number);
        case '>':
          return (left as number) > (right as number);
        case '>=':
          return (left as number) >= (right as number);
      }
      return ERROR;
    }
    case 'in': {
      const element = evaluate(e.element, env, request);
      if (element === ERROR) return ERROR;
      const list = evaluate(e.list, env, request);
      if (list === ERROR) return ERROR;
      return (list as readonly unknown[]).includes(element);
    }
  }
}

function rootOf(request: Request, root: string): Record<string, unknown> | undefined {
  return root === 'subject'
    ? request.subject
    : root === 'resource'
      ? request.resource
      : root === 'context'
        ? request.context
        : undefined;
}

function read(request: Request, rootName: string, name: string, type: AttrType): Value {
  const root = rootOf(request, rootName);
  if (root === undefined || !hasOwn(root, name)) return ERROR;
  const v = root[name];
  if (v === undefined || v === null) return ERROR;
  switch (type) {
    case 'string':
      return typeof v === 'string' ? v : ERROR;
    case 'number':
      return typeof v === 'number' && Number.isFinite(v) ? v : ERROR;
    case 'boolean':
      return typeof v === 'boolean' ? v : ERROR;
    case 'string[]':
    case 'number[]': {
      if (!Array.isArray(v)) return ERROR;
      const length = v.length;
      if (length > MAX_LIST) return ERROR;
      const items: (string | number)[] = [];
      for (let i = 0; i < length; i++) {
        if (!hasOwn(v, i)) return ERROR;
        const item: unknown = v[i];
        const ok = type === 'string[]' ? typeof item === 'string' : typeof item === 'number' && Number.isFinite(item);
        if (!ok) return ERROR;
        items.push(item as string | number);
      }
      return items;
    }
  }
}
