import { beforeAll, describe, expect, it } from 'vitest';
import { compileFixture } from '../../helpers/fixtures.js';
import { REPO } from '../../helpers/cli.js';
import type { EvaluatorApi } from '../emit/evaluator/evaluator-harness.js';
import { customSetsOf, type CustomSetsModule } from './custom-sets-harness.js';
import { join } from 'node:path';
import { compile } from '../../../packages/compiler/src/program/index.js';
import { collectSources } from '../../../packages/compiler/src/fs/index.js';
import { NodeFileSystem } from '../../../packages/compiler/src/node/index.js';
import { buildPolicyModel } from '../../../packages/compiler/src/policy-model/index.js';
import { exportCedar } from '../../../packages/compiler/src/emit/cedar/index.js';

// The shipped policies as the context: every rule of `permset check` a definition can break,
// with the exact code, message and JSON Pointer; then decisions next to the compiled sets.
let cs: CustomSetsModule;
let ev: EvaluatorApi;
beforeAll(async () => {
  ({ cs, ev } = await customSetsOf(compileFixture(REPO, 'policies')));
}, 120_000);

const lead = {
  id: 'regional-lead',
  name: 'Regional lead',
  extends: 'staff',
  grants: { 'absence.bookings.view': 'subsidiary', 'deals.view': 'member' },
};
const member = (id: string) => ({ type: 'deal', owner: 'someone', members: [id] });

describe('withCustomSets: diagnostics', () => {
  it('accepts a valid set: ok, no diagnostics, a frozen tenant', () => {
    const tenant = cs.withCustomSets([lead]);
    expect(tenant.ok).toBe(true);
    expect(tenant.diagnostics).toEqual([]);
    expect(Object.isFrozen(tenant)).toBe(true);
    expect(Object.isFrozen(tenant.diagnostics)).toBe(true);
  });

  it.each([
    [
      'unknown-permission with did-you-mean and a fix as a JSON Patch',
      { ...lead, grants: { 'deals.veiw': 'member' } },
      [
        {
          code: 'unknown-permission',
          severity: 'error',
          message: "Unknown permission 'deals.veiw'. Did you mean 'deals.view'?",
          set: 'regional-lead',
          path: '/0/grants/deals.veiw',
          fix: {
            title: "Replace with 'deals.view'",
            patch: [{ op: 'move', from: '/0/grants/deals.veiw', path: '/0/grants/deals.view' }],
          },
        },
      ],
    ],
    [
      'scope-not-allowed, at the list item',
      { ...lead, grants: { 'deals.view': ['member', 'own'] } },
      [
        {
          code: 'scope-not-allowed',
          severity: 'error',
          message: "'deals.view' cannot be granted in scope 'own': it allows 'member', 'all'.",
          set: 'regional-lead',
          path: '/0/grants/deals.view/1',
        },
      ],
    ],
    [
      'requires-missing',
      { ...lead, grants: { 'deals.manage': 'all' } },
      [{ code: 'requires-missing', set: 'regional-lead', path: '/0/grants/deals.manage' }],
    ],
    [
      'not-customizable',
      { id: 'my-contractor', name: 'C', extends: 'contractor' },
      [
        {
          code: 'not-customizable',
          message: "Set 'contractor' has seat 'contractor', which is not customizable: only system sets may extend it.",
          set: 'my-contractor',
          path: '/0/extends',
        },
      ],
    ],
    [
      'unknown-base with did-you-mean',
      { id: 'x', name: 'X', extends: 'staf' },
      [
        {
          code: 'unknown-base',
          message: "Set 'x' extends 'staf', but no permission set has that id. Did you mean 'staff'?",
          set: 'x',
          path: '/0/extends',
          fix: { title: "Replace with 'staff'", patch: [{ op: 'replace', path: '/0/extends', value: 'staff' }] },
        },
      ],
    ],
    [
      'a duplicate of a system set id',
      { id: 'admin', name: 'Mine', extends: 'staff' },
      [
        {
          code: 'duplicate-id',
          message: "The permission set id 'admin' is already defined; ids must be unique.",
          set: 'admin',
          path: '/0/id',
        },
      ],
    ],
    [
      'seat-disallows and the guard it trips (a client set)',
      { id: 'cl', name: 'Client+', extends: 'client-staff', grants: { 'invoices.view': 'all' } },
      [
        { code: 'seat-disallows', set: 'cl', path: '/0/grants/invoices.view' },
        { code: 'guard-violated', set: 'cl', path: '/0/grants/invoices.view' },
      ],
    ],
    [
      'a redundant grant, as a warning (ok stays true)',
      { id: 'r', name: 'R', extends: 'staff', grants: { 'projects.view': 'member' } },
      [{ code: 'redundant-grant', severity: 'warning', set: 'r', path: '/0/grants/projects.view' }],
    ],
    [
      'when, system and seat are not for run-time sets',
      {
        id: 'w',
        name: 'W',
        extends: 'staff',
        system: true,
        seat: 'employee',
        grants: { 'deals.view': { scope: 'member', when: 'true' } },
      },
      [
        { code: 'custom-set-forbidden', set: 'w', path: '/0/grants/deals.view/when' },
        { code: 'custom-set-forbidden', set: 'w', path: '/0/seat' },
        { code: 'custom-set-forbidden', set: 'w', path: '/0/system' },
      ],
    ],
    [
      'schema errors: an unknown key, a wrong type',
      { id: 'Bad Id', name: 3, extends: 'staff', colour: 'red' },
      [
        { code: 'schema-unknown-key', path: '/0/colour' },
        { code: 'schema-value', path: '/0/id' },
        { code: 'schema-type', path: '/0/name' },
      ],
    ],
  ])('%s', (_name, definition, expected) => {
    const tenant = cs.withCustomSets([definition]);
    expect(tenant.diagnostics).toMatchObject(expected);
    expect(tenant.diagnostics).toHaveLength(expected.length);
    expect(tenant.ok).toBe(expected.every((d) => 'severity' in d && d.severity === 'warning'));
  });

  it('reports an extends cycle within the call, at each member', () => {
    const t = cs.withCustomSets([
      { id: 'a', name: 'A', extends: 'b' },
      { id: 'b', name: 'B', extends: 'a' },
    ]);
    expect(t.diagnostics.map((d) => [d.code, d.path])).toEqual([
      ['extends-cycle', '/0/extends'],
      ['extends-cycle', '/1/extends'],
    ]);
  });

  it('one mistake, one diagnostic, as permset check: a base that is no id is only a schema-value', () => {
    const t = cs.withCustomSets([{ id: 'rl', name: 'RL', extends: '' }]);
    expect(t.diagnostics.map((d) => [d.code, d.path, d.message])).toEqual([
      [
        'schema-value',
        '/0/extends',
        "'' is not valid here: expected a permission set id: kebab-case, starting with a letter (`manager-restricted`).",
      ],
    ]);
  });

  it('reports an id twice within the call at the second definition', () => {
    const t = cs.withCustomSets([lead, { ...lead, name: 'Again' }]);
    expect(t.diagnostics.map((d) => [d.code, d.path])).toEqual([['duplicate-id', '/1/id']]);
    expect(t.can({ id: 'u', set: 'regional-lead' }, 'deals.view', member('u'))).toBe(true);
  });

  it('exceeds-grantor: nothing beyond what the grantor set can do', () => {
    const t = cs.withCustomSets([{ id: 'up', name: 'Up', extends: 'staff', grants: { 'deals.view': 'all' } }], {
      grantor: 'staff',
    });
    expect(t.diagnostics).toEqual([
      {
        code: 'exceeds-grantor',
        severity: 'error',
        message:
          "Set 'up' grants 'deals.view' (all), more than the grantor's set 'staff' can do: it does not grant 'deals.view'.",
        set: 'up',
        path: '/0/grants/deals.view',
      },
    ]);
    expect(cs.withCustomSets([lead], { grantor: 'admin' }).ok).toBe(true);
    expect(cs.withCustomSets([lead], { grantor: 'nobody' }).diagnostics.map((d) => d.code)).toEqual([
      'unknown-set',
      'exceeds-grantor',
    ]);
  });
});

describe('withCustomSets: decisions', () => {
  it('decides a run-time set; system sets decide exactly as the evaluator', () => {
    const t = cs.withCustomSets([lead]);
    const u = { id: 'u', set: 'regional-lead', subsidiary: 's1' };
    expect(t.can(u, 'deals.view', member('u'))).toBe(true);
    expect(t.can(u, 'deals.view', { type: 'deal', owner: 'x', members: [] })).toBe(false);
    expect(t.can(u, 'absence.bookings.view', { type: 'absence_booking', owner: 'v', subsidiary: 's1' })).toBe(true);
    expect(t.can(u, 'projects.view', { type: 'project', owner: 'x', members: ['u'] })).toBe(true); // inherited from staff
    expect(t.can(u, 'invoices.view', { type: 'invoice' })).toBe(false);
    const staff = { id: 'u', set: 'staff' };
    for (const p of ev.PERMISSION_IDS) expect(t.can(staff, p, member('u'))).toBe(ev.can(staff, p, member('u')));
  });

  it('a set with errors denies, the other sets of the call still work', () => {
    const t = cs.withCustomSets([lead, { id: 'broken', name: 'B', extends: 'staff', grants: { 'deals.view': 'own' } }]);
    expect(t.ok).toBe(false);
    expect(t.can({ id: 'u', set: 'broken' }, 'projects.view', { type: 'project', members: ['u'] })).toBe(false);
    expect(t.can({ id: 'u', set: 'regional-lead' }, 'deals.view', member('u'))).toBe(true);
  });

  it('instances are independent: a tenant never changes what another decides', () => {
    const a = cs.withCustomSets([lead]);
    const b = cs.withCustomSets([{ ...lead, grants: { 'deals.view': 'none' } }]);
    const u = { id: 'u', set: 'regional-lead' };
    expect(a.can(u, 'deals.view', member('u'))).toBe(true);
    expect(b.can(u, 'deals.view', member('u'))).toBe(false);
    expect(ev.can(u, 'deals.view', member('u'))).toBe(false);
  });

  it('permissionsOf, setsWith and preview cover run-time and system sets', () => {
    const t = cs.withCustomSets([lead]);
    expect(t.permissionsOf('regional-lead')).toEqual(
      [...ev.permissionsOf('staff'), 'deals.view', 'absence.bookings.view']
        .filter((p, i, a) => a.indexOf(p) === i)
        .sort((x, y) => ev.PERMISSION_IDS.indexOf(x) - ev.PERMISSION_IDS.indexOf(y)),
    );
    expect(t.permissionsOf('staff')).toEqual(ev.permissionsOf('staff'));
    expect(t.setsWith('deals.view')).toEqual([...ev.setsWith('deals.view'), 'regional-lead']);
    expect(t.preview('regional-lead')).toMatchObject({
      set: { id: 'regional-lead', extends: 'staff', seat: 'employee' },
    });
    expect(t.preview('nope')).toBeNull();
  });
});

describe('withCustomSets: explain', () => {
  const u = { id: 'u1', set: 'lead' };
  const definition = {
    id: 'lead',
    name: 'Lead',
    extends: 'staff',
    include: ['crm-access'],
    restrict: 'member',
    grants: { 'deals.view': 'all', 'integrations.personal.manage': 'none' },
  };

  it("explains a run-time set with the evaluator's explain(): its own entries by JSON Pointer, the built ones by file and line", () => {
    const t = cs.withCustomSets([definition]);
    expect(t.ok).toBe(true);
    const own = t.explain(u, 'deals.view', { type: 'deal', owner: 'u2', members: [] });
    expect(own).toEqual({
      decision: false,
      reason: 'conditions-false',
      set: 'lead',
      permission: 'deals.view',
      resourceType: 'deal',
      message:
        "Denied: 'lead' grants 'deals.view' in scope member (granted at /0/grants/deals.view), but no granted scope applies to this request.",
      grant: {
        permission: 'deals.view',
        scopes: [{ scope: 'member' }],
        source: { kind: 'set', id: 'lead', key: 'deals.view', path: '/0/grants/deals.view' },
        chain: 'lead',
        via: [],
        restricted: { set: 'lead', scope: 'member', path: '/0/restrict', from: [{ scope: 'all' }] },
      },
      scopes: [{ scope: 'member', label: 'View only deals where a user is a member', applies: false }],
      evaluations: [
        {
          scope: 'member',
          term: 0,
          kind: 'scope',
          from: 'member',
          condition: 'subject.id in resource.members',
          result: false,
          detail: "subject.id ('u1') is not in resource.members ([])",
        },
        {
          scope: 'member',
          term: 0,
          kind: 'scope',
          from: 'own',
          condition: 'resource.owner == subject.id',
          result: false,
          detail: "resource.owner ('u2') != subject.id ('u1')",
        },
      ],
      suggestions: [
        "would be allowed with scope member: subject.id ('u1') is not in resource.members ([]); via included scope own: resource.owner ('u2') != subject.id ('u1')",
        "'lead' narrows this grant from all to member with restrict (/0/restrict)",
      ],
    });
    expect(Object.isFrozen(own)).toBe(true);
    const included = t.explain(u, 'contacts.view', { type: 'contact', owner: 'u2', members: ['u1'] }) as {
      decision: boolean;
      message: string;
      grant: unknown;
    };
    expect(included.decision).toBe(true);
    expect(included.message).toBe(
      "Allowed: 'lead' grants 'contacts.view' in scope member (granted at policies/fragments/crm-access.yaml:7:3, through lead ← include crm-access).",
    );
    expect(included.grant).toMatchObject({
      source: { kind: 'fragment', id: 'crm-access', file: 'policies/fragments/crm-access.yaml', line: 7, column: 3 },
      via: [{ kind: 'include', from: 'lead', to: 'crm-access', path: '/0/include/0' }],
    });
    const inherited = t.explain(u, 'time_entries.view', { type: 'time_entry', owner: 'u1' }) as {
      decision: boolean;
      grant: { via: unknown[]; chain: string };
    };
    expect(inherited.decision).toBe(true);
    expect(inherited.grant.chain).toBe('lead ← extends staff');
    expect(inherited.grant.via).toEqual([{ kind: 'extends', from: 'lead', to: 'staff', path: '/0/extends' }]);
  });

  it('a none of the definition: removed, with its pointer', () => {
    const t = cs.withCustomSets([definition]);
    expect(t.explain(u, 'integrations.personal.manage')).toMatchObject({
      decision: false,
      reason: 'not-granted',
      message:
        "Denied: 'lead' does not grant 'integrations.personal.manage': it is removed with none by set 'lead' at /0/grants/integrations.personal.manage.",
      removed: {
        source: {
          kind: 'set',
          id: 'lead',
          key: 'integrations.personal.manage',
          path: '/0/grants/integrations.personal.manage',
        },
        chain: 'lead',
        via: [],
      },
      suggestions: [
        "it would be granted without the 'integrations.personal.manage: none' entry of set 'lead' at /0/grants/integrations.personal.manage",
      ],
    });
  });

  it("its decision is tenant.can's; built sets are explained by the evaluator; a set with errors says so", () => {
    const t = cs.withCustomSets([
      definition,
      { id: 'broken', name: 'B', extends: 'staff', grants: { 'deals.view': 'own' } },
    ]);
    for (const p of ev.PERMISSION_IDS)
      for (const r of [member('u1'), { type: 'contact', owner: 'u1', members: [] }, undefined])
        expect((t.explain(u, p, r) as { decision: boolean }).decision).toBe(t.can(u, p, r));
    const staff = { id: 'u1', set: 'staff' };
    expect(t.explain(staff, 'deals.view', member('u1'))).toEqual(ev.explain(staff, 'deals.view', member('u1')));
    expect(t.explain({ id: 'u1', set: 'broken' }, 'deals.view', member('u1'))).toMatchObject({
      decision: false,
      reason: 'unknown-set',
      message: "Denied: custom set 'broken' has errors (see tenant.diagnostics), so it decides nothing.",
      suggestions: [],
    });
    expect(t.explain({ id: 'u1', set: 'leed' }, 'deals.view', member('u1'))).toEqual(
      ev.explain({ id: 'u1', set: 'leed' }, 'deals.view', member('u1')),
    );
  });
});

describe('withCustomSets: Cedar', () => {
  it('toCedar gives exactly the permits `permset build --target cedar` writes for the same set as YAML', () => {
    const t = cs.withCustomSets([lead]);
    const policies = t.toCedar('regional-lead')!;
    expect(Object.keys(policies).length).toBeGreaterThan(0);
    const sources = collectSources(new NodeFileSystem(), join(REPO, 'policies')).sources;
    const yaml = `kind: PermissionSet\nid: regional-lead\nname: Regional lead\nextends: staff\ngrants:\n  absence.bookings.view: subsidiary\n  deals.view: member\n`;
    const result = compile([...sources, { uri: join(REPO, 'policies/sets/custom/regional-lead.yaml'), text: yaml }]);
    expect(result.hasErrors).toBe(false);
    const all = JSON.parse(exportCedar(buildPolicyModel(result)).files['policies.json']) as Record<string, string>;
    const expected = Object.fromEntries(Object.entries(all).filter(([id]) => id.startsWith('regional-lead/')));
    // Comments name where a grant is written: the YAML file there, the definition here.
    const strip = (o: Record<string, string>) =>
      Object.fromEntries(
        Object.entries(o).map(([k, v]) => [
          k,
          v
            .split('\n')
            .filter((l) => !l.trim().startsWith('//'))
            .join('\n'),
        ]),
      );
    expect(strip({ ...policies })).toEqual(strip(expected));
    expect(t.toCedar('staff')).toBeNull();
    expect(t.toCedar('__proto__')).toBeNull();
  });
});
