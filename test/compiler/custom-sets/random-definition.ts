import fc from 'fast-check';
import type { CompileResult } from '../../../packages/compiler/src/program/index.js';
import type { RandomProject } from '../emit/evaluator/random-project.js';
import type { RequestSpec, ValueSpec } from '../emit/evaluator/random-request.js';

// Random custom set definitions for the differential tests of run-time sets (the evaluator's in
// custom-sets-differential.test.ts, Cedar's in test/emit/cedar/cedar-differential.test.ts).

/** A definition in terms of indices, materialized against the compiled catalog. */
export interface DefinitionSpec {
  base: number;
  grants: { permission: number; value: 'none' | number[]; foreignScope: boolean; unknown: boolean }[];
  include: number[];
  restrict: number | undefined;
}

export const definitionSpec: fc.Arbitrary<DefinitionSpec> = fc.record({
  base: fc.nat(),
  grants: fc.array(
    fc.record({
      permission: fc.nat(),
      value: fc.oneof(fc.constant<'none'>('none'), fc.array(fc.nat(), { minLength: 1, maxLength: 2 })),
      // Rarely: a scope the permission does not allow, or an id the catalog does not have.
      foreignScope: fc.integer({ min: 0, max: 6 }).map((n) => n === 0),
      unknown: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
    }),
    { maxLength: 6 },
  ),
  include: fc.array(fc.nat(), { maxLength: 1 }),
  restrict: fc.option(fc.nat(), { nil: undefined }),
});

export function materializeDefinition(
  spec: DefinitionSpec,
  result: CompileResult,
  project: RandomProject,
): Record<string, unknown> {
  const { catalog, project: index } = result.resolved;
  const permissions = [...(catalog.def?.permissions.values() ?? [])];
  const scopes = [...(catalog.def?.scopes.keys() ?? [])];
  const fragments = [...index.fragments.keys()];
  const grants: Record<string, unknown> = {};
  for (const g of spec.grants) {
    const p = permissions[g.permission % permissions.length]!;
    const id = g.unknown ? `${p.id}x` : p.id;
    if (g.value === 'none') grants[id] = 'none';
    else {
      const allowed = p.scopes.map((s) => s.value);
      const chosen = [
        ...new Set(
          g.value.map((i) => (g.foreignScope ? scopes : allowed)[i % (g.foreignScope ? scopes : allowed).length]!),
        ),
      ];
      grants[id] = chosen.length === 1 ? chosen[0] : chosen;
    }
  }
  const def: Record<string, unknown> = {
    id: 'tenant-set',
    name: 'Tenant set',
    extends: project.sets[spec.base % project.sets.length],
    grants,
  };
  if (spec.include.length && fragments.length) def['include'] = [fragments[spec.include[0]! % fragments.length]];
  if (spec.restrict !== undefined && scopes.length) def['restrict'] = scopes[spec.restrict % scopes.length];
  return def;
}

/** The request with its subject's `set` replaced (a plain subject keeps its other attributes). */
export function withSet(spec: RequestSpec, set: string): RequestSpec {
  const attrs = spec.subject.attrs.filter(([n]) => n !== 'set');
  return { ...spec, subject: { ...spec.subject, attrs: [...attrs, ['set', { k: 'value', v: set } as ValueSpec]] } };
}
