import jsonPatch from 'fast-json-patch';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileFixture } from '../../helpers/fixtures.js';
import { REPO } from '../../helpers/cli.js';
import { compileFiles } from '../emit/evaluator/evaluator-harness.js';
import { customSetsOf, type CustomSetsModule } from './custom-sets-harness.js';

// The fixes `permset check` offers for a set written as YAML (quick fixes in the editor) come to
// run-time definitions as JSON Patches of the definitions array, from the same producer: each
// producer states its grant edit as data (ProblemFix.grant) next to its YAML text edits. Each
// case asserts the exact patch, and that the definitions with the patch applied no longer get
// that diagnostic.

let cs: CustomSetsModule;
beforeAll(async () => {
  ({ cs } = await customSetsOf(compileFixture(REPO, 'policies')));
});

/** The definitions with the fix of the diagnostic `code` at `path` applied (fast-json-patch, RFC 6902). */
function fixed(
  module: CustomSetsModule,
  definitions: unknown[],
  code: string,
  path: string,
  patch: unknown[],
): unknown[] {
  const d = module.withCustomSets(definitions).diagnostics.find((x) => x.code === code && x.path === path);
  expect(d?.fix?.patch).toEqual(patch);
  const after = jsonPatch.applyPatch(
    structuredClone(definitions),
    d!.fix!.patch as jsonPatch.Operation[],
    true,
    false,
  ).newDocument;
  expect(module.withCustomSets(after).diagnostics.filter((x) => x.code === code && x.path === path)).toEqual([]);
  return after;
}

describe("custom set fixes: the JSON Patch of the compiler's quick fix", () => {
  it('requires-missing: grants the required permission, replacing its entry', () => {
    const definitions = [{ id: 'a', name: 'A', extends: 'staff', grants: { 'absence.bookings.view': 'none' } }];
    const d = cs.withCustomSets(definitions).diagnostics[0]!;
    expect(d).toMatchObject({ code: 'requires-missing', fix: { title: "Grant 'absence.bookings.view: own' in 'a'" } });
    const after = fixed(cs, definitions, 'requires-missing', '/0/grants/absence.bookings.view', [
      { op: 'replace', path: '/0/grants/absence.bookings.view', value: 'own' },
    ]);
    expect(cs.withCustomSets(after).ok).toBe(true);
  });

  it('requires-missing: adds the required permission to grants', () => {
    const definitions = [{ id: 'b', name: 'B', extends: 'staff', grants: { 'deals.manage': 'member' } }];
    const after = fixed(cs, definitions, 'requires-missing', '/0/grants/deals.manage', [
      { op: 'add', path: '/0/grants/deals.view', value: 'member' },
    ]);
    expect(after).toEqual([
      { id: 'b', name: 'B', extends: 'staff', grants: { 'deals.manage': 'member', 'deals.view': 'member' } },
    ]);
    expect(cs.withCustomSets(after).ok).toBe(true);
  });

  it('guard-violated: sets the permission to none', () => {
    const definitions = [{ id: 'e', name: 'E', extends: 'coordinator', grants: { 'cost_rates.view': 'all' } }];
    const d = cs.withCustomSets(definitions).diagnostics[0]!;
    expect(d).toMatchObject({ code: 'guard-violated', fix: { title: "Remove 'cost_rates.view' from 'e'" } });
    fixed(cs, definitions, 'guard-violated', '/0/grants/cost_rates.view', [
      { op: 'replace', path: '/0/grants/cost_rates.view', value: 'none' },
    ]);
  });

  it('redundant-grant: removes the entry (a restated grant, and a none that removes nothing)', () => {
    const definitions = [
      { id: 'd', name: 'D', extends: 'staff', grants: { 'projects.view': 'member', 'deals.view': 'none' } },
    ];
    const after = fixed(cs, definitions, 'redundant-grant', '/0/grants/projects.view', [
      { op: 'remove', path: '/0/grants/projects.view' },
    ]);
    const clean = fixed(cs, after, 'redundant-grant', '/0/grants/deals.view', [
      { op: 'remove', path: '/0/grants/deals.view' },
    ]);
    expect(clean).toEqual([{ id: 'd', name: 'D', extends: 'staff', grants: {} }]);
    expect(cs.withCustomSets(clean).diagnostics).toEqual([]);
  });

  it('writes a grants object into a definition without one', async () => {
    const files = [
      {
        uri: 'policies/catalog.yaml',
        text: 'kind: Catalog\nsubject:\n  attributes: { id: string }\nresources:\n  doc: { attributes: { owner: string } }\nscopes:\n  all: { label: All }\nseats:\n  employee: { label: Employee, paid: true }\nareas:\n  docs:\n    label: Docs\n    resource: doc\n    permissions:\n      docs.view: { label: View, scopes: [all] }\n',
      },
      { uri: 'policies/fragments/reader.yaml', text: 'kind: Fragment\nid: reader\ngrants:\n  docs.view: all\n' },
      {
        uri: 'policies/sets/base.yaml',
        text: 'kind: PermissionSet\nid: base\nname: Base\nseat: employee\ngrants: {}\n',
      },
      {
        uri: 'policies/guards/no-docs.yaml',
        text: 'kind: Guard\nid: no-docs\napplies_to: { seat: employee }\nnever: [docs.view]\n',
      },
    ];
    const { cs: small } = await customSetsOf(compileFiles(files));
    const definitions = [{ id: 't', name: 'T', extends: 'base', include: ['reader'] }];
    const after = fixed(small, definitions, 'guard-violated', '/0/include/0', [
      { op: 'add', path: '/0/grants', value: { 'docs.view': 'none' } },
    ]);
    expect(small.withCustomSets(after).ok).toBe(true);
  });
});
