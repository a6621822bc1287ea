import { describe, expect, it, vi } from 'vitest';

vi.mock('../../../../packages/compiler/src/runtime/cedar/entities-tables.js', () => ({
  USER_TYPE: 'Permset::User',
  ROLE_TYPE: 'Permset::Role',
  ACTION_TYPE: 'Permset::Action',
  NO_RESOURCE_TYPE: 'Permset::NoResource',
  SET_IDS: new Set(['staff']),
  PERMISSIONS: new Map([
    ['budgets.view', 0],
    ['reports.run', -1],
  ]),
  RESOURCES: [
    [
      'budget',
      'Permset::budget',
      [
        ['owner', 0],
        ['amount', 1],
        ['tags', 3],
      ],
      true,
    ],
  ],
  USER: [['team', 0]],
  USER_MARKERS: false,
  CONTEXT: [['ip', 0]],
  CONTEXT_MARKERS: true,
}));

const entities = await import('../../../../packages/compiler/src/runtime/cedar/entities.js');

describe('runtime/cedar/entities: permset requests as Cedar requests', () => {
  it('builds the principal, its role and the resource with the readable attributes', () => {
    const request = entities.toCedarRequest(
      { id: 'u1', set: 'staff', team: 't' },
      'budgets.view',
      { type: 'budget', id: 'b1', owner: 'u1', amount: 1.5, tags: ['a'] },
      { ip: 7 },
    );
    expect(request).toEqual({
      principal: { type: 'Permset::User', id: 'u1' },
      action: { type: 'Permset::Action', id: 'budgets.view' },
      resource: { type: 'Permset::budget', id: 'b1' },
      context: { $invalid: ['ip'] },
      entities: [
        {
          uid: { type: 'Permset::User', id: 'u1' },
          attrs: { team: 't' },
          parents: [{ type: 'Permset::Role', id: 'staff' }],
        },
        { uid: { type: 'Permset::Role', id: 'staff' }, attrs: {}, parents: [] },
        {
          uid: { type: 'Permset::budget', id: 'b1' },
          attrs: { owner: 'u1', tags: ['a'], $invalid: ['amount'] },
          parents: [],
        },
      ],
    });
  });

  it('denies (undefined) where permset denies before any condition', () => {
    expect(entities.toCedarRequest({ set: 'other' }, 'budgets.view', { type: 'budget' })).toBeUndefined();
    expect(entities.toCedarRequest({ set: 'staff' }, 'budgets.view', { type: 'deal' })).toBeUndefined();
    expect(entities.toCedarRequest({ set: 'staff' }, 'nope', undefined)).toBeUndefined();
    expect(entities.toCedarEntities({ set: 'staff' }, 'reports.run')?.[2]).toEqual({
      uid: { type: 'Permset::NoResource', id: '' },
      attrs: {},
      parents: [],
    });
  });

  it("forSets: the helpers also accept the given set ids (a tenant's run-time sets), and only strings of a list", () => {
    const helpers = entities.forSets(['regional-lead', 7, '__proto__']);
    expect(Object.isFrozen(helpers)).toBe(true);
    const request = helpers.toCedarRequest({ id: 'u1', set: 'regional-lead' }, 'budgets.view', {
      type: 'budget',
      id: 'b1',
    });
    expect(request?.entities.slice(0, 2)).toEqual([
      {
        uid: { type: 'Permset::User', id: 'u1' },
        attrs: {},
        parents: [{ type: 'Permset::Role', id: 'regional-lead' }],
      },
      { uid: { type: 'Permset::Role', id: 'regional-lead' }, attrs: {}, parents: [] },
    ]);
    expect(helpers.toCedarEntities({ id: 'u1', set: 'staff' }, 'reports.run')?.[1]).toEqual({
      uid: { type: 'Permset::Role', id: 'staff' },
      attrs: {},
      parents: [],
    });
    expect(helpers.toCedarRequest({ set: '__proto__' }, 'reports.run')?.principal).toEqual({
      type: 'Permset::User',
      id: '',
    });
    expect(helpers.toCedarRequest({ set: 7 }, 'reports.run')).toBeUndefined();
    expect(helpers.toCedarRequest({ set: 'other' }, 'reports.run')).toBeUndefined();
    // The built helpers are unchanged; hostile lists give the built ids alone, never a throw.
    expect(entities.toCedarRequest({ set: 'regional-lead' }, 'reports.run')).toBeUndefined();
    const throwing = new Proxy([], {
      get() {
        throw new Error('trap');
      },
    });
    for (const ids of [undefined, 'regional-lead', { 0: 'regional-lead', length: 1 }, throwing]) {
      const h = entities.forSets(ids);
      expect(h.toCedarRequest({ set: 'regional-lead' }, 'reports.run')).toBeUndefined();
      expect(h.toCedarRequest({ set: 'staff' }, 'reports.run')).toBeDefined();
    }
  });

  it('lists an attribute whose read threw in $error', () => {
    const resource = {
      type: 'budget',
      get owner(): string {
        throw new Error('getter');
      },
    };
    expect(entities.attributes(resource, [['owner', 0]], true)).toEqual({ $error: ['owner'] });
  });

  it('wellFormed: whole Unicode characters only (the one definition the Cedar export uses too)', () => {
    expect([
      entities.wellFormed('a\u{1f600}'),
      entities.wellFormed('a\ud800'),
      entities.wellFormed('\udc00'),
      entities.wellFormed('\ud800x'),
    ]).toEqual([true, false, false, false]);
  });
});
