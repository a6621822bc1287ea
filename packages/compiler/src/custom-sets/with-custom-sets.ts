import { SourceFile, type SourceRef } from '../diagnostics/index.js';
import type { SourceInput } from '../load/index.js';
import { previewSet, type SetPreview } from '../emit/preview/index.js';
import { buildPolicyModel, type PolicyModel } from '../policy-model/index.js';
import { planCedar } from '../emit/cedar/cedar-plan.js';
import { explainData } from '../emit/evaluator/explain-data.js';
import { planEvaluator } from '../emit/evaluator/evaluator-plan.js';
import type { ModelLocation } from '../policy-model/index.js';
import { renderPermits } from '../emit/cedar/render-policies.js';
import type { CompileResult } from '../program/index.js';
import type { EffectiveGrant } from '../resolve/index.js';
import { checkCustomSets, URI_PREFIX, type CustomSetsCheck } from './check-custom-sets.js';
import type { CustomSetDiagnostic } from './custom-set-diagnostic.js';
import { kernelKey } from '../emit/custom-sets/kernel-key.js';
import { policyContext, type PolicyContext } from './policy-context.js';

/** A grant function of the generated evaluator: `(subject, resource, context) => boolean`. */
export type GrantFn = (s: unknown, r: unknown, c: unknown) => boolean;

/** The part of the generated evaluator custom sets use (system sets are decided by it, unchanged). */
export interface EvaluatorPart {
  can(subject: unknown, permission: unknown, resource?: unknown, context?: unknown): boolean;
  explain(subject: unknown, permission: unknown, resource?: unknown, context?: unknown): unknown;
  /** explain() over other explain data of the same catalog (runtime/evaluator/explain.ts). */
  explainerOf(data: unknown): Explainer;
  permissionsOf(set: unknown): readonly string[];
  setsWith(permission: unknown): readonly string[];
  readonly PERMISSION_IDS: readonly string[];
  readonly SET_IDS: readonly string[];
}

/** An explain function: the evaluator's `explain` signature. */
export type Explainer = (subject: unknown, permission: unknown, resource?: unknown, context?: unknown) => unknown;

/** What custom-sets.js passes in: the evaluator, its run-time helpers, the kernels and the policies. */
export interface CustomSetsEmbedding {
  evaluator: EvaluatorPart;
  /** The evaluator runtime's record test (an own-property object that is not an array). */
  rec(x: unknown): boolean;
  DENY: GrantFn;
  /**
   * One precompiled function per (resource type, scope, grant condition) a set can hold: the same
   * code the evaluator's grant functions are made of (see kernel-key.ts).
   */
  kernels: ReadonlyMap<string, GrantFn>;
  /** The built policies' sources (catalog, sets, fragments, guards): data, never run. */
  sources: readonly SourceInput[];
}

/** The options of withCustomSets. */
export interface WithCustomSetsOptions {
  /** The id of the set of the admin who saves the definitions: nothing may exceed it. */
  grantor?: string;
}

/** An immutable set of run-time custom sets next to the built system sets. */
export interface Tenant {
  readonly ok: boolean;
  readonly diagnostics: readonly CustomSetDiagnostic[];
  /** The ids of the call's sets that decide (no errors), in call order: for the Cedar helper's `forSets`. */
  readonly setIds: readonly string[];
  can(subject: unknown, permission: unknown, resource?: unknown, context?: unknown): boolean;
  explain(subject: unknown, permission: unknown, resource?: unknown, context?: unknown): unknown;
  preview(set: unknown): SetPreview | null;
  /** The Cedar policies of a run-time set of the call (policy id → text); null for any other set. */
  toCedar(set: unknown): Readonly<Record<string, string>> | null;
  permissionsOf(set: unknown): readonly string[];
  setsWith(permission: unknown): readonly string[];
}

const EMPTY: readonly string[] = Object.freeze([]);

/**
 * The run-time API custom-sets.js exports: `withCustomSets(definitions, { grantor })` checks the
 * definitions with the compiler's own rules ({@link checkCustomSets}) and returns a frozen
 * {@link Tenant}. The built policies are read on the first call and shared, read-only, by all.
 */
export function createWithCustomSets(
  embedding: CustomSetsEmbedding,
): (definitions: unknown, options?: WithCustomSetsOptions) => Tenant {
  let context: PolicyContext | undefined;
  const { evaluator, rec, DENY, kernels } = embedding;
  const permissionIds = evaluator.PERMISSION_IDS;
  const NP = permissionIds.length;
  const permissionIndex = new Map<string, number>();
  permissionIds.forEach((id, i) => permissionIndex.has(id) || permissionIndex.set(id, i));
  const systemIds = new Set(evaluator.SET_IDS);
  const OWN = Object.prototype.hasOwnProperty;

  return function withCustomSets(definitions: unknown, options?: WithCustomSetsOptions): Tenant {
    context ??= policyContext(embedding.sources);
    let grantor: unknown;
    try {
      grantor =
        options !== null && typeof options === 'object'
          ? Reflect.getOwnPropertyDescriptor(options, 'grantor')?.value
          : undefined;
    } catch {
      grantor = Symbol('unreadable');
    }
    const checked = checkCustomSets(context, definitions, grantor === undefined ? {} : { grantor });
    const ctx = context;
    const rows = new Map<string, GrantFn[]>();
    const granted = new Map<string, readonly string[]>();
    for (const set of checked.decidable) {
      const row = new Array<GrantFn>(NP).fill(DENY);
      const list: string[] = [];
      for (let p = 0; p < NP; p++) {
        const grant = set.effective.get(permissionIds[p]!);
        if (!grant) continue;
        row[p] = compose(grant, ctx.catalog.resourceTypeOf(grant.permission), kernels, DENY);
        list.push(permissionIds[p]!);
      }
      rows.set(set.id, row);
      granted.set(set.id, Object.freeze(list));
    }
    const setsWithCache = new Map<number, readonly string[]>();
    let previews: Map<string, SetPreview> | undefined;
    let model: PolicyModel | undefined;
    let explainRunTime: Explainer | undefined;
    const cedar = new Map<string, Readonly<Record<string, string>>>();
    const diagnostics = deepFreeze(checked.diagnostics);

    const tenant: Tenant = {
      ok: !diagnostics.some((d) => d.severity === 'error'),
      diagnostics,
      setIds: Object.freeze([...rows.keys()]),
      can(subject, permission, resource, context) {
        try {
          if (!rec(subject) || !OWN.call(subject, 'set')) return false;
          const row = rows.get((subject as { set: string }).set);
          // A set that is not this tenant's (a system set, or unknown) is the evaluator's to decide.
          if (row === undefined) return evaluator.can(subject, permission, resource, context);
          const p = permissionIndex.get(permission as string);
          if (p === undefined) return false;
          if (context !== undefined && !rec(context)) context = undefined;
          return row[p]!(subject, resource, context);
        } catch {
          return false;
        }
      },
      explain(subject, permission, resource, context) {
        let set: unknown;
        try {
          set = rec(subject) && OWN.call(subject, 'set') ? (subject as { set: unknown }).set : undefined;
        } catch {
          // A subject whose set cannot be read: the evaluator's explain() says so.
          return evaluator.explain(subject, permission, resource, context);
        }
        try {
          if (typeof set !== 'string' || !rows.has(set)) {
            const built = evaluator.explain(subject, permission, resource, context) as { reason: string };
            // A set of the call with errors is unknown to the evaluator: say why it decides nothing.
            if (
              typeof set !== 'string' ||
              built.reason !== 'unknown-set' ||
              !checked.project.sets.get(set)?.origin.uri.startsWith(URI_PREFIX)
            )
              return built;
            return deepFreeze({
              ...built,
              message: `Denied: custom set '${set.slice(0, 200)}' has errors (see tenant.diagnostics), so it decides nothing.`,
              suggestions: [],
            });
          }
          explainRunTime ??= evaluator.explainerOf(explainDataOf(ctx, checked));
          return deepFreeze(explainRunTime(subject, permission, resource, context));
        } catch {
          // Never reached by a request (explain() catches what reading it throws); only if the
          // tenant's explain data could not be built.
          return deepFreeze({
            decision: false,
            reason: 'invalid-input',
            set: null,
            permission: null,
            resourceType: null,
            message: 'Denied: the request could not be explained.',
            scopes: [],
            evaluations: [],
            suggestions: [],
          });
        }
      },
      preview(set) {
        if (typeof set !== 'string' || (!rows.has(set) && !systemIds.has(set))) return null;
        previews ??= previewsOf(ctx, checked);
        return previews.get(set) ?? null;
      },
      toCedar(set) {
        if (typeof set !== 'string' || !rows.has(set)) return null;
        let policies = cedar.get(set);
        if (!policies) cedar.set(set, (policies = cedarPoliciesOf((model ??= modelOf(ctx, checked)), set)));
        return policies;
      },
      permissionsOf(set) {
        if (typeof set !== 'string') return EMPTY;
        return granted.get(set) ?? evaluator.permissionsOf(set);
      },
      setsWith(permission) {
        const p = typeof permission === 'string' ? permissionIndex.get(permission) : undefined;
        if (p === undefined) return EMPTY;
        let list = setsWithCache.get(p);
        if (!list) {
          const own = [...granted].filter(([, l]) => l.includes(permission as string)).map(([id]) => id);
          list = Object.freeze([...evaluator.setsWith(permission), ...own]);
          setsWithCache.set(p, list);
        }
        return list;
      },
    };
    return Object.freeze(tenant);
  };
}

/**
 * A custom set's grant of one permission from the precompiled kernels: one scope is its kernel;
 * several are the disjunction. A kernel that is missing (never, for policies built by the same
 * permset) denies.
 */
function compose(
  grant: EffectiveGrant,
  resourceType: string | undefined,
  kernels: ReadonlyMap<string, GrantFn>,
  DENY: GrantFn,
): GrantFn {
  const fns = grant.scopes
    .map((s) => kernels.get(kernelKey(resourceType, s.scope, s.when?.text.trim())) ?? DENY)
    .filter((f) => f !== DENY);
  if (fns.length === 0) return DENY;
  if (fns.length === 1) return fns[0]!;
  if (fns.length === 2) {
    const [a, b] = fns as [GrantFn, GrantFn];
    return (s, r, c) => a(s, r, c) || b(s, r, c);
  }
  return (s, r, c) => {
    for (let i = 0; i < fns.length; i++) if (fns[i]!(s, r, c)) return true;
    return false;
  };
}

/**
 * The previews of the built sets and of a call's decidable sets (`permset preview` data): a
 * run-time set's locations name `fileName` of its uri (`custom-sets:/0` by default, the JSON file
 * in the CLI), at line 1.
 */
export function previewsOf(
  context: PolicyContext,
  checked: CustomSetsCheck,
  fileName?: (uri: string) => string,
): Map<string, SetPreview> {
  const model = modelOf(context, checked, fileName);
  const decidable = new Set(checked.decidable.map((s) => s.id));
  const out = new Map<string, SetPreview>();
  for (const set of model.sets)
    if (decidable.has(set.id) || !checked.project.sets.get(set.id)?.origin.uri.startsWith('custom-sets:'))
      out.set(set.id, deepFreeze(previewSet(model, set)));
  return out;
}

/** The policy model of the built sets with a call's sets (what previews and the Cedar export read). */
export function modelOf(
  context: PolicyContext,
  checked: CustomSetsCheck,
  fileName?: (uri: string) => string,
  locate?: (ref: SourceRef) => ModelLocation | undefined,
): PolicyModel {
  const files = new Map(context.files);
  for (const set of checked.decidable) files.set(set.def.origin.uri, new SourceFile(set.def.origin.uri, ''));
  const result: CompileResult = {
    diagnostics: [],
    hasErrors: false,
    resolved: { project: checked.project, catalog: checked.catalog, resolution: checked.resolution },
    files,
  };
  return buildPolicyModel(result, { ...(fileName ? { fileName } : {}), ...(locate ? { locate } : {}) });
}

/**
 * The explain data of the built sets with a call's decidable sets, for the evaluator's own
 * explain() ({@link EvaluatorPart.explainerOf}): written by the evaluator's generator from the
 * model the same set compiled from YAML would have, except that a definition's entries are
 * located by their JSON Pointer (line 0) instead of a file line. Built once per tenant, on its
 * first explanation of a run-time set.
 */
export function explainDataOf(context: PolicyContext, checked: CustomSetsCheck): unknown {
  const locate = (ref: SourceRef): ModelLocation | undefined => {
    const path = checked.pointerAt(ref);
    return path === undefined ? undefined : { file: path, line: 0, column: 0 };
  };
  const model = modelOf(context, checked, undefined, locate);
  const decidable = new Set(checked.decidable.map((s) => s.id));
  const sets = model.sets.filter(
    (set) => decidable.has(set.id) || !checked.project.sets.get(set.id)?.origin.uri.startsWith(URI_PREFIX),
  );
  return explainData(planEvaluator({ ...model, sets }));
}

/**
 * The Cedar policies of one run-time set (policy id → text, as policies.json of `permset build
 * --target cedar`), written by the Cedar emitter from the same model: for a product deciding in
 * Amazon Verified Permissions with one policy store per tenant. Null for a set that is not a
 * decidable run-time set of the call.
 */
export function cedarPoliciesOf(model: PolicyModel, set: string): Readonly<Record<string, string>> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const permit of renderPermits(planCedar(model))) if (permit.permit.set.id === set) out[permit.id] = permit.text;
  return Object.freeze(out);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
