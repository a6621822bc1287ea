import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileFiles, evaluatorOf } from '../emit/evaluator/evaluator-harness.js';
import { randomProject, type RandomProject } from '../emit/evaluator/random-project.js';
import { materialize, randomRequest, type RequestSpec, type ValueSpec } from '../emit/evaluator/random-request.js';
import type { CompileResult } from '../../../packages/compiler/src/program/index.js';
import { customSetsOf } from './custom-sets-harness.js';

/** A definition in terms of indices, materialized against the compiled catalog. */
interface DefinitionSpec {
  base: number;
  grants: { permission: number; value: 'none' | number[]; foreignScope: boolean; unknown: boolean }[];
  include: number[];
  restrict: number | undefined;
}

const definitionSpec: fc.Arbitrary<DefinitionSpec> = fc.record({
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

function materializeDefinition(spec: DefinitionSpec, result: CompileResult, project: RandomProject): Record<string, unknown> {
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
      const chosen = [...new Set(g.value.map((i) => (g.foreignScope ? scopes : allowed)[i % (g.foreignScope ? scopes : allowed).length]!))];
      grants[id] = chosen.length === 1 ? chosen[0] : chosen;
    }
  }
  const def: Record<string, unknown> = { id: 'tenant-set', name: 'Tenant set', extends: project.sets[spec.base % project.sets.length], grants };
  if (spec.include.length && fragments.length) def['include'] = [fragments[spec.include[0]! % fragments.length]];
  if (spec.restrict !== undefined && scopes.length) def['restrict'] = scopes[spec.restrict % scopes.length];
  return def;
}

/** The definition as the YAML file a developer would write (JSON is YAML). */
function asYaml(def: Record<string, unknown>): string {
  return `kind: PermissionSet\n${Object.entries(def)
    .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
    .join('\n')}\n`;
}

// A set defined at run time decides exactly like the same set written as YAML and built with the
// evaluator, for every permission and many (partly hostile) requests, and gets the same codes.
describe('withCustomSets = the same set compiled from YAML', () => {
  it('agrees on decisions and diagnostic codes for random projects and definitions', async () => {
    let decided = 0;
    let allowed = 0;
    let withErrors = 0;
    const arb = randomProject().chain((project) => fc.tuple(fc.constant(project), definitionSpec, fc.array(randomRequest(project), { minLength: 15, maxLength: 15 })));
    await fc.assert(
      fc.asyncProperty(arb, async ([project, spec, requests]: [RandomProject, DefinitionSpec, RequestSpec[]]) => {
        const base = compileFiles(project.files);
        fc.pre(!base.hasErrors && project.sets.length > 0);
        const def = materializeDefinition(spec, base, project);
        const { cs } = await customSetsOf(base);
        const tenant = cs.withCustomSets([def]);
        const compiled = compileFiles([...project.files, { uri: 'policies/sets/tenant-set.yaml', text: asYaml(def) }]);
        const where = () => JSON.stringify({ def, files: project.files });
        const ownCodes = compiled.diagnostics.filter((d) => d.uri === 'policies/sets/tenant-set.yaml').map((d) => d.code).sort();
        expect(tenant.diagnostics.map((d) => d.code).sort(), where()).toEqual(ownCodes);
        // Any error elsewhere would come from the definition (a guard, a cycle): none expected.
        expect(compiled.diagnostics.filter((d) => d.uri !== 'policies/sets/tenant-set.yaml' && d.severity === 1), where()).toEqual([]);
        if (compiled.hasErrors) {
          withErrors++;
          for (const spec of requests) {
            const subject = materialize(withSet(spec, 'tenant-set').subject);
            expect(tenant.can(subject, spec.permission, materialize(spec.resource), materialize(spec.context)), where()).toBe(false);
          }
          return;
        }
        const { ev } = await evaluatorOf(compiled);
        for (const spec of requests) {
          for (const set of ['tenant-set', ...project.sets]) {
            const s = withSet(spec, set);
            const [subject, resource, context] = [materialize(s.subject), materialize(s.resource), materialize(s.context)];
            for (const permission of [spec.permission, ...project.permissions.map((p) => p.id)]) {
              const want = ev.can(subject, permission, resource, context);
              expect(tenant.can(subject, permission, resource, context), where()).toBe(want);
              decided++;
              if (want) allowed++;
            }
          }
        }
        expect([...tenant.permissionsOf('tenant-set')]).toEqual([...ev.permissionsOf('tenant-set')]);
      }),
      { numRuns: 12, maxSkipsPerRun: 5 },
    );
    expect(decided).toBeGreaterThan(1000);
    expect(allowed).toBeGreaterThan(0);
    expect(withErrors).toBeGreaterThan(0);
  }, 600_000);
});

/** The request with its subject's `set` replaced (a plain subject keeps its other attributes). */
function withSet(spec: RequestSpec, set: string): RequestSpec {
  const attrs = spec.subject.attrs.filter(([n]) => n !== 'set');
  return { ...spec, subject: { ...spec.subject, attrs: [...attrs, ['set', { k: 'value', v: set } as ValueSpec]] } };
}
