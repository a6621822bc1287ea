import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO } from '../../../helpers/cli.js';
import { evaluatorOfDir, type EvaluatorApi } from './evaluator-harness.js';

// Hostile requests against test/fixtures/explain/_shared: the evaluator never throws, never
// reads inherited properties, and a failing read fails only the condition it is in.
let ev: EvaluatorApi;
beforeAll(async () => {
  ev = (await evaluatorOfDir(join(REPO, 'test', 'fixtures', 'explain', '_shared'))).ev;
});

const budget = (attrs: Record<string, unknown> = {}) => ({ type: 'budget', owner: 'u2', members: ['u3'], ...attrs });

function throwingProxy<T extends object>(target: T): T {
  const trap = () => {
    throw new Error('trap');
  };
  return new Proxy(target, {
    get: trap,
    has: trap,
    getOwnPropertyDescriptor: trap,
    ownKeys: trap,
    getPrototypeOf: trap,
  });
}

function revoked<T extends object>(target: T): T {
  const { proxy, revoke } = Proxy.revocable(target, {});
  revoke();
  return proxy;
}

// Runs `run` with `props` defined on a shared prototype, and returns what it returned. Nothing
// else runs meanwhile (a polluted `set` would even break Object.defineProperty descriptors), so
// the caller asserts on the result after the cleanup.
function withPollution<T>(props: Record<string | number, unknown>, on: object, run: () => T): T {
  const keys = Object.keys(props);
  try {
    for (const k of keys)
      Object.defineProperty(
        on,
        k,
        Object.assign(Object.create(null), { value: props[k], configurable: true, writable: true }),
      );
    return run();
  } finally {
    for (const k of keys) delete (on as Record<string, unknown>)[k];
  }
}

describe('prototype pollution and inherited properties', () => {
  it('ignores attributes inherited from a polluted Object.prototype', () => {
    const seen = withPollution(
      { set: 'admin', owner: 'u1', members: ['u1'], type: 'budget', level: 5, amount: 1 },
      Object.prototype,
      () => [
        ev.can({ id: 'u1' }, 'settings.manage'),
        ev.can({ id: 'u1', set: 'manager' }, 'budgets.view', { type: 'budget' }),
        ev.can({ id: 'u1', set: 'manager' }, 'budgets.view', { owner: 'u1' }),
        ev.explain({ id: 'u1' }, 'settings.manage').reason,
        ev.explain({ id: 'u1', set: 'manager' }, 'budgets.view', { type: 'budget' }).reason, // owner, members inherited
        ev.explain({ id: 'u1', set: 'manager' }, 'budgets.view', {}).reason, // type inherited
      ],
    );
    expect(seen).toEqual([false, false, false, 'invalid-input', 'conditions-false', 'wrong-resource-type']);
  });

  it('ignores list elements inherited from a polluted Array.prototype (holes)', () => {
    // eslint-disable-next-line no-sparse-arrays
    const holey = [, 'u3'];
    const [polluted, allowed, ex] = withPollution(
      { 0: 'u1' },
      Array.prototype,
      () =>
        [
          holey[0],
          ev.can({ id: 'u1', set: 'manager' }, 'budgets.view', budget({ members: holey })),
          ev.explain({ id: 'u1', set: 'manager' }, 'budgets.view', budget({ members: holey })),
        ] as const,
    );
    expect(polluted).toBe('u1'); // the pollution was real
    expect(allowed).toBe(false);
    expect(ex.decision).toBe(false);
    expect(ex.evaluations[0]).toMatchObject({
      from: 'member',
      result: 'error',
      detail: 'resource.members has a hole at index 0',
    });
  });

  it('reads only own properties: prototypes, classes and magic names are not attributes', () => {
    expect(ev.can(Object.create({ id: 'u1', set: 'admin' }), 'settings.manage')).toBe(false);
    class User {
      id = 'u1';
      get set() {
        return 'admin';
      }
    }
    expect(ev.can(new User(), 'settings.manage')).toBe(false);
    // An own accessor is an own property: its getter is read.
    expect(
      ev.can(Object.defineProperty({ id: 'u1' }, 'set', { get: () => 'admin', enumerable: true }), 'settings.manage'),
    ).toBe(true);
    const nullProto = Object.assign(Object.create(null), { id: 'u1', set: 'admin' });
    expect(ev.can(nullProto, 'settings.manage')).toBe(true);
    for (const set of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'])
      expect(ev.can({ id: 'u1', set }, 'settings.manage')).toBe(false);
    for (const permission of ['__proto__', 'constructor', 'toString'])
      expect(ev.can({ id: 'u1', set: 'admin' }, permission)).toBe(false);
    expect(ev.can(JSON.parse('{"id":"u1","__proto__":{"set":"admin"}}'), 'settings.manage')).toBe(false);
  });

  it('never converts ids: no toString, valueOf or Symbol.toPrimitive is called', () => {
    let called = 0;
    const sneaky = {
      toString: () => (called++, 'admin'),
      valueOf: () => (called++, 'admin'),
      [Symbol.toPrimitive]: () => (called++, 'admin'),
    };
    expect(ev.can({ id: 'u1', set: sneaky }, 'settings.manage')).toBe(false);
    expect(ev.can({ id: 'u1', set: 'admin' }, sneaky)).toBe(false);
    expect(ev.has(sneaky, sneaky)).toBe(false);
    expect(ev.explain({ id: 'u1', set: sneaky }, 'settings.manage').reason).toBe('invalid-input');
    expect(ev.explain({ id: 'u1', set: 'admin' }, sneaky).reason).toBe('invalid-input');
    expect(called).toBe(0);
    expect(ev.can({ id: 'u1', set: Symbol('admin') }, 'settings.manage')).toBe(false);
  });
});

describe('proxies and getters', () => {
  it('denies, without throwing, when the subject, resource or context throws on every access', () => {
    const subject = { id: 'u1', set: 'admin' };
    expect(ev.can(throwingProxy(subject), 'settings.manage')).toBe(false);
    expect(ev.can(revoked(subject), 'settings.manage')).toBe(false);
    expect(ev.can(subject, 'budgets.view', throwingProxy(budget()))).toBe(false);
    expect(ev.can(subject, 'budgets.view', revoked(budget()))).toBe(false);
    expect(
      ev.can(
        { id: 'u1', set: 'client', can_budget: true },
        'budgets.view',
        budget({ members: ['u1'], client_access: true }),
        throwingProxy({ plan: 'pro' }),
      ),
    ).toBe(false);
    expect(ev.can(subject, 'settings.manage', undefined, revoked({}))).toBe(false);
    for (const [s, r] of [
      [throwingProxy(subject), undefined],
      [revoked(subject), undefined],
      [subject, throwingProxy(budget())],
      [subject, revoked(budget())],
    ] as const) {
      const ex = ev.explain(s, r ? 'budgets.view' : 'settings.manage', r);
      expect(ex.decision).toBe(false);
      expect(ex.reason).toBe('invalid-input');
      expect(ex.message).toBe('Denied: reading the request threw an exception.');
    }
  });

  it('a transparent proxy is an ordinary object', () => {
    expect(
      ev.can(
        new Proxy({ id: 'u1', set: 'manager' }, {}),
        'budgets.view',
        new Proxy(budget({ members: new Proxy(['u1'], {}) }), {}),
      ),
    ).toBe(true);
  });

  it('a throwing getter fails only the condition that reads it', () => {
    const members = (r: Record<string, unknown>) =>
      Object.defineProperty(r, 'members', {
        get: () => {
          throw new Error('members');
        },
        enumerable: true,
      });
    // member's own condition errs, but `own` (which member includes) still holds.
    expect(ev.can({ id: 'u1', set: 'manager' }, 'budgets.view', members({ type: 'budget', owner: 'u1' }))).toBe(true);
    expect(ev.can({ id: 'u1', set: 'manager' }, 'budgets.view', members({ type: 'budget', owner: 'u2' }))).toBe(false);
    const ex = ev.explain({ id: 'u1', set: 'manager' }, 'budgets.view', members({ type: 'budget', owner: 'u1' }));
    expect(ex.decision).toBe(true);
    expect(ex.evaluations.map((e) => [e.from, e.result, e.detail])).toEqual([
      ['member', 'error', 'reading resource.members threw an exception'],
      ['own', true, "resource.owner ('u1') == subject.id ('u1')"],
    ]);
  });

  it('a list longer than 1,000,000 elements is an error, without reading its elements', () => {
    let reads = 0;
    const huge = new Proxy([] as string[], {
      get(target, key) {
        if (key === 'length') return 2 ** 32 - 1;
        if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
        return Reflect.get(target, key);
      },
    });
    expect(ev.can({ id: 'u1', set: 'manager' }, 'budgets.view', budget({ members: huge }))).toBe(false);
    expect(
      ev.explain({ id: 'u1', set: 'manager' }, 'budgets.view', budget({ members: huge })).evaluations[0]!.detail,
    ).toBe('resource.members has 4294967295 elements, more than the 1000000 a list may have');
    expect(reads).toBe(0);
    const limit = new Array<string>(1_000_000).fill('x');
    limit[999_999] = 'u1';
    expect(ev.can({ id: 'u1', set: 'manager' }, 'budgets.view', budget({ members: limit }))).toBe(true);
    expect(ev.can({ id: 'u1', set: 'manager' }, 'budgets.view', budget({ members: [...limit, 'x'] }))).toBe(false);
  });

  it('explain() never throws and always agrees with can() on hostile values', () => {
    const values: unknown[] = [
      undefined,
      null,
      0,
      '',
      'admin',
      [],
      ['admin'],
      {},
      Symbol('s'),
      () => 'admin',
      throwingProxy({}),
      revoked({}),
      Object.create(null),
      new Date(0),
      /admin/,
    ];
    for (const subject of [...values, { id: 'u1', set: 'admin' }, { id: 'u1', set: 'manager' }]) {
      for (const permission of ['budgets.view', 'settings.manage', ...values]) {
        for (const resource of [...values, budget({ owner: 'u1' })]) {
          const ex = ev.explain(subject, permission, resource, resource);
          expect(ex.decision).toBe(ev.can(subject, permission, resource, resource));
          expect(typeof ex.message).toBe('string');
        }
      }
    }
  });
});
