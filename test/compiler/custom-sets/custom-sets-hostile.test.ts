import { beforeAll, describe, expect, it } from 'vitest';
import { compileFixture } from '../../helpers/fixtures.js';
import { REPO } from '../../helpers/cli.js';
import { customSetsOf, type CustomSetsModule, type TenantApi } from './custom-sets-harness.js';

// Tenant data is hostile until proven otherwise: each input gets a diagnostic or a deny, never a
// throw, never a polluted prototype, never a hang (the suite timeout bounds each case).
let cs: CustomSetsModule;
beforeAll(async () => {
  ({ cs } = await customSetsOf(compileFixture(REPO, 'policies')));
}, 120_000);

const base = { id: 'x', name: 'X', extends: 'staff' };
const codes = (t: TenantApi) => t.diagnostics.map((d) => [d.code, d.path]);

function safely(definitions: unknown, options?: unknown): TenantApi {
  const before = Object.getOwnPropertyNames(Object.prototype).length;
  const t = cs.withCustomSets(definitions, options);
  expect(Object.getOwnPropertyNames(Object.prototype).length).toBe(before);
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  expect(typeof t.can).toBe('function');
  return t;
}

describe('withCustomSets: hostile definitions', () => {
  it('__proto__ and constructor as ids and keys are ordinary strings', () => {
    const proto = JSON.parse(
      '{"id":"__proto__","name":"P","extends":"staff","grants":{"__proto__":"all","constructor":"all"},"__proto__":{"polluted":1}}',
    );
    const t = safely([proto, { ...base, id: 'constructor' }]);
    // As in a YAML file: the key fails the schema's pattern (one mistake, one diagnostic), and a
    // well-formed key that names no permission is unknown.
    expect(codes(t)).toEqual([
      ['schema-unknown-key', '/0/__proto__'],
      ['schema-value', '/0/grants/__proto__'],
      ['unknown-permission', '/0/grants/constructor'],
      ['schema-value', '/0/id'],
    ]);
    expect(t.can({ id: 'u', set: '__proto__' }, 'deals.view', {})).toBe(false);
    // 'constructor' is a well-formed set id: a set like any other.
    expect(t.can({ id: 'u', set: 'constructor' }, 'projects.view', { type: 'project', members: ['u'] })).toBe(true);
    expect(t.can({ id: 'u', set: 'constructor' }, 'constructor', {})).toBe(false);
  });

  it('non-JSON values: functions, getters (never called), undefined, NaN, class instances, symbols', () => {
    let called = false;
    const getter = {
      ...base,
      get name() {
        called = true;
        return 'X';
      },
    };
    const t = safely([
      { ...base, grants: { 'deals.view': () => 'all' } },
      getter,
      { ...base, description: undefined },
      { ...base, name: NaN },
      { ...base, include: new Set() },
      Symbol('s'),
    ]);
    expect(called).toBe(false);
    expect(t.diagnostics.map((d) => [d.code, d.path, d.message])).toEqual([
      ['custom-set-value', '/0/grants/deals.view', 'A function is not a JSON value.'],
      ['custom-set-value', '/1/name', 'A getter or setter is not a JSON value; it is not called.'],
      ['custom-set-value', '/2/description', 'A missing (undefined) value is not a JSON value.'],
      ['custom-set-value', '/3/name', 'NaN is not a JSON value.'],
      [
        'custom-set-value',
        '/4/include',
        'Only plain objects are JSON values (not a class instance, a Map, a Date...).',
      ],
      ['custom-set-value', '/5', 'A symbol is not a JSON value.'],
    ]);
  });

  it('proxies that throw on every trap, and revoked proxies', () => {
    const thrower = new Proxy(
      {},
      {
        get() {
          throw new Error('boom');
        },
        ownKeys() {
          throw new Error('boom');
        },
        getOwnPropertyDescriptor() {
          throw new Error('boom');
        },
        getPrototypeOf() {
          throw new Error('boom');
        },
      },
    );
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    const t = safely([thrower, { ...base, grants: proxy }]);
    expect(codes(t)).toEqual([
      ['custom-set-value', '/0'],
      ['custom-set-value', '/1'],
    ]);
    const list = new Proxy([], {
      get() {
        throw new Error('boom');
      },
      getOwnPropertyDescriptor() {
        throw new Error('boom');
      },
    });
    expect(codes(safely(list))).toEqual([['custom-set-value', '']]);
    expect(
      codes(
        safely(
          [base],
          new Proxy(
            {},
            {
              getOwnPropertyDescriptor() {
                throw new Error('boom');
              },
            },
          ),
        ),
      ),
    ).toEqual([
      ['unknown-set', ''],
      ['exceeds-grantor', '/0'],
    ]);
  });

  it('cycles in the value and through extends', () => {
    const cyclic: Record<string, unknown> = { ...base };
    cyclic['grants'] = { self: cyclic };
    const t = safely([cyclic, { id: 'a', name: 'A', extends: 'a' }]);
    expect(codes(t)).toEqual([
      ['custom-set-value', '/0/grants/self'],
      ['extends-cycle', '/1/extends'],
    ]);
  });

  it('frozen and sparse arrays; a list that is not an array', () => {
    expect(safely(Object.freeze([Object.freeze({ ...base })])).ok).toBe(true);
    // eslint-disable-next-line no-sparse-arrays
    expect(codes(safely([base, , { ...base, id: 'y', include: [, 'crm-access'] }]))).toEqual([
      ['custom-set-value', '/1'],
      ['custom-set-value', '/2/include/0'],
    ]);
    for (const v of [undefined, null, 'x', 42, {}, () => []])
      expect(codes(safely(v))).toEqual([['custom-set-value', '']]);
  });

  it('bounded sizes: a 10 MB string, 100,000 grants, 10,000-deep nesting, 1,001 definitions', () => {
    const t0 = performance.now();
    expect(codes(safely([{ ...base, description: 'x'.repeat(10 * 1024 * 1024) }]))).toEqual([
      ['custom-set-limit', '/0/description'],
    ]);
    const grants: Record<string, string> = {};
    for (let i = 0; i < 100_000; i++) grants[`p.g${i}`] = 'all';
    expect(codes(safely([{ ...base, grants }]))).toEqual([['custom-set-limit', '/0/grants/p.g19995']]);
    let deep: unknown = 'all';
    for (let i = 0; i < 10_000; i++) deep = [deep];
    expect(codes(safely([{ ...base, grants: { 'deals.view': deep } }]))[0]![0]).toBe('custom-set-limit');
    expect(codes(safely(new Array(1001).fill(base)))).toEqual([['custom-set-limit', '']]);
    expect(performance.now() - t0).toBeLessThan(60_000);
  });

  it('hostile requests to a tenant deny, never throw', () => {
    const t = safely([{ ...base, grants: { 'deals.view': 'member' } }]);
    const hostile = [
      null,
      undefined,
      1,
      'nope',
      '__proto__',
      [],
      () => 1,
      new Proxy(
        {},
        {
          get() {
            throw new Error('boom');
          },
          has() {
            throw new Error('boom');
          },
          getOwnPropertyDescriptor() {
            throw new Error('boom');
          },
        },
      ),
    ];
    for (const s of [...hostile, { id: 'u', set: 'x' }])
      for (const r of hostile) for (const c of hostile) expect(t.can(s, 'deals.view', r, c)).toBe(false);
    for (const v of hostile) {
      expect(t.permissionsOf(v)).toEqual([]);
      expect(t.setsWith(v)).toEqual([]);
      expect(t.preview(v)).toBeNull();
      expect(() => t.explain(v, v, v, v)).not.toThrow();
      expect(t.toCedar(v)).toBeNull();
    }
  });

  it('explanations of a run-time set: hostile requests are explained as denies, equal to can(), never a throw', () => {
    const t = safely([
      { ...base, grants: { 'deals.view': 'member' } },
      { ...base, id: 'constructor' },
      { ...base, id: '__proto__' },
    ]);
    const boom = () => {
      throw new Error('boom');
    };
    const hostile = [
      null,
      undefined,
      1,
      'x',
      [],
      () => 1,
      new Proxy({}, { get: boom, has: boom, getOwnPropertyDescriptor: boom, ownKeys: boom }),
      {
        get set() {
          return boom();
        },
      },
      {
        type: 'deal',
        get members() {
          return boom();
        },
      },
    ];
    for (const set of ['x', 'constructor', '__proto__']) {
      for (const r of hostile) {
        for (const c of hostile) {
          const subject = { id: 'u', set };
          const e = t.explain(subject, 'deals.view', r, c) as { decision: boolean; reason: string };
          expect(e.decision).toBe(t.can(subject, 'deals.view', r, c));
          expect(e.decision).toBe(false);
        }
      }
      // A getter on the subject's set is read once, by explain() itself: an invalid-input deny.
      expect(
        t.explain(
          {
            get set() {
              return boom();
            },
          },
          'deals.view',
          {},
        ),
      ).toMatchObject({ decision: false, reason: 'invalid-input' });
    }
    expect(
      t.explain({ id: 'u', set: 'constructor' }, 'projects.view', { type: 'project', members: ['u'] }),
    ).toMatchObject({ decision: true, reason: 'granted', set: 'constructor' });
    // '__proto__' is not a well-formed set id: that definition has errors and decides nothing.
    expect(t.diagnostics.some((d) => d.path.startsWith('/2/'))).toBe(true);
    expect(
      t.explain({ id: 'u', set: '__proto__' }, 'projects.view', { type: 'project', members: ['u'] }),
    ).toMatchObject({
      decision: false,
      reason: 'unknown-set',
      set: '__proto__',
      message: "Denied: custom set '__proto__' has errors (see tenant.diagnostics), so it decides nothing.",
    });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});
