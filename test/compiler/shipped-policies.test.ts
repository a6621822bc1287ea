import { describe, expect, it } from 'vitest';
import { REPO, runCli } from '../helpers/cli.js';
import { compileFixture } from '../helpers/fixtures.js';
import { buildPolicyModel } from '../../packages/compiler/src/emit/index.js';

describe('the shipped Productive policies', () => {
  it('check clean', async () => {
    const r = await runCli(['check', 'policies', '--format', 'json'], { cwd: REPO });
    expect(JSON.parse(r.stdout)).toEqual({ diagnostics: [], summary: { errors: 0, warnings: 0 } });
    expect(r.code).toBe(0);
  });

  it('model the 14 system sets with their exact names and seats', () => {
    const model = buildPolicyModel(compileFixture(REPO));
    const system = model.sets.filter((s) => s.system).map((s) => [s.name, s.seat]);
    expect(system.sort()).toEqual(
      [
        ['Admin', 'employee'],
        ['Client Manager', 'client'],
        ['Client Staff', 'client'],
        ['Contractor', 'contractor'],
        ['Coordinator', 'employee'],
        ['Coordinator with restricted access', 'employee'],
        ['Manager', 'employee'],
        ['Manager with restricted access', 'employee'],
        ['Profitability manager', 'employee'],
        ['Profitability manager with restricted access', 'employee'],
        ['Staff', 'employee'],
        ['Staff with CRM access', 'employee'],
        ['Staff with CRM and time access', 'employee'],
        ['Staff with time access', 'employee'],
      ].sort(),
    );
    expect(model.sets.filter((s) => !s.system).length).toBeGreaterThanOrEqual(4);
    expect(model.permissions.length).toBeGreaterThanOrEqual(55);
    expect(new Set(model.scopes.map((s) => s.name))).toEqual(new Set(['own', 'member', 'subsidiary', 'managed', 'approver', 'all']));
  });

  it('build the Staff variants from fragments', () => {
    const model = buildPolicyModel(compileFixture(REPO));
    const variants = model.sets.filter((s) => s.name.startsWith('Staff with'));
    expect(variants.map((v) => [v.extends, v.include.length > 0])).toEqual([
      ['staff', true],
      ['staff', true],
      ['staff', true],
    ]);
  });
});
