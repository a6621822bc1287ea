import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileProject, loadEvaluator } from './build-project.js';
import { fuzzRuns, fuzzSeed, fuzzTimeout } from './fuzz-runs.js';
import { applyNarrowing, narrowingArb, type Narrowing } from './narrowing.js';
import { matches, type ProjectSpec } from './project-spec.js';
import { randomProjectSpec } from './random-project.js';
import { randomRequest, type Request } from './random-request.js';
import { renderProject } from './render-project.js';

const withRequests = <T>(arb: fc.Arbitrary<T>, specOf: (t: T) => ProjectSpec) =>
  arb.chain((t) =>
    fc.tuple(
      fc.constant(t),
      fc.array(
        randomRequest(
          specOf(t).sets.map((s) => s.id),
          specOf(t).perms,
        ),
        { minLength: 60, maxLength: 60 },
      ),
    ),
  );

/** The loaded evaluator of a spec, or undefined when it does not compile without errors. */
async function evaluatorOf(spec: ProjectSpec) {
  const result = compileProject(renderProject(spec));
  return result.hasErrors ? undefined : (await loadEvaluator(result)).ev;
}

describe('monotonicity', () => {
  it(
    'narrowing one grant never turns a deny into an allow',
    async () => {
      let compared = 0;
      let denied = 0;
      const arb = withRequests(fc.tuple(randomProjectSpec(), narrowingArb()), ([spec]) => spec);
      await fc.assert(
        fc.asyncProperty(arb, async ([[spec, narrowing], requests]: [[ProjectSpec, Narrowing], Request[]]) => {
          const narrowed = applyNarrowing(spec, narrowing);
          if (!narrowed) return;
          const before = await evaluatorOf(spec);
          const after = before && (await evaluatorOf(narrowed));
          if (!before || !after) return; // e.g. the narrowing broke a `requires`
          compared++;
          for (const q of requests) {
            const was = before.can(q.subject, q.permission, q.resource, q.context);
            if (!was) {
              denied++;
              expect(after.can(q.subject, q.permission, q.resource, q.context), JSON.stringify(q)).toBe(false);
            }
          }
        }),
        { numRuns: fuzzRuns(25), seed: fuzzSeed(20261207) },
      );
      expect(compared).toBeGreaterThan(fuzzRuns(25) * 0.15);
      expect(denied).toBeGreaterThan(0);
    },
    fuzzTimeout(60_000),
  );

  it(
    'removing `extends` from a set never grants anything the set and its fragments do not grant themselves',
    async () => {
      let compared = 0;
      const arb = withRequests(fc.tuple(randomProjectSpec(), fc.nat()), ([spec]) => spec);
      await fc.assert(
        fc.asyncProperty(arb, async ([[spec, pick], requests]: [[ProjectSpec, number], Request[]]) => {
          const children = spec.sets.filter((s) => s.extends);
          if (children.length === 0) return;
          const target = children[pick % children.length]!;
          const cut = structuredClone(spec);
          const set = cut.sets.find((s) => s.id === target.id)!;
          // A set without `extends` needs a seat: the one it inherited from the root of its chain.
          let root = target;
          while (root.extends) root = spec.sets.find((s) => s.id === root.extends)!;
          delete set.extends;
          set.seat = root.seat!;
          const before = await evaluatorOf(spec);
          const after = before && (await evaluatorOf(cut));
          if (!before || !after) return;
          compared++;
          // What the cut set still grants is written in its own grants or its fragments' (not `none`).
          const keys = [set.grants, ...set.include.map((f) => cut.fragments.find((x) => x.id === f)!.grants)]
            .flat()
            .filter((g) => g.value !== 'none')
            .map((g) => g.key);
          for (const p of after.permissionsOf(set.id))
            expect(
              keys.some((k) => matches(k, p)),
              `${set.id} grants ${p}`,
            ).toBe(true);
          // And no request, to this set or to any set below it, is allowed that was denied before.
          for (const q of requests) {
            if (!before.can(q.subject, q.permission, q.resource, q.context))
              expect(after.can(q.subject, q.permission, q.resource, q.context), JSON.stringify(q)).toBe(false);
          }
        }),
        { numRuns: fuzzRuns(25), seed: fuzzSeed(20261207) },
      );
      expect(compared).toBeGreaterThan(fuzzRuns(25) * 0.15);
    },
    fuzzTimeout(60_000),
  );
});
