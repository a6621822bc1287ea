import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileProject, loadEvaluator } from './build-project.js';
import { fuzzRuns, fuzzSeed, fuzzTimeout } from './fuzz-runs.js';
import { randomProjectSpec } from './random-project.js';
import { randomRequest, type Request } from './random-request.js';
import { loadReference, referenceCan } from './reference-interpreter.js';
import { renderProject } from './render-project.js';
import type { ProjectSpec } from './project-spec.js';

// The generated evaluator against reference-interpreter.ts, which recomputes inheritance,
// fragments, wildcards, `none`, `restrict`, scope coverage and conditions from the YAML itself.
describe('generated evaluator = reference interpreter of the spec', () => {
  it(
    'agrees on every request to random error-free projects',
    async () => {
      let projects = 0;
      let checked = 0;
      let allowed = 0;
      const arb = randomProjectSpec().chain((spec: ProjectSpec) =>
        fc.tuple(
          fc.constant(spec),
          fc.array(
            randomRequest(
              spec.sets.map((s) => s.id),
              spec.perms,
            ),
            { minLength: 40, maxLength: 40 },
          ),
        ),
      );
      await fc.assert(
        fc.asyncProperty(arb, async ([spec, requests]: [ProjectSpec, Request[]]) => {
          const files = renderProject(spec);
          const result = compileProject(files);
          if (result.hasErrors) return;
          projects++;
          const { ev } = await loadEvaluator(result);
          const ref = loadReference(files);
          for (const q of requests) {
            const want = referenceCan(ref, q.subject, q.permission, q.resource, q.context);
            expect(ev.can(q.subject, q.permission, q.resource, q.context), JSON.stringify(q)).toBe(want);
            checked++;
            if (want) allowed++;
          }
        }),
        { numRuns: fuzzRuns(45), seed: fuzzSeed(20261207) },
      );
      // Both outcomes must have been exercised on real projects.
      expect(projects).toBeGreaterThan(fuzzRuns(45) * 0.5);
      expect(allowed).toBeGreaterThan(checked * 0.05);
      expect(allowed).toBeLessThan(checked * 0.95);
    },
    fuzzTimeout(60_000),
  );
});
