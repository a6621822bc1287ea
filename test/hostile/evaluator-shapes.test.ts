import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO } from '../helpers/cli.js';
import { evaluatorOfDir, type EvaluatorApi } from '../compiler/emit/evaluator/evaluator-harness.js';

// What test/compiler/emit/evaluator/evaluator-hostile.test.ts and evaluator-properties.test.ts leave out:
// requests that are ALLOWED as written, made hostile in exactly one place (the wrong shape, the
// wrong type, a getter or proxy that throws). Each must flip to a deny: never a throw, and never
// an allow that the hostile value "earned" by coercion, inheritance or a lenient comparison.
// Policies: test/fixtures/explain/_shared (client: member when resource.client_access and
// subject.can_budget and context.plan != 'standard'; small: not has(resource.amount) or
// resource.amount < 1000).
let ev: EvaluatorApi;
beforeAll(async () => {
  ev = (await evaluatorOfDir(join(REPO, 'test', 'fixtures', 'explain', '_shared'))).ev;
});

const thrower = () => {
  throw new Error('boom');
};
/** `base` with `key` turned into an own getter that throws. */
const throwingAt = (base: Record<string, unknown>, key: string) =>
  Object.defineProperty({ ...base }, key, { get: thrower, enumerable: true });
/** A proxy that answers everything about `base` but throws when `key` is read. */
const proxyThrowingAt = (base: Record<string, unknown>, key: string) =>
  new Proxy({ ...base }, { get: (t, k) => (k === key ? thrower() : Reflect.get(t, k)) });
/** The same own properties on an array and on a function: objects, but not the shape asked for. */
const reshaped = (base: Record<string, unknown>) => [Object.assign([], base), Object.assign(() => true, base)];

/** Every way a decision is asked: can, the prepared check, explain (which must agree). */
function decisions(subject: unknown, permission: string, resource?: unknown, context?: unknown): boolean[] {
  const ex = ev.explain(subject, permission, resource, context);
  return [
    ev.can(subject, permission, resource, context),
    ev.prepare(permission)(subject, resource, context),
    ex.decision,
  ];
}

const ALLOW = [true, true, true];
const DENY = [false, false, false];

describe('an allowed request made hostile in one place is denied', () => {
  const admin = { id: 'u1', set: 'admin' };
  const manager = { id: 'u1', set: 'manager' };
  const budget = { type: 'budget', owner: 'u1', members: ['u1'], client_access: true };
  const client = { id: 'u1', set: 'client', can_budget: true };
  const clientBudget = { type: 'budget', owner: 'u2', members: ['u1'], client_access: true };
  const pro = { plan: 'pro' };

  it('baselines: as written, each request is allowed', () => {
    expect(decisions(admin, 'settings.manage')).toEqual(ALLOW);
    expect(decisions(manager, 'budgets.view', budget)).toEqual(ALLOW);
    expect(decisions(client, 'budgets.view', clientBudget, pro)).toEqual(ALLOW);
  });

  it('the subject: not an object, a throwing `set` or `id`, a mistyped `set`', () => {
    for (const [i, s] of [
      ...reshaped(admin),
      null,
      undefined,
      'admin',
      1,
      throwingAt(admin, 'set'),
      proxyThrowingAt(admin, 'set'),
      { ...admin, set: ['admin'] },
      { ...admin, set: new String('admin') },
    ].entries()) {
      expect(decisions(s, 'settings.manage'), `case ${i}`).toEqual(DENY);
    }
    // `own` and `member` read subject.id: a throwing or mistyped id fails both scopes.
    for (const [i, s] of [
      throwingAt(manager, 'id'),
      proxyThrowingAt(manager, 'id'),
      { ...manager, id: ['u1'] },
      { ...manager, id: 1 },
    ].entries()) {
      expect(decisions(s, 'budgets.view', budget), `case ${i}`).toEqual(DENY);
    }
    for (const [i, s] of [
      throwingAt(client, 'can_budget'),
      { ...client, can_budget: 'true' },
      { ...client, can_budget: 1 },
    ].entries()) {
      expect(decisions(s, 'budgets.view', clientBudget, pro), `case ${i}`).toEqual(DENY);
    }
  });

  it('the resource: not an object, a throwing or mistyped `type`, mistyped attributes', () => {
    for (const [i, r] of [
      ...reshaped(budget),
      null,
      undefined,
      'budget',
      throwingAt(budget, 'type'),
      proxyThrowingAt(budget, 'type'),
      { ...budget, type: ['budget'] },
    ].entries()) {
      expect(decisions(manager, 'budgets.view', r), `case ${i}`).toEqual(DENY);
    }
    // owner and members both fail (one wrong type each, the other leaves no match), so own,
    // member and small-via-all cannot hold; manager grants `member` and `own` only.
    for (const [i, r] of [
      { ...budget, owner: ['u1'], members: ['u2'] },
      { ...budget, owner: 'u2', members: 'u1' },
      { ...budget, owner: 'u2', members: { 0: 'u1', length: 1 } },
      { ...budget, owner: 'u2', members: [['u1']] },
      throwingAt({ ...budget, owner: 'u2' }, 'members'),
    ].entries()) {
      expect(decisions(manager, 'budgets.view', r), `case ${i}`).toEqual(DENY);
    }
    for (const [i, r] of [
      { ...clientBudget, client_access: 'true' },
      { ...clientBudget, client_access: 1 },
      throwingAt(clientBudget, 'client_access'),
    ].entries()) {
      expect(decisions(client, 'budgets.view', r, pro), `case ${i}`).toEqual(DENY);
    }
  });

  it('the context: not an object, a throwing or mistyped attribute under a negated comparison', () => {
    // `context.plan != 'standard'` must not hold for a plan that is not a string at all.
    for (const [i, c] of [
      ...reshaped(pro),
      null,
      'pro',
      throwingAt(pro, 'plan'),
      proxyThrowingAt(pro, 'plan'),
      { plan: 1 },
      { plan: ['pro'] },
      { plan: null },
      { plan: true },
      {},
    ].entries()) {
      expect(decisions(client, 'budgets.view', clientBudget, c), `case ${i}`).toEqual(DENY);
    }
  });
});
