import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileFiles, evaluatorOf } from '../emit/evaluator/evaluator-harness.js';
import { randomProject, type RandomProject } from '../emit/evaluator/random-project.js';
import { materialize, randomRequest, type RequestSpec } from '../emit/evaluator/random-request.js';
import { customSetsOf } from './custom-sets-harness.js';
import { definitionSpec, materializeDefinition, withSet, type DefinitionSpec } from './random-definition.js';
import type { AnyLocation, Explanation } from '../../../packages/compiler/src/runtime/index.js';

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
    let explained = 0;
    let pointed = 0;
    const arb = randomProject().chain((project) =>
      fc.tuple(
        fc.constant(project),
        definitionSpec,
        fc.array(randomRequest(project), { minLength: 15, maxLength: 15 }),
      ),
    );
    await fc.assert(
      fc.asyncProperty(arb, async ([project, spec, requests]: [RandomProject, DefinitionSpec, RequestSpec[]]) => {
        const base = compileFiles(project.files);
        fc.pre(!base.hasErrors && project.sets.length > 0);
        const def = materializeDefinition(spec, base, project);
        const { cs } = await customSetsOf(base);
        const tenant = cs.withCustomSets([def]);
        const compiled = compileFiles([...project.files, { uri: 'policies/sets/tenant-set.yaml', text: asYaml(def) }]);
        const where = () => JSON.stringify({ def, files: project.files });
        const ownCodes = compiled.diagnostics
          .filter((d) => d.uri === 'policies/sets/tenant-set.yaml')
          .map((d) => d.code)
          .sort();
        expect(tenant.diagnostics.map((d) => d.code).sort(), where()).toEqual(ownCodes);
        // Any error elsewhere would come from the definition (a guard, a cycle): none expected.
        expect(
          compiled.diagnostics.filter((d) => d.uri !== 'policies/sets/tenant-set.yaml' && d.severity === 1),
          where(),
        ).toEqual([]);
        if (compiled.hasErrors) {
          withErrors++;
          for (const spec of requests) {
            const subject = materialize(withSet(spec, 'tenant-set').subject);
            expect(
              tenant.can(subject, spec.permission, materialize(spec.resource), materialize(spec.context)),
              where(),
            ).toBe(false);
          }
          return;
        }
        const { ev } = await evaluatorOf(compiled);
        for (const spec of requests) {
          for (const set of ['tenant-set', ...project.sets]) {
            const s = withSet(spec, set);
            const [subject, resource, context] = [
              materialize(s.subject),
              materialize(s.resource),
              materialize(s.context),
            ];
            for (const permission of [spec.permission, ...project.permissions.map((p) => p.id)]) {
              const want = ev.can(subject, permission, resource, context);
              expect(tenant.can(subject, permission, resource, context), where()).toBe(want);
              decided++;
              if (want) allowed++;
              if (set !== 'tenant-set') continue;
              // The full explanation, from the evaluator's own explain(): equal but for where the
              // definition's entries are (a JSON Pointer at run time, the YAML file's line compiled).
              const got = tenant.explain(subject, permission, resource, context) as Explanation<AnyLocation>;
              expect(got.decision, where()).toBe(want);
              expect(withoutDefinitionPlaces(got), where()).toEqual(
                withoutDefinitionPlaces(ev.explain(subject, permission, resource, context)),
              );
              explained++;
              if (JSON.stringify(got).includes('"path":"/0')) pointed++;
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
    expect(explained).toBeGreaterThan(100);
    expect(pointed).toBeGreaterThan(0);
  }, 600_000);
});

describe('withCustomSets: a fragment no built set includes', () => {
  // The resolver computes a fragment's layer only when a set includes it; custom-sets.js must
  // still hold the kernels of its conditioned grants, or a run-time set that is the first to
  // include it would deny where the same set compiled from YAML allows (found by the property above).
  it('decides its conditioned grants like the compiled set, and explains them', async () => {
    const files = [
      {
        uri: 'policies/catalog.yaml',
        text: 'kind: Catalog\nsubject:\n  attributes: { id: string }\nresources:\n  doc:\n    attributes: { owner: string, level: number }\nscopes:\n  all: { label: All }\nseats:\n  employee: { label: Employee, paid: true }\nareas:\n  docs:\n    label: Docs\n    resource: doc\n    permissions:\n      docs.view: { label: View, scopes: [all] }\n',
      },
      {
        uri: 'policies/fragments/deep.yaml',
        text: 'kind: Fragment\nid: deep\ngrants:\n  docs.view: { scope: all, when: resource.level >= 2 }\n',
      },
      {
        uri: 'policies/sets/base.yaml',
        text: 'kind: PermissionSet\nid: base\nname: Base\nseat: employee\ngrants: {}\n',
      },
    ];
    const definition = { id: 'tenant-set', name: 'Tenant set', extends: 'base', include: ['deep'] };
    const { cs } = await customSetsOf(compileFiles(files));
    const tenant = cs.withCustomSets([definition]);
    expect(tenant.diagnostics).toEqual([]);
    const compiled = compileFiles([...files, { uri: DEFINITION_FILE, text: asYaml(definition) }]);
    const { ev } = await evaluatorOf(compiled);
    const subject = { id: 'u', set: 'tenant-set' };
    for (const level of [1, 2, 3])
      expect(tenant.can(subject, 'docs.view', { type: 'doc', owner: 'x', level })).toBe(level >= 2);
    for (const level of [1, 2])
      expect(ev.can(subject, 'docs.view', { type: 'doc', owner: 'x', level })).toBe(level >= 2);
    expect(tenant.explain(subject, 'docs.view', { type: 'doc', owner: 'x', level: 3 })).toMatchObject({
      decision: true,
      message:
        "Allowed: 'tenant-set' grants 'docs.view' in scope all (granted at policies/fragments/deep.yaml:4:3, through tenant-set ← include deep).",
      grant: { via: [{ kind: 'include', from: 'tenant-set', to: 'deep', path: '/0/include/0' }] },
    });
  });
});

const DEFINITION_FILE = 'policies/sets/tenant-set.yaml';

/**
 * An explanation with each place in the definition replaced by one token: a `{ path }` of a
 * run-time set or a `{ file, line, column }` in the same set's YAML file, as objects and in the
 * text (`/0/grants/a.b` or `policies/sets/tenant-set.yaml:4:3`). Places in the built files stay.
 */
function withoutDefinitionPlaces(explanation: unknown): unknown {
  const text = (s: string) =>
    s
      .replace(/policies\/sets\/tenant-set\.yaml:\d+:\d+/g, '<definition>')
      .replace(/(?<![\w.])\/0(?:\/[^\s,;()']*[^\s,;()'.])?/g, '<definition>');
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return text(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v === null || typeof v !== 'object') return v;
    const o = v as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(o)) {
      // `path` is only ever a run-time location in an explanation.
      if (k === 'path') out['at'] = '<definition>';
      else if (k === 'file' && x === DEFINITION_FILE) out['at'] = '<definition>';
      else if ((k === 'line' || k === 'column') && o['file'] === DEFINITION_FILE) continue;
      else out[k] = walk(x);
    }
    return out;
  };
  return walk(explanation);
}
