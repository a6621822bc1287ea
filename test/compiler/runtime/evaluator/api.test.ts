import { describe, expect, it, vi } from 'vitest';

// A policy of two sets and three permissions, as the generator would write its tables:
// `viewer` may view budgets of its own (a condition), `admin` may view and edit any budget.
vi.mock('../../../../packages/compiler/src/runtime/evaluator/tables.js', () => {
  const own = (s: { id?: unknown }, r: { owner?: unknown }) => typeof r === 'object' && r !== null && r.owner === s.id;
  return {
    SET_IDS: ['viewer', 'admin'],
    PERMISSION_IDS: ['budgets.view', 'budgets.edit', 'reports.run'],
    RESOURCE_TYPES: ['budget'],
    PERMISSION_TYPE: [0, 0, -1],
    F: [() => true, () => false, own],
    GRANTS: [0, 0, 2, 1, 0, 0, 1, 1, 0],
    EXPLAIN_DATA: '{}',
  };
});

const api = await import('../../../../packages/compiler/src/runtime/evaluator/api.js');

describe('runtime/evaluator/api on generated tables', () => {
  it('decides through the grant functions, and denies what is not granted', () => {
    expect(api.can({ id: 'u1', set: 'viewer' }, 'budgets.view', { owner: 'u1' })).toBe(true);
    expect(api.can({ id: 'u1', set: 'viewer' }, 'budgets.view', { owner: 'u2' })).toBe(false);
    expect(api.can({ id: 'u1', set: 'viewer' }, 'budgets.edit', {})).toBe(false);
    expect(api.can({ id: 'u1', set: 'admin' }, 'budgets.edit', {})).toBe(true);
  });

  it('denies unknown and hostile input without throwing', () => {
    const throwing = new Proxy(
      {},
      {
        getOwnPropertyDescriptor: () => {
          throw new Error('trap');
        },
      },
    );
    expect(api.can({ set: '__proto__' }, 'budgets.view', {})).toBe(false);
    expect(api.can({ set: 'admin' }, 'constructor', {})).toBe(false);
    expect(api.can(throwing, 'budgets.view', {})).toBe(false);
    expect(api.can(null, 'budgets.view', {})).toBe(false);
    expect(api.can({ set: 'admin' }, 'budgets.view', {}, 'not a context')).toBe(true);
  });

  it('prepare and canId agree with can', () => {
    const view = api.prepare('budgets.view');
    expect(view({ id: 'u1', set: 'viewer' }, { owner: 'u1' })).toBe(true);
    expect(api.prepare('nope')({ set: 'admin' })).toBe(false);
    expect(api.canId(api.SET['admin']!, api.PERMISSION['budgets.edit']!, { set: 'anything' })).toBe(true);
    expect([api.canId(2, 0, {}), api.canId(0.5, 0, {}), api.canId('0', 0, {})]).toEqual([false, false, false]);
  });

  it('answers the menu queries from the grant table', () => {
    expect(api.has('viewer', 'budgets.view')).toBe(true);
    expect(api.has('viewer', 'reports.run')).toBe(false);
    expect(api.permissionsOf('admin')).toEqual(['budgets.view', 'budgets.edit']);
    expect(Object.isFrozen(api.permissionsOf('admin'))).toBe(true);
    expect(api.permissionsOf('admin')).toBe(api.permissionsOf('admin'));
    expect(api.setsWith('budgets.view')).toEqual(['viewer', 'admin']);
    expect(api.setsWith('nope')).toEqual([]);
    expect([api.resourceTypeOf('budgets.view'), api.resourceTypeOf('reports.run'), api.resourceTypeOf('nope')]).toEqual(
      ['budget', null, null],
    );
    expect([api.isSetId('admin'), api.isSetId('toString'), api.isPermissionId('reports.run')]).toEqual([
      true,
      false,
      true,
    ]);
    expect(Object.getPrototypeOf(api.SET)).toBe(null);
  });
});
