import type { Expr } from '../../conditions/index.js';
import type { ModelLocation, ModelScope, ModelStep } from '../../policy-model/index.js';
import type { AlternativeData, AstData, ExplainData, RestrictData, SourceData, ViaData } from '../../runtime/index.js';
import type { EvaluatorPlan } from './evaluator-plan.js';
import { typedAttributes } from './evaluator-plan.js';

/** A condition AST in the compact array form the explain runtime interprets (runtime/evaluator/interpret.ts). */
export type { AstData };

/** The AST without spans, as arrays: a fraction of the size of the typed AST as JSON. */
export function astData(e: Expr): AstData {
  switch (e.kind) {
    case 'literal':
      return ['lit', e.value];
    case 'list':
      return ['list', e.items.map((i) => i.value)];
    case 'path':
      return ['path', e.root, e.segments.join('.')];
    case 'has':
      return ['has', e.path.root, e.path.segments.join('.')];
    case 'not':
      return ['not', astData(e.operand)];
    case 'and':
    case 'or':
      return [e.kind, astData(e.left), astData(e.right)];
    case 'compare':
      return ['cmp', e.op, astData(e.left), astData(e.right)];
    case 'in':
      return ['in', astData(e.element), astData(e.list)];
  }
}

/**
 * The data `explain()` needs, in the layout of runtime/evaluator/explain-layout.ts: the attributes,
 * every condition's text and AST, which (condition, resource type) pairs can never apply and
 * why, scope and permission labels, and each grant's scopes and provenance.
 *
 * Repeated parts are interned: a grant inherited by fifty sets shares one source, one list of
 * alternatives and one `via` tail pattern, so a grant costs a handful of numbers and the data
 * grows with the policy's distinct grants rather than sets × grants.
 */
export function explainData(plan: EvaluatorPlan): ExplainData {
  const { model } = plan;
  const files = interner<string>();
  const at = (loc: ModelLocation): [number, number, number] => [files.id(loc.file, loc.file), loc.line, loc.column];
  const typeIndex = new Map(plan.resourceTypes.map((t, i) => [t, i]));
  const typeOf = (t: string | undefined): number => (t === undefined ? -1 : (typeIndex.get(t) ?? -1));
  const scopeList = (scopes: ModelScope[]) => scopes.map((s): [string, string | null] => [s.scope, s.when ?? null]);
  const alts = interner<AlternativeData[]>();
  const sources = interner<SourceData>();
  const vias = interner<ViaData[]>();
  const restricts = interner<RestrictData>();
  const intern = <T>(table: Interner<T>, value: T) => table.id(JSON.stringify(value), value);
  const viaData = (v: ModelStep): ViaData => [v.kind, v.from, v.to, ...at(v.at)];

  const grants = plan.grants.map(({ set, permission, shape, grant: g }): ExplainData['grants'][number] => {
    const alternatives = shape.alternatives.map((a): AlternativeData => [
      a.scopeName,
      a.scope,
      a.covered.map((c): [number, number] => [c.scope, c.instance]),
      a.always ?? -1,
      a.when ?? -1,
    ]);
    const source: SourceData = [g.source.kind, g.source.id, g.source.key, ...at(g.source.at)];
    const via = g.via.map(viaData);
    const restricted = g.restricted
      ? intern(restricts, [g.restricted.set, g.restricted.scope, ...at(g.restricted.at), scopeList(g.restricted.from)])
      : -1;
    return [set, permission, intern(alts, alternatives), intern(sources, source), intern(vias, via), restricted];
  });
  // The `none` entries behind the removed permissions, for the deny's explanation.
  const setIndex = new Map(model.sets.map((s, i) => [s.id, i]));
  const permissionIndex = new Map(model.permissions.map((p, i) => [p.id, i]));
  const removals: ExplainData['removals'] = [];
  for (const set of model.sets) {
    const s = setIndex.get(set.id)!;
    for (const r of set.removed ?? []) {
      const p = permissionIndex.get(r.permission);
      if (p === undefined) continue;
      const source: SourceData = [r.source.kind, r.source.id, r.source.key, ...at(r.source.at)];
      removals.push([s, p, intern(sources, source), intern(vias, r.via.map(viaData))]);
    }
  }

  return {
    files: files.values,
    subject: [...typedAttributes(model.subjectAttributes)],
    context: [...typedAttributes(model.contextAttributes)],
    types: plan.resourceTypes.map((t) => [
      t,
      [...typedAttributes(model.resources.find((r) => r.name === t)?.attributes)],
    ]),
    conds: plan.conditions.map((c) => [c.text, c.ast ? astData(c.ast) : null]),
    inst: plan.instances.map((i) => [i.condition, typeOf(i.resourceType), i.problem ?? null]),
    scopes: model.scopes.map((s) => [s.name, s.label]),
    perms: model.permissions.map((p) => [p.id, p.label, typeOf(p.resourceType), Object.entries(p.scopeLabels ?? {})]),
    sets: model.sets.map((s) => [s.id, s.name]),
    alts: alts.values,
    sources: sources.values,
    vias: vias.values,
    restricts: restricts.values,
    grants,
    removals,
  };
}

/** A table of distinct values, each with the index of its first occurrence. */
interface Interner<T> {
  values: T[];
  id(key: string, value: T): number;
}

function interner<T>(): Interner<T> {
  const ids = new Map<string, number>();
  const values: T[] = [];
  return {
    values,
    id(key: string, value: T): number {
      let id = ids.get(key);
      if (id === undefined) {
        id = values.push(value) - 1;
        ids.set(key, id);
      }
      return id;
    },
  };
}
