import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileFiles, evaluatorOf, type EvaluatorApi } from '../evaluator/evaluator-harness.js';
import { materialize, type RequestSpec } from '../evaluator/random-request.js';
import { cedar, loadExport, permitsOf, validateStrict, type LoadedExport } from './cedar-harness.js';
import { condition, pools, randomProject, RESOURCES, type RandomProject } from './random-cedar-project.js';
import { docRequest, randomRequest, withoutUnrepresentable } from './random-cedar-request.js';
import { customSetsOf } from '../../custom-sets/custom-sets-harness.js';
import { definitionSpec, materializeDefinition, withSet } from '../../custom-sets/random-definition.js';

/*
 * The differential test of the Cedar export (issue 7): on random projects and random, partly
 * hostile requests, Cedar's decision on the export (cedar-wasm's statefulIsAuthorized, the request
 * built by the generated entities.js, the schema validating every request) must equal the
 * generated evaluator's can(). A disagreement is a bug in one of the two back ends: fast-check
 * shrinks it, and the failure message prints the minimal counterexample (the policies, the
 * request, what entities.js made of it, the permits of the subject's set, both decisions).
 */

/** JSON that shows what JSON.stringify hides: undefined, NaN, ±Infinity, -0. */
function show(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    v === undefined
      ? '<undefined>'
      : typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0))
        ? `<${Object.is(v, -0) ? '-0' : String(v)}>`
        : v,
  );
}

function counterexample(
  what: string,
  can: boolean,
  cedar: boolean,
  spec: RequestSpec,
  exported: LoadedExport,
  files: readonly { uri: string; text: string }[],
  request: unknown,
): string {
  const set = spec.subject.attrs.find(([n]) => n === 'set')?.[1];
  return [
    `${what}: can() = ${can}, Cedar = ${cedar}`,
    `request spec (test/compiler/emit/evaluator/random-request.ts): ${show(spec)}`,
    `Cedar request from entities.js: ${show(request)}`,
    `permits of the subject's set:\n${permitsOf(exported.files, set && 'v' in set ? set.v : undefined)}`,
    `policies:\n${files.map((f) => `--- ${f.uri}\n${f.text}`).join('\n')}`,
  ].join('\n\n');
}

/**
 * How many random projects (or conditions) each property tries. The defaults keep this file
 * within CI's budget; `PERMSET_CEDAR_RUNS=3000 npx vitest run test/compiler/emit/cedar` is a long run.
 */
const RUNS = Number(process.env['PERMSET_CEDAR_RUNS']) || 0;
const runs = (fallback: number): number => (RUNS > 0 ? RUNS : fallback);
/** A long run's timeout (each run is a compile, two imports and a preparse: well under 2 s). */
const timeout = (n: number): number => Math.max(60_000, n * 2_000);
/** What a long run checked, printed so it can be reported. */
const report = (what: string, tally: Tally): void => {
  if (RUNS > 0)
    console.log(
      `${what}: ${RUNS} runs, ${tally.checked} decisions compared, ${tally.allowed} allowed, no disagreement`,
    );
};

/** Cedar's warning for a policy that can never apply (see its use). */
const IMPOSSIBLE =
  /: for policy `[^`]*`, policy is impossible: the policy expression evaluates to false for all valid requests$/;

interface Tally {
  checked: number;
  allowed: number;
}

/** Cedar must decide like can() on every request (and on its stripped twin with `unrepresentable`). */
function compare(
  ev: Pick<EvaluatorApi, 'can'>,
  exported: LoadedExport,
  files: readonly { uri: string; text: string }[],
  spec: RequestSpec,
  tally: Tally,
  unrepresentable = false,
): void {
  const subject = materialize(spec.subject);
  const resource = materialize(spec.resource);
  const context = materialize(spec.context);
  const got = exported.decide(subject, spec.permission, resource, context);
  if (!unrepresentable) {
    const want = ev.can(subject, spec.permission, resource, context);
    if (got.allowed !== want)
      throw new Error(
        counterexample('Cedar and can() disagree', want, got.allowed, spec, exported, files, got.request),
      );
    tally.checked++;
    if (want) tally.allowed++;
    return;
  }
  // Values Cedar cannot hold are unreadable there: Cedar decides like can() on the request with
  // those values of the wrong type, and never allows what can() denies.
  const stripped = ev.can(
    materialize(withoutUnrepresentable(spec.subject)),
    spec.permission,
    materialize(withoutUnrepresentable(spec.resource)),
    materialize(withoutUnrepresentable(spec.context)),
  );
  if (got.allowed !== stripped)
    throw new Error(
      counterexample(
        'Cedar and can() on the request without unrepresentable values disagree',
        stripped,
        got.allowed,
        spec,
        exported,
        files,
        got.request,
      ),
    );
  const original = ev.can(subject, spec.permission, resource, context);
  if (got.allowed && !original)
    throw new Error(
      counterexample('Cedar allows what can() denies', original, got.allowed, spec, exported, files, got.request),
    );
  tally.checked++;
  if (got.allowed) tally.allowed++;
}

async function backEnds(project: RandomProject): Promise<{ ev: EvaluatorApi; exported: LoadedExport } | undefined> {
  const result = compileFiles(project.files);
  if (result.hasErrors) return undefined;
  const { model, ev } = await evaluatorOf(result);
  const exported = await loadExport(model);
  expect(exported.problems).toEqual([]);
  return { ev, exported };
}

describe('Cedar export = generated evaluator (differential)', () => {
  it(
    'decides like can() on random projects and hostile requests, and validates strictly',
    async () => {
      const tally: Tally = { checked: 0, allowed: 0 };
      let projects = 0;
      const n = runs(16);
      const arb = randomProject().chain((project) =>
        fc.tuple(
          fc.constant(project),
          fc.array(randomRequest(project), { minLength: 40, maxLength: 160, size: 'max' }),
        ),
      );
      await fc.assert(
        fc.asyncProperty(arb, async ([project, requests]) => {
          const both = await backEnds(project);
          fc.pre(both !== undefined);
          const { ev, exported } = both!;
          projects++;
          const validation = validateStrict(exported.files);
          // Cedar's validator warns about a policy whose condition its typechecker proves always
          // false (`principal has x && … && !(principal has x || …)`), which some random conditions
          // are: the permset condition is then never true either (the decisions below agree).
          // No other warning is expected, and no error at all.
          const warnings = validation.warnings.filter((w) => !IMPOSSIBLE.test(w));
          if (validation.errors.length + warnings.length > 0) {
            throw new Error(
              `strict validation: ${show(validation)}\n\npolicies.cedar:\n${exported.files['policies.cedar']}\n\nschema:\n${exported.files['schema.cedarschema']}`,
            );
          }
          for (const spec of requests) compare(ev, exported, project.files, spec, tally);
        }),
        { numRuns: n, maxSkipsPerRun: 2 },
      );
      // At least 40 decisions per project, both outcomes represented (allows are 7–17% of a
      // default run's decisions, about 18% of a long run's).
      report('random projects', tally);
      expect(projects).toBe(n);
      expect(tally.checked).toBeGreaterThanOrEqual(n * 40);
      expect(tally.allowed).toBeGreaterThan(tally.checked * 0.02);
      expect(tally.allowed).toBeLessThan(tally.checked * 0.95);
    },
    timeout(runs(16)),
  );

  // One random condition (as a scope's `when` and as a grant's), many requests: dense coverage
  // of every operator on missing, mistyped, hostile and near-miss values.
  it(
    'decides like can() on single deep conditions over hostile values',
    async () => {
      const docPools = pools(RESOURCES['doc'], true);
      const catalog = (when: string) => `kind: Catalog
subject:
  attributes: { id: string, dept: string, level: number, admin: boolean, teams: "string[]", scores: "number[]", if: string }
context:
  attributes: { plan: string, hour: number, trusted: boolean, in: boolean }
resources:
  doc:
    attributes: { owner: string, members: "string[]", level: number, open: boolean, dept: string, like: number }
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
      const tally: Tally = { checked: 0, allowed: 0 };
      const n = runs(25);
      const arb = fc
        .tuple(condition(docPools, 4), fc.boolean())
        .chain(([when, asGrant]) =>
          fc.tuple(
            fc.constant(when),
            fc.constant(asGrant),
            fc.array(docRequest('s'), { minLength: 40, maxLength: 120, size: 'max' }),
          ),
        );
      await fc.assert(
        fc.asyncProperty(arb, async ([when, asGrant, requests]) => {
          const set = asGrant
            ? `kind: PermissionSet\nid: s\nname: S\nseat: employee\ngrants:\n  docs.view: { scope: all, when: ${JSON.stringify(when)} }\n`
            : 'kind: PermissionSet\nid: s\nname: S\nseat: employee\ngrants:\n  docs.view: c\n';
          const files = [
            { uri: 'policies/catalog.yaml', text: catalog(when) },
            { uri: 'policies/s.yaml', text: set },
          ];
          const result = compileFiles(files);
          expect(result.hasErrors, show(result.diagnostics.slice(0, 2))).toBe(false);
          const both = await backEnds({ files, sets: ['s'], permissions: [{ id: 'docs.view', resource: 'doc' }] });
          const validation = validateStrict(both!.exported.files);
          expect(validation.errors, both!.exported.files['policies.cedar']).toEqual([]);
          for (const spec of requests) compare(both!.ev, both!.exported, files, spec, tally);
        }),
        { numRuns: n },
      );
      report('single deep conditions', tally);
      expect(tally.checked).toBeGreaterThanOrEqual(n * 40);
      expect(tally.allowed).toBeGreaterThan(tally.checked * 0.02);
    },
    timeout(runs(25)),
  );

  // A product deciding in Cedar (Amazon Verified Permissions, one policy store per tenant) adds a
  // tenant's run-time sets with tenant.toCedar(set) and builds requests with the helper's
  // forSets(tenant.setIds): Cedar must decide those sets, and the built ones, like tenant.can().
  it(
    "decides a tenant's run-time set like tenant.can(): toCedar(set) and forSets(tenant.setIds)",
    async () => {
      const tally: Tally = { checked: 0, allowed: 0 };
      let tenants = 0;
      const n = runs(6);
      const arb = randomProject().chain((project) =>
        fc.tuple(
          fc.constant(project),
          definitionSpec,
          fc.array(randomRequest(project), { minLength: 20, maxLength: 60, size: 'max' }),
        ),
      );
      await fc.assert(
        fc.asyncProperty(arb, async ([project, definition, requests]) => {
          const result = compileFiles(project.files);
          fc.pre(!result.hasErrors && project.sets.length > 0);
          const { cs } = await customSetsOf(result);
          const tenant = cs.withCustomSets([materializeDefinition(definition, result, project)]);
          fc.pre(tenant.ok);
          tenants++;
          expect(tenant.setIds).toEqual(['tenant-set']);
          const { model } = await evaluatorOf(result);
          const exported = await loadExport(model, { policies: tenant.toCedar('tenant-set')!, setIds: tenant.setIds });
          const validation = cedar.validate({
            schema: exported.files['schema.cedarschema'],
            policies: { staticPolicies: { ...tenant.toCedar('tenant-set') } },
            validationSettings: { mode: 'strict' },
          });
          expect(validation.type === 'success' ? validation.validationErrors : validation.errors).toEqual([]);
          const files = [
            ...project.files,
            {
              uri: 'custom-sets.json',
              text: JSON.stringify([materializeDefinition(definition, result, project)], null, 2),
            },
          ];
          for (const spec of requests) {
            compare(tenant, exported, files, withSet(spec, 'tenant-set'), tally);
            compare(tenant, exported, files, spec, tally);
          }
        }),
        { numRuns: n, maxSkipsPerRun: 6 },
      );
      report('run-time sets', tally);
      expect(tenants).toBe(n);
      expect(tally.checked).toBeGreaterThanOrEqual(n * 40);
      expect(tally.allowed).toBeGreaterThan(0);
    },
    timeout(runs(6)) * 3,
  );

  it(
    'never allows more than can() when requests carry values Cedar cannot hold',
    async () => {
      const tally: Tally = { checked: 0, allowed: 0 };
      const n = runs(8);
      const arb = randomProject(2).chain((project) =>
        fc.tuple(
          fc.constant(project),
          fc.array(randomRequest(project, true), { minLength: 40, maxLength: 160, size: 'max' }),
        ),
      );
      await fc.assert(
        fc.asyncProperty(arb, async ([project, requests]) => {
          const both = await backEnds(project);
          fc.pre(both !== undefined);
          for (const spec of requests) compare(both!.ev, both!.exported, project.files, spec, tally, true);
        }),
        { numRuns: n, maxSkipsPerRun: 2 },
      );
      report('unrepresentable values', tally);
      expect(tally.checked).toBeGreaterThanOrEqual(n * 40);
      expect(tally.allowed).toBeGreaterThan(tally.checked * 0.02);
    },
    timeout(runs(8)),
  );
});
