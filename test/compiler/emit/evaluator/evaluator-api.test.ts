import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { VERSION } from '../../../../packages/compiler/src/version.js';
import { REPO } from '../../../helpers/cli.js';
import { evaluatorOfDir, type EvaluatorApi } from './evaluator-harness.js';

// The generated API on test/fixtures/explain/_shared (staff ⊂ manager ⊂ team-lead with the
// `approvals` fragment, admin and admin-restricted, client with a grant condition).
let ev: EvaluatorApi;
beforeAll(async () => {
  ev = (await evaluatorOfDir(join(REPO, 'test', 'fixtures', 'explain', '_shared'))).ev;
});

const budget = (attrs: Record<string, unknown> = {}) => ({ type: 'budget', owner: 'u2', members: ['u3'], ...attrs });
const u1 = (set: string, attrs: Record<string, unknown> = {}) => ({ id: 'u1', set, ...attrs });

describe('can()', () => {
  it('allows through each scope and its covered scopes', () => {
    expect(ev.can(u1('staff'), 'budgets.view', budget({ owner: 'u1' }))).toBe(true);
    expect(ev.can(u1('staff'), 'budgets.view', budget({ members: ['u1'] }))).toBe(false); // own only
    expect(ev.can(u1('manager'), 'budgets.view', budget({ members: ['u1'] }))).toBe(true);
    expect(ev.can(u1('manager'), 'budgets.view', budget({ owner: 'u1' }))).toBe(true); // member includes own
    expect(ev.can(u1('manager'), 'budgets.view', budget())).toBe(false);
    expect(ev.can(u1('admin'), 'budgets.view', budget())).toBe(true); // all: no condition
  });

  it('requires the permission resource type, and ignores the resource of an untyped permission', () => {
    expect(ev.can(u1('admin'), 'budgets.view', { type: 'invoice', members: [] })).toBe(false);
    expect(ev.can(u1('admin'), 'budgets.view', undefined)).toBe(false);
    expect(ev.can(u1('admin'), 'budgets.view', { owner: 'u2' })).toBe(false);
    expect(ev.can(u1('admin'), 'settings.manage')).toBe(true);
    expect(ev.can(u1('admin'), 'settings.manage', { type: 'anything' })).toBe(true);
    expect(ev.can(u1('admin'), 'settings.manage', null)).toBe(true);
  });

  it('denies unknown sets and permissions, and malformed subjects', () => {
    expect(ev.can(u1('nobody'), 'budgets.view', budget({ owner: 'u1' }))).toBe(false);
    expect(ev.can(u1('admin'), 'budgets.delete', budget())).toBe(false);
    expect(ev.can({ id: 'u1' }, 'settings.manage')).toBe(false);
    expect(ev.can({ id: 'u1', set: ['admin'] }, 'settings.manage')).toBe(false);
    expect(ev.can(null, 'settings.manage')).toBe(false);
    expect(ev.can('admin', 'settings.manage')).toBe(false);
    expect(ev.can([], 'settings.manage')).toBe(false);
    expect(ev.can(u1('admin'), 42)).toBe(false);
    expect(ev.can(u1('admin'), undefined)).toBe(false);
  });

  it('evaluates grant conditions with the context, a non-object context being no context', () => {
    const client = u1('client', { can_budget: true });
    const shared = budget({ members: ['u1'], client_access: true });
    expect(ev.can(client, 'budgets.view', shared, { plan: 'pro' })).toBe(true);
    expect(ev.can(client, 'budgets.view', shared, { plan: 'standard' })).toBe(false);
    expect(ev.can(client, 'budgets.view', shared)).toBe(false); // context.plan missing: error
    expect(ev.can(client, 'budgets.view', shared, 'pro')).toBe(false);
    expect(ev.can(client, 'budgets.view', shared, ['pro'])).toBe(false);
    expect(ev.can(u1('client', { can_budget: false }), 'budgets.view', shared, { plan: 'pro' })).toBe(false);
    expect(ev.can(client, 'budgets.view', budget({ members: ['u1'], client_access: 'yes' }), { plan: 'pro' })).toBe(
      false,
    );
  });

  it('treats errors Cedar-style: short-circuits, propagation through not, and per condition', () => {
    // small: not has(resource.amount) or resource.amount < 1000 (via the approvals fragment)
    const lead = u1('manager', { level: 1 });
    expect(ev.can(lead, 'budgets.approve', budget())).toBe(true); // amount missing: not has → true
    expect(ev.can(lead, 'budgets.approve', budget({ amount: null }))).toBe(true); // null is missing
    expect(ev.can(lead, 'budgets.approve', budget({ amount: 999 }))).toBe(true);
    expect(ev.can(lead, 'budgets.approve', budget({ amount: 1000 }))).toBe(false);
    expect(ev.can(lead, 'budgets.approve', budget({ amount: '5' }))).toBe(false); // present, wrong type: error
    expect(ev.can(lead, 'budgets.approve', budget({ amount: Number.NaN }))).toBe(false);
    // member with `when: subject.level >= 2`: an erroring `when` fails only its own scope
    expect(ev.can(u1('manager', { level: 2 }), 'budgets.approve', budget({ members: ['u1'], amount: 5000 }))).toBe(
      true,
    );
    expect(ev.can(u1('manager', { level: '2' }), 'budgets.approve', budget({ members: ['u1'], amount: 5000 }))).toBe(
      false,
    );
    expect(ev.can(u1('manager', { level: '2' }), 'budgets.approve', budget({ members: ['u1'], amount: 5 }))).toBe(true);
  });

  it('never applies a condition that cannot apply to the resource type (invoices have no owner)', () => {
    expect(ev.can(u1('staff'), 'invoices.view', { type: 'invoice', members: ['u1'] })).toBe(true);
    expect(ev.can(u1('staff'), 'invoices.view', { type: 'invoice', members: [], owner: 'u1' })).toBe(false);
  });

  it('applies restrict: admin-restricted sees members only', () => {
    expect(ev.can(u1('admin-restricted'), 'budgets.view', budget())).toBe(false);
    expect(ev.can(u1('admin-restricted'), 'budgets.view', budget({ members: ['u1'] }))).toBe(true);
    expect(ev.can(u1('admin-restricted'), 'settings.manage')).toBe(true); // no member scope: stays all
  });
});

describe('prepare() and canId()', () => {
  it('prepare(permission) decides like can()', () => {
    const view = ev.prepare('budgets.view');
    expect(view(u1('manager'), budget({ members: ['u1'] }))).toBe(true);
    expect(view(u1('manager'), budget())).toBe(false);
    expect(view(u1('nobody'), budget({ owner: 'u1' }))).toBe(false);
    expect(view(null)).toBe(false);
    const settings = ev.prepare('settings.manage');
    expect(settings(u1('admin'))).toBe(true);
    const unknown = ev.prepare('budgets.delete');
    expect(unknown(u1('admin'), budget())).toBe(false);
    expect(ev.prepare({ toString: () => 'budgets.view' })(u1('admin'), budget())).toBe(false);
  });

  it('canId uses integer handles and denies out-of-range or non-integer handles', () => {
    expect(ev.SET['manager']).toBe(4);
    expect(ev.PERMISSION['budgets.view']).toBe(0);
    expect(ev.canId(ev.SET['manager'], ev.PERMISSION['budgets.view'], { id: 'u1' }, budget({ members: ['u1'] }))).toBe(
      true,
    );
    expect(ev.canId(ev.SET['staff'], ev.PERMISSION['budgets.view'], { id: 'u1' }, budget({ members: ['u1'] }))).toBe(
      false,
    );
    for (const bad of [-1, ev.SET_IDS.length, 0.5, Number.NaN, '1', null, { valueOf: () => 1 }]) {
      expect(ev.canId(bad, 0, { id: 'u1' }, budget({ owner: 'u1' }))).toBe(false);
      expect(ev.canId(0, bad, { id: 'u1' }, budget({ owner: 'u1' }))).toBe(false);
    }
    expect(ev.canId(ev.SET['admin'], ev.PERMISSION['settings.manage'], null)).toBe(false);
  });

  it('exposes frozen, prototype-free handle tables', () => {
    expect(Object.isFrozen(ev.SET)).toBe(true);
    expect(Object.getPrototypeOf(ev.SET)).toBe(null);
    expect(ev.SET['constructor']).toBe(undefined);
    // Roots by id, each followed by the sets derived from it (the model's order).
    expect(ev.SET_IDS).toEqual(['admin', 'admin-restricted', 'client', 'staff', 'manager', 'team-lead']);
    expect(ev.PERMISSION_IDS).toEqual(['budgets.view', 'budgets.approve', 'invoices.view', 'settings.manage']);
    expect(ev.RESOURCE_TYPES).toEqual(['budget', 'invoice']);
    expect(Object.isFrozen(ev.SET_IDS)).toBe(true);
  });
});

describe('has(), permissionsOf(), setsWith() and helpers', () => {
  it('has() is "granted in any scope", whatever the conditions', () => {
    expect(ev.has('client', 'budgets.view')).toBe(true);
    expect(ev.has('staff', 'settings.manage')).toBe(false);
    expect(ev.has('team-lead', 'budgets.approve')).toBe(true);
    expect(ev.has('nobody', 'budgets.view')).toBe(false);
    expect(ev.has('staff', 'nope')).toBe(false);
    expect(ev.has('__proto__', 'budgets.view')).toBe(false);
  });

  it('permissionsOf() and setsWith() list in catalog and policy order, frozen', () => {
    expect(ev.permissionsOf('manager')).toEqual(['budgets.view', 'budgets.approve', 'invoices.view']);
    expect(ev.permissionsOf('nobody')).toEqual([]);
    expect(ev.setsWith('settings.manage')).toEqual(['admin', 'admin-restricted']);
    expect(ev.setsWith('budgets.view')).toEqual([
      'admin',
      'admin-restricted',
      'client',
      'staff',
      'manager',
      'team-lead',
    ]);
    expect(ev.setsWith('nope')).toEqual([]);
    expect(Object.isFrozen(ev.permissionsOf('manager'))).toBe(true);
    expect(ev.permissionsOf('manager')).toBe(ev.permissionsOf('manager'));
  });

  it('resourceTypeOf(), isSetId(), isPermissionId()', () => {
    expect(ev.resourceTypeOf('budgets.view')).toBe('budget');
    expect(ev.resourceTypeOf('settings.manage')).toBe(null);
    expect(ev.resourceTypeOf('nope')).toBe(null);
    expect(ev.isSetId('admin')).toBe(true);
    expect(ev.isSetId('toString')).toBe(false);
    expect(ev.isSetId(3)).toBe(false);
    expect(ev.isPermissionId('invoices.view')).toBe(true);
    expect(ev.isPermissionId('__proto__')).toBe(false);
  });

  it('names its version and model hash', () => {
    expect(ev.PERMSET_VERSION).toBe(VERSION);
    expect(ev.MODEL_HASH).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});
