import { beforeAll, describe, expect, it } from 'vitest';
import { compileFiles, evaluatorOf, type EvaluatorApi } from '../evaluator/evaluator-harness.js';
import { loadExport, type LoadedExport } from './cedar-harness.js';
import { catalogText, permissionSet } from '../../../helpers/policy-builder.js';

/*
 * entities.js on the values where permset's reading rules are easy to get wrong, with exact
 * Cedar requests. Regression: a `null` attribute is missing in permset (`has()` is false), but
 * the helper used to list it in `$invalid` (present but unreadable), so Cedar allowed
 * `has(subject.id)` where can() denied (found by the differential test).
 */

const CATALOG = catalogText({
  subject: { id: 'string', level: 'number' },
  resources: { doc: { attributes: { owner: 'string', tags: 'string[]' } } },
  scopes: { known: { label: 'Known', when: 'has(subject.id) and has(resource.owner)' } },
  seats: { employee: { label: 'Employee', paid: true } },
  areas: {
    docs: { label: 'Docs', resource: 'doc', permissions: { 'docs.view': { label: 'View', scopes: ['known'] } } },
  },
});
const SET = permissionSet('s', { name: 'S', seat: 'employee', grants: { 'docs.view': 'known' } });

let ev: EvaluatorApi;
let exported: LoadedExport;

beforeAll(async () => {
  const result = compileFiles([
    { uri: 'policies/catalog.yaml', text: CATALOG },
    { uri: 'policies/s.yaml', text: SET },
  ]);
  expect(result.diagnostics).toEqual([]);
  const built = await evaluatorOf(result);
  ev = built.ev;
  exported = await loadExport(built.model);
});

const entityAttrs = (subject: unknown, resource: unknown) =>
  exported.helper.toCedarRequest(subject, 'docs.view', resource)!.entities.map((e) => e.attrs);

describe('entities.js', () => {
  it('omits null like a missing attribute (has() is false), and decides like can()', () => {
    const subject = { set: 's', id: null, level: 1 };
    const resource = { type: 'doc', owner: 'u1' };
    expect(entityAttrs(subject, resource)).toEqual([{ set: 's', level: 1 }, {}, { type: 'doc', owner: 'u1' }]);
    expect(ev.can(subject, 'docs.view', resource)).toBe(false);
    expect(exported.decide(subject, 'docs.view', resource).allowed).toBe(false);
  });

  it('lists present values of the wrong type in $invalid (has() is true) and throwing ones in $error', () => {
    const subject = { set: 's', id: 5, level: 1.5 };
    const resource = {
      type: 'doc',
      owner: 'u1',
      get tags(): string[] {
        throw new Error('no');
      },
    };
    expect(entityAttrs(subject, resource)).toEqual([
      { set: 's', $invalid: ['id', 'level'] },
      {},
      { type: 'doc', owner: 'u1', $error: ['tags'] },
    ]);
    // has(subject.id) holds for a number: both back ends allow.
    expect(ev.can(subject, 'docs.view', resource)).toBe(true);
    expect(exported.decide(subject, 'docs.view', resource)).toMatchObject({ allowed: true, reasons: ['s/known/doc'] });
  });

  it('denies outright (undefined) where can() looks at no condition', () => {
    expect(
      exported.helper.toCedarRequest({ set: 's', id: 'u1' }, 'docs.view', { type: 'note', owner: 'u1' }),
    ).toBeUndefined();
    expect(
      exported.helper.toCedarRequest({ set: 'nope', id: 'u1' }, 'docs.view', { type: 'doc', owner: 'u1' }),
    ).toBeUndefined();
    expect(
      exported.helper.toCedarRequest({ set: 's', id: 'u1' }, 'toString', { type: 'doc', owner: 'u1' }),
    ).toBeUndefined();
  });
});
