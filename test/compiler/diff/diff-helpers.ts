import { expect } from 'vitest';
import { buildPolicyModel, type PolicyModel } from '../../../packages/compiler/src/policy-model/index.js';
import type { CompileResult } from '../../../packages/compiler/src/program/index.js';
import { catalogText, compileProject as compileInMemory } from '../../helpers/policy-builder.js';
import type { PolicyDiff } from '../../../packages/compiler/src/diff/index.js';

/** A small catalog: `own` ⊂ `member` ⊂ `all`, `approver` beside them; a client seat that is free. */
export const CATALOG = catalogText({
  subject: { id: 'string', level: 'number' },
  resources: { deal: { attributes: { owner: 'string', members: 'string[]', approver: 'string', amount: 'number' } } },
  scopes: {
    own: { label: 'Own', when: 'resource.owner == subject.id' },
    member: { label: 'Member', when: 'subject.id in resource.members', includes: ['own'] },
    approver: { label: 'Approver', when: 'resource.approver == subject.id' },
    all: { label: 'All', includes: ['own', 'member', 'approver'] },
  },
  seats: {
    employee: { label: 'Employee', paid: true },
    client: { label: 'Client', paid: false, allows: ['deals.view'] },
  },
  areas: {
    deals: {
      label: 'Deals',
      resource: 'deal',
      permissions: {
        'deals.view': { label: 'View deals', scopes: ['own', 'member', 'approver', 'all'] },
        'deals.edit': { label: 'Edit deals', scopes: ['own', 'member', 'approver', 'all'] },
        'deals.delete': { label: 'Delete deals', scopes: ['own', 'member', 'all'], sensitive: true },
      },
    },
  },
});

/** Compiles files (uri → text) named under `p/`, insisting that they compile without errors. */
export function compileProject(files: Record<string, string>): CompileResult {
  const result = compileInMemory(files, 'p');
  expect(
    result.diagnostics
      .filter((d) => d.severity === 1)
      .map((d) => `${d.uri}:${d.range.start.line + 1} ${d.code} ${d.message}`),
  ).toEqual([]);
  return result;
}

/** {@link compileProject} with {@link CATALOG}, as a model. */
export function model(files: Record<string, string>, catalog = CATALOG): PolicyModel {
  return buildPolicyModel(compileProject({ 'catalog.yaml': catalog, ...files }));
}

/** A permission set's YAML (the diff suites call it `set`). */
export { permissionSet as set } from '../../helpers/policy-builder.js';

/** The cells of a diff as `set permission kind` lines. */
export function cellLines(diff: PolicyDiff): string[] {
  return diff.sets.flatMap((s) => s.cells.map((c) => `${s.id} ${c.permission} ${c.kind}`));
}
