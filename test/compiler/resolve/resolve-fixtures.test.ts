import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { buildPolicyModel, type ModelGrant } from '../../../packages/compiler/src/policy-model/index.js';
import { compileFixture, fixtureCases, toExpected } from '../../helpers/fixtures.js';

/** "member, all (when x) ← include a at sets/s.yaml:5 ← granted at fragments/a.yaml:4" */
function describeGrant(g: ModelGrant): string {
  const scopes = g.scopes.map((s) => (s.when ? `${s.scope} (when ${s.when})` : s.scope)).join(', ');
  const steps = g.via.map((v) => `${v.kind} ${v.to} at ${v.at.file.replace(/^policies\//, '')}:${v.at.line}`);
  const source = `${g.source.kind} ${g.source.id} '${g.source.key}' at ${g.source.at.file.replace(/^policies\//, '')}:${g.source.at.line}`;
  const restricted = g.restricted
    ? ` [restricted from ${g.restricted.from.map((s) => s.scope).join(', ')} by ${g.restricted.set}]`
    : '';
  return [scopes + restricted, ...steps, source].join(' ← ');
}

// Each folder of test/fixtures/resolve holds policies that compile cleanly; the golden file
// lists every set's effective grants with their provenance, so a change to inheritance
// semantics shows up as a reviewable diff.
describe('resolve fixtures: effective grants', () => {
  for (const { name, dir } of fixtureCases('resolve')) {
    it(name, async () => {
      const result = compileFixture(dir);
      expect(toExpected(result.diagnostics)).toEqual([]);
      const model = buildPolicyModel(result);
      const effective = Object.fromEntries(
        model.sets.map((s) => [s.id, Object.fromEntries(s.grants.map((g) => [g.permission, describeGrant(g)]))]),
      );
      await expect(JSON.stringify(effective, null, 2) + '\n').toMatchFileSnapshot(join(dir, 'expected.effective.json'));
    });
  }
});
