import { describe, expect, it } from 'vitest';
import { compile } from '../../../packages/compiler/src/program/index.js';
import { REPO, runCli } from '../../helpers/cli.js';
import { compileFixture } from '../../helpers/fixtures.js';
import { buildPolicyModel } from '../../../packages/compiler/src/policy-model/index.js';

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
    expect(new Set(model.scopes.map((s) => s.name))).toEqual(
      new Set(['own', 'member', 'subsidiary', 'managed', 'approver', 'all']),
    );
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

// Each shipped guard, tripped by the edit it exists to stop. The edits are made in memory on the
// shipped files; the only diagnostics must be that guard's violations, at the grant (or, for a
// set that inherits the grant, at its `extends` line).
describe('the shipped guards', () => {
  // The shipped files as the CLI names them, decoded the way the compiler decodes them.
  const shipped = [...compileFixture(REPO).files.values()].map((f) => ({ uri: f.uri, text: f.text }));
  const compileWith = (edit: (files: Map<string, string>) => void) => {
    const files = new Map(shipped.map((f) => [f.uri, f.text]));
    edit(files);
    const result = compile([...files].map(([uri, text]) => ({ uri, text })));
    return result.diagnostics.map(
      (d) =>
        `${d.code} ${d.uri}:${d.range.start.line + 1}:${d.range.start.character + 1} ${/breaks guard '([^']+)'/.exec(d.message)?.[1] ?? d.message}`,
    );
  };
  const append = (files: Map<string, string>, uri: string, text: string) => files.set(uri, files.get(uri)! + text);

  it('only-admin-manages-organization-settings: no other set, custom or system, manages them', () => {
    expect(
      compileWith((f) =>
        append(f, 'policies/sets/custom/integration-admin.yaml', '  settings.organization.manage: all\n'),
      ),
    ).toEqual([
      'guard-violated policies/sets/custom/integration-admin.yaml:13:3 only-admin-manages-organization-settings',
    ]);
  });

  it('no-cost-rates: a set built on Manager does not see cost rates', () => {
    const set =
      'kind: PermissionSet\nid: finance-manager\nname: Finance manager\nextends: manager\ngrants:\n  cost_rates.view: all\n';
    expect(compileWith((f) => f.set('policies/sets/custom/finance-manager.yaml', set))).toEqual([
      'guard-violated policies/sets/custom/finance-manager.yaml:6:3 no-cost-rates',
    ]);
  });

  it('clients-never-see-cost: holds even when the client seat is widened to allow cost rates', () => {
    const diagnostics = compileWith((f) => {
      f.set(
        'policies/catalog.yaml',
        f
          .get('policies/catalog.yaml')!
          .replace('      - expenses.view\n', '      - expenses.view\n      - "cost_rates.*"\n'),
      );
      append(f, 'policies/sets/system/client-manager.yaml', '  cost_rates.view: own\n');
    });
    const line = shipped.find((s) => s.uri === 'policies/sets/system/client-manager.yaml')!.text.split('\n').length;
    expect(diagnostics).toEqual([
      `guard-violated policies/sets/system/client-manager.yaml:${line}:3 clients-never-see-cost`,
    ]);
  });

  it('restricted-sets-stay-member: a set built on a restricted set cannot widen deals to all', () => {
    const set =
      'kind: PermissionSet\nid: deal-desk\nname: Deal desk\nextends: manager-restricted\ngrants:\n  deals.view: all\n';
    expect(compileWith((f) => f.set('policies/sets/custom/deal-desk.yaml', set))).toEqual([
      'guard-violated policies/sets/custom/deal-desk.yaml:6:3 restricted-sets-stay-member',
    ]);
  });

  it('the contractor set is not customizable: nothing may extend it', () => {
    const set = 'kind: PermissionSet\nid: senior-contractor\nname: Senior contractor\nextends: contractor\n';
    expect(
      compileWith((f) => f.set('policies/sets/custom/senior-contractor.yaml', set)).map((d) =>
        d.split(' ').slice(0, 2).join(' '),
      ),
    ).toEqual(['not-customizable policies/sets/custom/senior-contractor.yaml:4:10']);
  });
});
