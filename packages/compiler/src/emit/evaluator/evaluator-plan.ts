import { parseCondition, typeCheck, type AttrType, type AttributeEnv, type Expr } from '../../conditions/index.js';
import type { ModelGrant, ModelPermission, ModelSet, PolicyModel } from '../../policy-model/index.js';
import { compileCondition, type CompiledCondition } from './compile-condition.js';

/** A distinct condition text of the model (a scope's or a grant's `when`), parsed once. */
export interface PlannedCondition {
  text: string;
  /** The AST; `undefined` when the text does not parse (never the case after a clean compile). */
  ast: Expr | undefined;
  /** The first parse error, when there is no AST. */
  parseError?: string;
}

/**
 * A condition paired with the resource type it is evaluated against. The same text can hold for
 * one type and be meaningless for another (`own`'s `resource.owner` on a type without owners).
 */
export interface ConditionInstance {
  condition: number;
  /** The permission's resource type; `undefined` for a permission without one. */
  resourceType: string | undefined;
  /**
   * Why the condition can never be evaluated against this type (a type problem, such as an
   * attribute the type does not declare, or a parse error): it then always counts as an error,
   * hence false. `undefined` for a well-typed instance.
   */
  problem?: string;
  /** The compiled JavaScript of a well-typed instance (see compileCondition). */
  compiled?: CompiledCondition;
}

/** One granted scope of a grant shape: the scope's effective condition and the grant's `when`. */
export interface PlannedAlternative {
  /** Index into `model.scopes`; -1 for a scope the catalog does not declare (never applies). */
  scope: number;
  /** The scope name as granted. */
  scopeName: string;
  /**
   * The conditions of the scope and of every scope it covers (the granted scope's own first):
   * the scope holds when one of them does. Empty when `always` is set.
   */
  covered: { scope: number; instance: number }[];
  /** A covered scope without `when` (index into `model.scopes`): the scope always holds. */
  always?: number;
  /** The grant's own `when`, as an instance index. */
  when?: number;
}

/** What a (set, permission) grant evaluates: the resource type check and its alternatives. */
export interface GrantShape {
  resourceType: string | undefined;
  alternatives: PlannedAlternative[];
}

/** Everything the back ends (code, explain data, types) derive from the model, indexed once. */
export interface EvaluatorPlan {
  model: PolicyModel;
  sets: readonly ModelSet[];
  permissions: readonly ModelPermission[];
  setIndex: ReadonlyMap<string, number>;
  permissionIndex: ReadonlyMap<string, number>;
  scopeIndex: ReadonlyMap<string, number>;
  /** Resource types: the declared ones in catalog order, then any other name a permission uses. */
  resourceTypes: readonly string[];
  conditions: readonly PlannedCondition[];
  instances: readonly ConditionInstance[];
  /** Per set (by index), per granted permission: the grant's shape and the model's grant. */
  grants: { set: number; permission: number; shape: GrantShape; grant: ModelGrant }[];
  /**
   * Plans a grant shape the model's sets do not hold (the kernels custom sets are composed from
   * at run time), with the same conditions and instances; it may add to `conditions` and
   * `instances`.
   */
  shape(resourceType: string | undefined, scopes: readonly { scope: string; when?: string }[]): GrantShape;
}

const ATTR_TYPES: ReadonlySet<string> = new Set<AttrType>(['string', 'number', 'boolean', 'string[]', 'number[]']);

/** The declared attributes of one root, restricted to the types the language knows. */
export function typedAttributes(declared: Readonly<Record<string, string>> | undefined): Map<string, AttrType> {
  const out = new Map<string, AttrType>();
  for (const [name, type] of Object.entries(declared ?? {})) if (ATTR_TYPES.has(type)) out.set(name, type as AttrType);
  return out;
}

/** The attribute environment of conditions on permissions of `resourceType` (`undefined`: none). */
export function envFor(model: PolicyModel, resourceType: string | undefined): AttributeEnv {
  const resource = resourceType === undefined ? undefined : model.resources.find((r) => r.name === resourceType);
  const env: AttributeEnv = {
    subject: typedAttributes(model.subjectAttributes),
    context: typedAttributes(model.contextAttributes),
    resource: resource ? typedAttributes(resource.attributes) : undefined,
  };
  if (resourceType !== undefined) env.resourceTypeName = resourceType;
  return env;
}

/**
 * Indexes the model for code generation. Conditions are parsed once per text and type-checked
 * once per resource type; an instance with problems is kept (explain reports why) but always
 * counts as an error. Pure and deterministic: every list follows the model's order.
 */
export function planEvaluator(model: PolicyModel): EvaluatorPlan {
  const indexOf = <T>(items: readonly T[], key: (t: T) => string) => {
    const map = new Map<string, number>();
    items.forEach((item, i) => {
      if (!map.has(key(item))) map.set(key(item), i);
    });
    return map;
  };
  const setIndex = indexOf(model.sets, (s) => s.id);
  const permissionIndex = indexOf(model.permissions, (p) => p.id);
  const scopeIndex = indexOf(model.scopes, (s) => s.name);

  const conditions: PlannedCondition[] = [];
  const conditionIds = new Map<string, number>();
  const conditionOf = (text: string): number => {
    let id = conditionIds.get(text);
    if (id === undefined) {
      const parsed = parseCondition(text);
      const planned: PlannedCondition =
        parsed.errors.length === 0 && parsed.ast
          ? { text, ast: parsed.ast }
          : { text, ast: undefined, parseError: parsed.errors[0]?.message ?? 'The condition is empty' };
      id = conditions.push(planned) - 1;
      conditionIds.set(text, id);
    }
    return id;
  };

  const envs = new Map<string | undefined, AttributeEnv>();
  const instances: ConditionInstance[] = [];
  const instanceIds = new Map<string, number>();
  const instanceOf = (text: string, resourceType: string | undefined): number => {
    const condition = conditionOf(text);
    const key = `${condition}\u0000${resourceType ?? ''}\u0000${resourceType === undefined ? 0 : 1}`;
    let id = instanceIds.get(key);
    if (id === undefined) {
      const c = conditions[condition]!;
      const instance: ConditionInstance = { condition, resourceType };
      if (!c.ast) instance.problem = `The condition does not parse: ${c.parseError ?? ''}`;
      else {
        let env = envs.get(resourceType);
        if (!env) envs.set(resourceType, (env = envFor(model, resourceType)));
        const problems = typeCheck(c.ast, env);
        if (problems.length > 0) instance.problem = problems[0]!.message;
        else {
          try {
            instance.compiled = compileCondition(c.ast, env);
          } catch (e) {
            // An AST the type checker accepts but the code generator does not know: fail closed.
            instance.problem = `The condition cannot be compiled: ${(e as Error).message}`;
          }
        }
      }
      id = instances.push(instance) - 1;
      instanceIds.set(key, id);
    }
    return id;
  };

  const scopeConditions = (
    scopeName: string,
    resourceType: string | undefined,
  ): Pick<PlannedAlternative, 'scope' | 'covered' | 'always'> => {
    const scope = scopeIndex.get(scopeName);
    if (scope === undefined) return { scope: -1, covered: [] };
    const def = model.scopes[scope]!;
    const names = [def.name, ...def.covers.filter((c) => c !== def.name)];
    const covered: PlannedAlternative['covered'] = [];
    for (const name of names) {
      const i = scopeIndex.get(name);
      if (i === undefined) continue;
      const when = model.scopes[i]!.when;
      if (when === undefined) return { scope, covered: [], always: i };
      covered.push({ scope: i, instance: instanceOf(when, resourceType) });
    }
    return { scope, covered };
  };

  // Declared types first; a type a permission names without declaring it (never after a clean
  // compile) is still checked by name, with no attributes.
  const resourceTypes = model.resources.map((r) => r.name);
  for (const p of model.permissions)
    if (p.resourceType !== undefined && !resourceTypes.includes(p.resourceType)) resourceTypes.push(p.resourceType);

  const shape = (resourceType: string | undefined, scopes: readonly { scope: string; when?: string }[]): GrantShape => {
    const alternatives = scopes.map((gs): PlannedAlternative => {
      const alt: PlannedAlternative = { ...scopeConditions(gs.scope, resourceType), scopeName: gs.scope };
      if (gs.when !== undefined) alt.when = instanceOf(gs.when, resourceType);
      return alt;
    });
    return { resourceType, alternatives };
  };
  const grants: EvaluatorPlan['grants'] = [];
  model.sets.forEach((set, s) => {
    if (setIndex.get(set.id) !== s) return; // a duplicate id (never after a clean compile): the first wins
    for (const grant of set.grants) {
      const p = permissionIndex.get(grant.permission);
      if (p === undefined) continue;
      grants.push({ set: s, permission: p, shape: shape(model.permissions[p]!.resourceType, grant.scopes), grant });
    }
  });

  return {
    model,
    sets: model.sets,
    permissions: model.permissions,
    setIndex,
    permissionIndex,
    scopeIndex,
    resourceTypes,
    conditions,
    instances,
    grants,
    shape,
  };
}
