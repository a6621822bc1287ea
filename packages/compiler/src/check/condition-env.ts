import type { AttributeEnv, AttrType, Expr, PathExpr } from '../conditions/index.js';
import type { AttributeDef } from '../entities/index.js';
import type { CatalogIndex } from '../resolve/index.js';

function typesOf(attrs: ReadonlyMap<string, AttributeDef> | undefined): Map<string, AttrType> {
  const out = new Map<string, AttrType>();
  for (const [name, a] of attrs ?? []) if (a.type) out.set(name, a.type);
  return out;
}

/** The attributes a condition on `permission` may read (its resource type's, the subject's, the context's). */
export function envForPermission(catalog: CatalogIndex, permission: string | undefined): AttributeEnv {
  const def = catalog.def;
  const typeName = permission ? catalog.resourceTypeOf(permission) : undefined;
  const resource = typeName ? def?.resources.get(typeName) : undefined;
  const env: AttributeEnv = {
    subject: typesOf(def?.subjectAttributes),
    context: typesOf(def?.contextAttributes),
    resource: resource ? typesOf(resource.attributes) : undefined,
  };
  if (typeName) env.resourceTypeName = typeName;
  return env;
}

/**
 * The environment of a scope's condition before it is paired with any permission: resource
 * attributes are the union over all resource types (first declaration's type wins), so only
 * problems intrinsic to the condition show up; pairing problems are the scope check's.
 */
export function envForScope(catalog: CatalogIndex): AttributeEnv {
  const def = catalog.def;
  const union = new Map<string, AttrType>();
  for (const r of def?.resources.values() ?? [])
    for (const [name, a] of r.attributes) if (a.type && !union.has(name)) union.set(name, a.type);
  return { subject: typesOf(def?.subjectAttributes), context: typesOf(def?.contextAttributes), resource: union };
}

/** Every path a condition reads, in source order. */
export function pathsOf(expr: Expr | undefined): PathExpr[] {
  const out: PathExpr[] = [];
  const stack: Expr[] = expr ? [expr] : [];
  while (stack.length) {
    const e = stack.pop()!;
    switch (e.kind) {
      case 'path':
        out.push(e);
        break;
      case 'has':
        out.push(e.path);
        break;
      case 'not':
        stack.push(e.operand);
        break;
      case 'compare':
      case 'and':
      case 'or':
        stack.push(e.right, e.left);
        break;
      case 'in':
        stack.push(e.list, e.element);
        break;
      // Stryker disable next-line ConditionalExpression: literals and lists read no path.
      default:
        break;
    }
  }
  // Stryker disable next-line MethodExpression,ArrowFunction,ArithmeticOperator: the walk visits left before right, so `out` is already in source order; the sort only states the contract.
  return out.sort((a, b) => a.span[0] - b.span[0]);
}
