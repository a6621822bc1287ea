import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { referenceDecide } from '../../../helpers/reference-evaluator.js';
import { compileFiles, evaluatorOf } from './evaluator-harness.js';
import { condition, pools, RESOURCES, randomProject, type RandomProject } from './random-project.js';
import { docRequest, materialize, randomRequest, type RequestSpec } from './random-request.js';

// The generated evaluator against the reference interpreter (test/helpers/reference-evaluator.ts)
// on random projects and random, partly hostile requests: can(), the prepared check, canId()
// (for well-formed subjects) and explain().decision must all equal the reference decision; has()
// must equal "the set has a grant".
describe('generated evaluator = reference interpreter', () => {
  it('agrees on random projects and requests', async () => {
    let compiled = 0;
    let checked = 0;
    let allowed = 0;
    const arb = randomProject().chain((project) =>
      fc.tuple(fc.constant(project), fc.array(randomRequest(project), { minLength: 30, maxLength: 30 })),
    );
    await fc.assert(
      fc.asyncProperty(arb, async ([project, requests]: [RandomProject, RequestSpec[]]) => {
        const result = compileFiles(project.files);
        fc.pre(!result.hasErrors);
        compiled++;
        const { model, ev } = await evaluatorOf(result);
        for (const spec of requests) {
          const subject = materialize(spec.subject);
          const resource = materialize(spec.resource);
          const context = materialize(spec.context);
          const want = referenceDecide(model, subject, spec.permission, resource, context);
          const where = () => JSON.stringify({ spec, files: project.files });
          expect(ev.can(subject, spec.permission, resource, context), where()).toBe(want);
          expect(ev.prepare(spec.permission)(subject, resource, context), where()).toBe(want);
          expect(ev.explain(subject, spec.permission, resource, context).decision, where()).toBe(want);
          const set = spec.subject.attrs.find(([n]) => n === 'set')?.[1];
          if (
            spec.subject.wrap === 'plain' &&
            set?.k === 'value' &&
            typeof set.v === 'string' &&
            project.sets.includes(set.v) &&
            typeof spec.permission === 'string'
          ) {
            expect(ev.canId(ev.SET[set.v], ev.PERMISSION[spec.permission], subject, resource, context), where()).toBe(
              want,
            );
            const granted = model.sets
              .find((s) => s.id === set.v)!
              .grants.some((g) => g.permission === spec.permission);
            expect(ev.has(set.v, spec.permission)).toBe(granted);
          }
          checked++;
          if (want) allowed++;
        }
      }),
      { numRuns: 150, maxSkipsPerRun: 2 },
    );
    // The run must have exercised both outcomes on real projects, not only skips and denies.
    expect(compiled).toBeGreaterThanOrEqual(150);
    expect(allowed).toBeGreaterThan(checked * 0.05);
    expect(allowed).toBeLessThan(checked * 0.95);
  });

  // One random condition (as a scope's `when` and as a grant's `when`), many requests: dense
  // coverage of each operator on missing, mistyped, hostile and near-miss values.
  it('agrees on single conditions over hostile values', async () => {
    const docPools = pools(RESOURCES['doc'], false);
    const catalog = (when: string) => `kind: Catalog
subject:
  attributes: { id: string, dept: string, level: number, admin: boolean, teams: "string[]", scores: "number[]" }
context:
  attributes: { plan: string, hour: number, trusted: boolean }
resources:
  doc:
    attributes: { owner: string, members: "string[]", level: number, open: boolean, dept: string }
scopes:
  c: { label: C, when: ${JSON.stringify(when)} }
  all: { label: All }
seats:
  employee: { label: Employee, paid: true }
areas:
  docs:
    label: Docs
    resource: doc
    permissions:
      docs.view: { label: View, scopes: [c, all] }
`;
    let allowed = 0;
    let checked = 0;
    const arb = fc
      .tuple(condition(docPools, 2), fc.boolean())
      .chain(([when, asGrant]) =>
        fc.tuple(fc.constant(when), fc.constant(asGrant), fc.array(docRequest('s'), { minLength: 60, maxLength: 60 })),
      );
    await fc.assert(
      fc.asyncProperty(arb, async ([when, asGrant, requests]) => {
        const set = asGrant
          ? `kind: PermissionSet\nid: s\nname: S\nseat: employee\ngrants:\n  docs.view: { scope: all, when: ${JSON.stringify(when)} }\n`
          : 'kind: PermissionSet\nid: s\nname: S\nseat: employee\ngrants:\n  docs.view: c\n';
        const result = compileFiles([
          { uri: 'policies/catalog.yaml', text: catalog(when) },
          { uri: 'policies/s.yaml', text: set },
        ]);
        expect(result.hasErrors, JSON.stringify(result.diagnostics.slice(0, 2))).toBe(false);
        const { model, ev } = await evaluatorOf(result);
        for (const spec of requests) {
          const subject = materialize(spec.subject);
          const resource = materialize(spec.resource);
          const context = materialize(spec.context);
          const want = referenceDecide(model, subject, 'docs.view', resource, context);
          const where = () => JSON.stringify({ when, spec });
          expect(ev.can(subject, 'docs.view', resource, context), where()).toBe(want);
          expect(ev.explain(subject, 'docs.view', resource, context).decision, where()).toBe(want);
          checked++;
          if (want) allowed++;
        }
      }),
      { numRuns: 200 },
    );
    expect(allowed).toBeGreaterThan(checked * 0.05);
  });
});
