import { beforeAll, describe, expect, it } from 'vitest';
import type { PolicyModel } from '../../../../packages/compiler/src/policy-model/index.js';
import { REPO } from '../../../helpers/cli.js';
import { evaluatorOfDir, type EvaluatorApi } from '../evaluator/evaluator-harness.js';
import { loadExport, validateStrict, type LoadedExport } from './cedar-harness.js';

/*
 * The Cedar export of the shipped policies (policies/): Cedar's strict validator accepts it
 * without a single error or warning, and on a fixed, realistic request set (every set ×
 * every permission × a few subjects, resources and plans, chosen so that the scope conditions
 * (own, member, subsidiary, managed, approver) and the grant conditions come out both ways)
 * cedar-wasm decides exactly like the generated evaluator.
 */

let model: PolicyModel;
let ev: EvaluatorApi;
let exported: LoadedExport;

beforeAll(async () => {
  const built = await evaluatorOfDir(REPO);
  model = built.model;
  ev = built.ev;
  exported = await loadExport(model);
});

const SUBJECTS = [
  // Owns, is a member of and approves the "mine" resources; manages u2.
  { id: 'u1', subsidiary: 's1', reports: ['u2'], can_access_budgets: true },
  { id: 'u2', subsidiary: 's2', reports: [], can_access_budgets: false },
  // Only an id: every condition that reads another subject attribute is an error, so false.
  { id: 'u3' },
];

/** A resource of `type` whose attributes point at `who` (or at nobody: `undefined`). */
function resourceOf(
  attrs: Record<string, string>,
  type: string,
  who: 'u1' | 'u2' | undefined,
  flags: boolean,
): Record<string, unknown> {
  const out: Record<string, unknown> = { type, id: `${type}-${who ?? 'none'}` };
  for (const [name, t] of Object.entries(attrs)) {
    if (who === undefined) continue; // attributes missing
    if (t === 'boolean') out[name] = flags;
    else if (t === 'string[]') out[name] = [who, 'u9'];
    else if (t === 'string') out[name] = name === 'subsidiary' ? (who === 'u1' ? 's1' : 's2') : who;
  }
  return out;
}

const CONTEXTS = [{ plan: 'standard' }, { plan: 'professional' }, { plan: 'ultimate' }, undefined];

describe('Cedar export of the shipped policies', () => {
  it('passes Cedar strict validation with no error and no warning', () => {
    expect(exported.problems).toEqual([]);
    expect(validateStrict(exported.files)).toEqual({ errors: [], warnings: [] });
    // One action per permission, and the same permits in both policy files.
    expect(exported.files['schema.cedarschema'].match(/^ {2}action /gm)).toHaveLength(model.permissions.length);
    const permits = Object.keys(JSON.parse(exported.files['policies.json']) as object);
    expect(exported.files['policies.cedar'].match(/^permit \($/gm)).toHaveLength(permits.length);
    expect(permits.length).toBeGreaterThan(model.sets.length);
  });

  it('decides like can() on every set × permission, with a few request variants each', () => {
    const types = new Map(model.resources.map((r) => [r.name, r.attributes as Record<string, string>]));
    // The variants: subject × resource (mine, theirs, no attributes; boolean flags both ways) ×
    // plan. A cedar-wasm decision costs about a millisecond of CPU on this export, so a pair the
    // set grants gets 3 variants and any other pair 1 (Cedar must deny it whatever the request),
    // rotating so that the pairs together cover every variant many times; a long run
    // (PERMSET_CEDAR_RUNS) checks every variant of every pair.
    const variants = SUBJECTS.flatMap((subject) =>
      [0, 1, 2, 3, 4, 5].flatMap((r) => CONTEXTS.map((context) => ({ subject, r, context }))),
    );
    const long = Number(process.env['PERMSET_CEDAR_RUNS']) > 0;
    let expected = 0;
    let checked = 0;
    let next = 0;
    let allowed = 0;
    const pairs = { allowed: new Set<string>(), denied: new Set<string>() };
    for (const set of model.sets) {
      for (const permission of model.permissions) {
        const type = permission.resourceType;
        const perPair = long ? variants.length : ev.has(set.id, permission.id) ? 3 : 1;
        expected += perPair;
        for (let j = 0; j < perPair; j++) {
          // A stride coprime with the variant count walks through all of them.
          const v = variants[(next++ * 7) % variants.length]!;
          const who = (['u1', 'u2', undefined] as const)[v.r >> 1];
          const resource = type === undefined ? undefined : resourceOf(types.get(type)!, type, who, (v.r & 1) === 0);
          const subject = { ...v.subject, set: set.id };
          const want = ev.can(subject, permission.id, resource, v.context);
          const got = exported.decide(subject, permission.id, resource, v.context);
          const what = `${set.id} ${permission.id} subject ${JSON.stringify(subject)} resource ${JSON.stringify(resource)} context ${JSON.stringify(v.context)}`;
          expect(got.allowed, what).toBe(want);
          // An allow names the permits of the subject's own set, and only those.
          if (got.allowed)
            expect(
              got.reasons.length > 0 && got.reasons.every((id) => id.startsWith(`${set.id}/`)),
              `${what}: ${got.reasons.join(', ')}`,
            ).toBe(true);
          checked++;
          if (want) allowed++;
          (want ? pairs.allowed : pairs.denied).add(`${set.id}\u0000${permission.id}`);
        }
      }
    }
    expect(checked).toBe(expected);
    expect(checked).toBeGreaterThan(model.sets.length * model.permissions.length);
    expect(allowed).toBeGreaterThan(checked * 0.1);
    expect(allowed).toBeLessThan(checked * 0.9);
    // Pairs allowed for some requests and denied for others: conditions decided both ways
    // (188 of the 533 granted pairs with the policies of this writing).
    expect([...pairs.allowed].filter((k) => pairs.denied.has(k)).length).toBeGreaterThan(150);
  }, 120_000);

  it('denies like can() where permset denies before any condition', () => {
    const subject = { id: 'u1', set: 'admin', subsidiary: 's1', reports: [], can_access_budgets: true };
    const cases: [unknown, unknown, unknown][] = [
      [subject, 'contacts.nope', { type: 'contact' }],
      [{ ...subject, set: 'nope' }, 'contacts.view', { type: 'contact' }],
      [subject, 'contacts.view', { type: 'client' }],
      [subject, 'contacts.view', undefined],
      [null, 'contacts.view', { type: 'contact' }],
    ];
    for (const [s, p, r] of cases) {
      expect(ev.can(s, p, r)).toBe(false);
      expect(exported.decide(s, p, r)).toEqual({ allowed: false, request: undefined, reasons: [] });
    }
    expect(exported.decide(subject, 'contacts.view', { type: 'contact' }).allowed).toBe(true);
  });
});
