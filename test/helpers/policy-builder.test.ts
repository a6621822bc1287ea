import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildPolicyModel } from '../../packages/compiler/src/policy-model/index.js';
import type { CompileResult } from '../../packages/compiler/src/program/index.js';
import { REPO } from './cli.js';
import {
  catalogText,
  compileProject,
  compileTexts,
  permissionSet,
  policyFiles,
  type CatalogSpec,
} from './policy-builder.js';

const SPEC: CatalogSpec = {
  subject: { id: 'string' },
  context: { plan: 'string' },
  resources: { doc: { label: 'Doc', attributes: { owner: 'string', tags: 'string[]' } } },
  scopes: {
    own: { label: 'Own', when: 'resource.owner == subject.id' },
    all: { label: 'All, everywhere', includes: ['own'] },
  },
  seats: {
    employee: { label: 'Employee', paid: true },
    guest: { label: 'Guest', paid: false, allows: ['docs.*'] },
  },
  areas: {
    docs: {
      label: 'Docs',
      resource: 'doc',
      permissions: {
        'docs.view': {
          label: 'View',
          description: 'Read: a doc.',
          scopeLabels: { all: 'Every doc' },
          scopes: ['own', 'all'],
        },
        'docs.edit': { label: 'Edit', scopes: ['all'], sensitive: true, requires: ['docs.view'] },
      },
    },
  },
};

describe('the shared policy builder', () => {
  it('writes a catalog in its documented layout, quoting only what YAML would misread', () => {
    expect(catalogText(SPEC)).toBe(`kind: Catalog
subject:
  attributes: { id: string }
context:
  attributes: { plan: string }
resources:
  doc:
    label: Doc
    attributes: { owner: string, tags: "string[]" }
scopes:
  own: { label: Own, when: resource.owner == subject.id }
  all: { label: "All, everywhere", includes: [own] }
seats:
  employee: { label: Employee, paid: true }
  guest: { label: Guest, paid: false, allows: ["docs.*"] }
areas:
  docs:
    label: Docs
    resource: doc
    permissions:
      docs.view:
        label: View
        description: "Read: a doc."
        scope_labels: { all: Every doc }
        scopes: [own, all]
      docs.edit: { label: Edit, scopes: [all], sensitive: true, requires: [docs.view] }
`);
  });

  it('writes attributes one per line in the block layout, where `string[]` needs no quotes', () => {
    expect(
      catalogText({ ...SPEC, attributeLayout: 'block' })
        .split('\n')
        .slice(0, 12),
    ).toEqual([
      'kind: Catalog',
      'subject:',
      '  attributes:',
      '    id: string',
      'context:',
      '  attributes:',
      '    plan: string',
      'resources:',
      '  doc:',
      '    label: Doc',
      '    attributes:',
      '      owner: string',
    ]);
  });

  it('writes a set from its keys, then the body verbatim; a string second argument is the body', () => {
    expect(
      permissionSet(
        'lead',
        {
          name: 'Team lead',
          seat: 'employee',
          extends: 'staff',
          include: ['extras'],
          restrict: 'own',
          grants: { 'docs.*': 'all', 'docs.view': '[own]' },
        },
        'description: x\n',
      ),
    ).toBe(
      'kind: PermissionSet\nid: lead\nname: Team lead\nseat: employee\nextends: staff\ninclude: [extras]\nrestrict: own\ngrants:\n  "docs.*": all\n  docs.view: [own]\ndescription: x\n',
    );
    expect(permissionSet('s', 'seat: employee\n')).toBe('kind: PermissionSet\nid: s\nname: s\nseat: employee\n');
  });

  it('compiles what it writes without a diagnostic, with files named under the policy folder', () => {
    const files = {
      'catalog.yaml': catalogText(SPEC),
      'sets/s.yaml': permissionSet('s', { seat: 'employee', grants: { 'docs.view': 'own' } }),
    };
    expect(policyFiles(files, 'p').map((f) => f.uri)).toEqual(['p/catalog.yaml', 'p/sets/s.yaml']);
    const result = compileProject(files);
    expect(result.diagnostics).toEqual([]);
    expect([...result.files.keys()].sort()).toEqual(['policies/catalog.yaml', 'policies/sets/s.yaml']);
    const model = buildPolicyModel(result);
    expect(
      model.sets.map((s) => [s.id, s.grants.map((g) => `${g.permission}=${g.scopes.map((x) => x.scope).join('|')}`)]),
    ).toEqual([['s', ['docs.view=own']]]);
    expect(compileTexts({ 'policies/catalog.yaml': files['catalog.yaml'] }).diagnostics).toEqual([]);
  });

  it('runs the example of test/README.md, which compiles without a diagnostic', () => {
    const readme = readFileSync(join(REPO, 'test/README.md'), 'utf8');
    const example = /```ts\n(?:import .*\n)+\n([\s\S]*?)```/.exec(readme)![1]!;
    const run = new Function('catalogText', 'compileProject', 'permissionSet', `${example}\nreturn result;`) as (
      ...args: unknown[]
    ) => CompileResult;
    const result = run(catalogText, compileProject, permissionSet);
    expect(result.diagnostics).toEqual([]);
    expect(buildPolicyModel(result).sets.map((s) => s.id)).toEqual(['staff']);
  });
});
