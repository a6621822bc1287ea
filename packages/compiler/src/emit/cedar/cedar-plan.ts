import { attributesOf, type AttrType, type Expr } from '../../conditions/index.js';
import type { DiagnosticCode } from '../../diagnostics/index.js';
import { envFor, planEvaluator, type EvaluatorPlan } from '../evaluator/evaluator-plan.js';
import type { ModelGrant, ModelLocation, ModelPermission, ModelSet, PolicyModel } from '../../policy-model/index.js';
import { FormulaBuilder, type Formula } from './cedar-formula.js';
import { allocateTypeNames } from './cedar-text.js';
import { translateCondition, type Root } from './translate-condition.js';

/** The Cedar namespace every exported name lives in. */
export const CEDAR_NAMESPACE = 'Permset';

/**
 * The longest translation of one condition the export accepts, in characters. Translating
 * permset's error semantics into error-free Cedar can double a condition per level of nesting
 * that alternates `and` and `or` under a left operand; real conditions stay far below this, a
 * pathological one is reported instead of exported (see {@link CedarExportProblem}).
 */
export const MAX_CEDAR_CONDITION_LENGTH = 100_000;

/** An attribute of an entity type (or of the context) in the Cedar schema. */
export interface CedarAttribute {
  name: string;
  type: AttrType;
}

/** The attributes of one entity type or of the context, and whether it carries the markers. */
export interface CedarShape {
  attributes: CedarAttribute[];
  /** Whether the `$invalid` / `$error` marker attributes are declared (see translate-condition.ts). */
  markers: boolean;
}

/** A resource type of the model and its Cedar entity type. */
export interface CedarResourceType {
  /** permset's name (`budget`). */
  name: string;
  /** The entity type's name in the namespace (`budget`; `in_` for a type named `in`). */
  cedarName: string;
  label?: string;
  shape: CedarShape;
}

/** One translated condition of a permit, with the text it comes from. */
export interface PermitCondition {
  /** The scope the condition belongs to (for a grant's `when`: the granted scope). */
  scope: string;
  text: string;
  formula: Formula;
}

/** One permission of a permit: the grant that puts it there. */
export interface PermitAction {
  permission: ModelPermission;
  grant: ModelGrant;
}

/**
 * One `permit`: what a set grants in one scope, on one resource type, under one grant
 * condition: the permissions (Cedar actions) and the conditions they share. This is Cedar's own
 * role-based style (`principal in Role::"x", action in [...]`), and it keeps the policy count
 * low, which is what cedar-wasm's decision time grows with (about 1 µs per policy).
 */
export interface CedarPermit {
  set: ModelSet;
  /** The granted scope. */
  scope: string;
  /** permset's resource type of the permissions; undefined: none (any resource). */
  resourceType?: string;
  /** Its Cedar entity type. */
  cedarResourceType?: string;
  /** The permissions, in catalog order (at least one). */
  actions: PermitAction[];
  /** The conditions of the scope and every scope it covers (one must hold); undefined: always. */
  scopeConditions?: PermitCondition[];
  /** The grant's own `when`. */
  when?: PermitCondition;
  /** Why covered scopes were left out (they can never hold for this resource type). */
  notes: string[];
}

/** A granted scope that has no permit, because it can never apply. */
export interface SkippedGrant {
  set: string;
  permission: string;
  scope: string;
  reason: string;
}

/** Where a condition that cannot be exported is written. */
export type CedarProblemSite =
  | { kind: 'scope'; scope: string }
  | { kind: 'grant'; set: string; permission: string; scope: string; at: ModelLocation };

/**
 * Something the export cannot express exactly. Its grants are left out of the files (so the
 * export denies where permset might allow) and `permset build --target cedar` fails with it.
 */
export interface CedarExportProblem {
  /** The diagnostic code (diagnostics/codes.ts). */
  code: Extract<DiagnosticCode, 'cedar-unexportable'>;
  message: string;
  /** The condition, as written. */
  condition: string;
  site: CedarProblemSite;
}

/** Everything the Cedar files are rendered from. */
export interface CedarPlan {
  model: PolicyModel;
  evaluator: EvaluatorPlan;
  formulas: FormulaBuilder;
  user: CedarShape;
  context: CedarShape;
  resourceTypes: CedarResourceType[];
  /** Permissions in catalog order (duplicate ids: the first), with their Cedar resource type. */
  actions: { permission: ModelPermission; resourceType?: string }[];
  permits: CedarPermit[];
  skipped: SkippedGrant[];
  problems: CedarExportProblem[];
}

/**
 * Plans the Cedar export of a model, on the evaluator's own plan (so both back ends see the
 * same grants, alternatives and well-typed condition instances). Pure and deterministic.
 */
export function planCedar(model: PolicyModel): CedarPlan {
  const ev = planEvaluator(model);
  const fb = new FormulaBuilder();
  const typeNames = allocateTypeNames(ev.resourceTypes);

  // Which roots `has()` is used on decides where the marker attributes are declared.
  const hasRoots = new Set<string>();
  for (const instance of ev.instances) {
    const ast = ev.conditions[instance.condition]!.ast;
    if (!instance.problem && ast)
      for (const root of hasUses(ast))
        hasRoots.add(root === 'resource' ? `resource:${instance.resourceType ?? ''}` : root);
  }
  const shape = (attrs: ReadonlyMap<string, AttrType> | undefined, markers: boolean): CedarShape => ({
    attributes: [...(attrs ?? new Map<string, AttrType>())].map(([name, type]) => ({ name, type })),
    markers,
  });
  const noResource = envFor(model, undefined);
  const user = shape(attributesOf(noResource, 'subject'), hasRoots.has('subject'));
  const context = shape(attributesOf(noResource, 'context'), hasRoots.has('context'));
  const resourceTypes = ev.resourceTypes.map((name): CedarResourceType => {
    const out: CedarResourceType = {
      name,
      cedarName: typeNames.get(name)!,
      shape: shape(attributesOf(envFor(model, name), 'resource'), hasRoots.has(`resource:${name}`)),
    };
    const label = model.resources.find((r) => r.name === name)?.label;
    if (label !== undefined) out.label = label;
    return out;
  });

  const problems: CedarExportProblem[] = [];
  const translations = new Map<number, Formula | undefined>();
  /** The instance's `t` formula, or undefined when it cannot be exported (a problem is recorded). */
  const formulaOf = (instance: number, site: CedarProblemSite): Formula | undefined => {
    if (translations.has(instance)) return translations.get(instance);
    const inst = ev.instances[instance]!;
    const text = ev.conditions[inst.condition]!.text;
    let formula: Formula | undefined;
    let failure: string | undefined;
    try {
      const markers: Record<Root, boolean> = {
        subject: user.markers,
        context: context.markers,
        resource: hasRoots.has(`resource:${inst.resourceType ?? ''}`),
      };
      formula = translateCondition(
        ev.conditions[inst.condition]!.ast!,
        { attributes: envFor(model, inst.resourceType), markers },
        fb,
      ).t;
      const length = fb.printedLength(formula);
      if (length > MAX_CEDAR_CONDITION_LENGTH)
        failure = `its exact Cedar translation would be ${length > 1e9 ? 'over a billion' : length.toLocaleString('en-US')} characters long (the limit is ${MAX_CEDAR_CONDITION_LENGTH.toLocaleString('en-US')}); nesting that alternates 'and' and 'or' doubles it at each level`;
    } catch (e) {
      failure = `it could not be translated (${(e as Error).message})`;
    }
    if (failure !== undefined) {
      formula = undefined;
      const where = inst.resourceType === undefined ? '' : ` for resource type '${inst.resourceType}'`;
      problems.push({
        code: 'cedar-unexportable',
        message: `The condition cannot be exported to Cedar${where}: ${failure}. Its grants are left out of the export.`,
        condition: text,
        site,
      });
    }
    translations.set(instance, formula);
    return formula;
  };

  const permits: CedarPermit[] = [];
  const byKey = new Map<string, CedarPermit>();
  const skipped: SkippedGrant[] = [];
  for (const g of ev.grants) {
    const set = ev.sets[g.set]!;
    const permission = ev.permissions[g.permission]!;
    const resourceType = g.shape.resourceType;
    g.shape.alternatives.forEach((alt) => {
      const skip = (reason: string) =>
        skipped.push({ set: set.id, permission: permission.id, scope: alt.scopeName, reason });
      if (alt.scope < 0) return skip(`scope '${alt.scopeName}' is not declared`);
      const notes: string[] = [];
      let scopeConditions: PermitCondition[] | undefined;
      if (alt.always === undefined) {
        scopeConditions = [];
        for (const c of alt.covered) {
          const scopeName = model.scopes[c.scope]!.name;
          const inst = ev.instances[c.instance]!;
          const text = ev.conditions[inst.condition]!.text;
          if (inst.problem) {
            notes.push(`${scopeName} (${text}) never holds here: ${inst.problem}`);
            continue;
          }
          const formula = formulaOf(c.instance, { kind: 'scope', scope: scopeName });
          if (formula === undefined) notes.push(`${scopeName} (${text}) is not exported (see the build's errors)`);
          else if (formula !== fb.FALSE) scopeConditions.push({ scope: scopeName, text, formula });
        }
        if (scopeConditions.length === 0)
          return skip(
            `no condition of scope '${alt.scopeName}' can hold for this permission${notes.length ? `: ${notes.join('; ')}` : ''}`,
          );
      }
      let when: PermitCondition | undefined;
      if (alt.when !== undefined) {
        const inst = ev.instances[alt.when]!;
        const text = ev.conditions[inst.condition]!.text;
        if (inst.problem) return skip(`the grant's condition (${text}) never holds: ${inst.problem}`);
        const formula = formulaOf(alt.when, {
          kind: 'grant',
          set: set.id,
          permission: permission.id,
          scope: alt.scopeName,
          at: g.grant.source.at,
        });
        if (formula === undefined)
          return skip(`the grant's condition (${text}) is not exported (see the build's errors)`);
        if (formula === fb.FALSE) return skip(`the grant's condition (${text}) is never true`);
        when = { scope: alt.scopeName, text, formula };
      }
      // The scope's conditions depend only on (scope, resource type), so this key fixes them.
      const key = `${g.set}\u0000${alt.scopeName}\u0000${resourceType ?? ''}\u0000${resourceType === undefined ? 0 : 1}\u0000${when?.text ?? ''}\u0000${when ? 1 : 0}`;
      const existing = byKey.get(key);
      if (existing) {
        // A grant may name one scope twice (`[member, { scope: member, when: … }]`); once is enough.
        if (!existing.actions.some((a) => a.permission === permission))
          existing.actions.push({ permission, grant: g.grant });
        return;
      }
      const permit: CedarPermit = { set, scope: alt.scopeName, actions: [{ permission, grant: g.grant }], notes };
      if (resourceType !== undefined) {
        permit.resourceType = resourceType;
        permit.cedarResourceType = typeNames.get(resourceType)!;
      }
      if (scopeConditions !== undefined) permit.scopeConditions = scopeConditions;
      if (when !== undefined) permit.when = when;
      byKey.set(key, permit);
      permits.push(permit);
    });
  }

  const actions = ev.permissions
    .filter((p, i) => ev.permissionIndex.get(p.id) === i)
    .map((permission) =>
      permission.resourceType === undefined
        ? { permission }
        : { permission, resourceType: typeNames.get(permission.resourceType)! },
    );
  return { model, evaluator: ev, formulas: fb, user, context, resourceTypes, actions, permits, skipped, problems };
}

/** The roots a condition tests with `has()`. */
function hasUses(e: Expr): Set<string> {
  const out = new Set<string>();
  const walk = (x: Expr): void => {
    switch (x.kind) {
      case 'has':
        out.add(x.path.root);
        return;
      case 'not':
        return walk(x.operand);
      case 'and':
      case 'or':
        walk(x.left);
        return walk(x.right);
      case 'compare':
        walk(x.left);
        return walk(x.right);
      case 'in':
        walk(x.element);
        return walk(x.list);
      default:
        return;
    }
  };
  walk(e);
  return out;
}
