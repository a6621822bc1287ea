import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import type { ModelSet, PolicyModel } from '../../../../packages/compiler/src/policy-model/index.js';
import { generateEvaluator } from '../../../../packages/compiler/src/emit/evaluator/index.js';
import { referenceDecide } from '../../../helpers/reference-evaluator.js';
import { importEvaluator } from './evaluator-harness.js';

// generateEvaluator on models a clean compile never produces: it still returns a safe
// evaluator, failing closed, and explain() says why.
const at = { file: 'policies/x.yaml', line: 1, column: 1 };

function model(sets: ModelSet[], extra: Partial<PolicyModel> = {}): PolicyModel {
  return {
    version: 1,
    areas: [{ id: 'docs', label: 'Docs', resource: 'doc' }],
    permissions: [
      {
        id: 'docs.view',
        label: 'View',
        area: 'docs',
        scopes: ['own', 'all'],
        requires: [],
        sensitive: false,
        resourceType: 'doc',
        at,
      },
      {
        id: 'docs.ghost',
        label: 'Ghost',
        area: 'docs',
        scopes: ['all'],
        requires: [],
        sensitive: false,
        resourceType: 'ghost',
        at,
      },
    ],
    scopes: [
      { name: 'own', label: 'Own', when: 'resource.owner == subject.id', includes: [], covers: ['own'] },
      { name: 'broken', label: 'Broken', when: 'resource.owner ==', includes: [], covers: ['broken'] },
      { name: 'all', label: 'All', includes: ['own'], covers: ['all', 'own'] },
    ],
    seats: [],
    resources: [{ name: 'doc', attributes: { owner: 'string', weird: 'date' } }],
    subjectAttributes: { id: 'string' },
    contextAttributes: {},
    sets,
    ...extra,
  };
}

const grant = (permission: string, scopes: { scope: string; when?: string }[]) => ({
  permission,
  scopes,
  source: { kind: 'set' as const, id: 's', key: permission, at },
  via: [],
});
const set = (id: string, grants: ReturnType<typeof grant>[]): ModelSet => ({
  id,
  name: id,
  system: false,
  include: [],
  at,
  grants,
});

describe('edge models', () => {
  it('a model without sets or permissions gives a working, always-denying evaluator', async () => {
    const empty = model([], { permissions: [], scopes: [], resources: [], areas: [] });
    const files = generateEvaluator(empty);
    const ev = await importEvaluator(files);
    expect(ev.can({ id: 'u', set: 's' }, 'docs.view', { type: 'doc' })).toBe(false);
    expect(ev.explain({ id: 'u', set: 's' }, 'docs.view').reason).toBe('unknown-permission');
    expect([ev.SET_IDS, ev.PERMISSION_IDS, ev.permissionsOf('s'), ev.setsWith('docs.view')]).toEqual([[], [], [], []]);
    expect(files['evaluator.d.ts']).toContain('export type SetId = never;');
    const source = ts.createSourceFile('e.d.ts', files['evaluator.d.ts'], ts.ScriptTarget.ES2022);
    expect((source as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics).toEqual([]);
  });

  it('conditions that do not parse, unknown scopes, undeclared types and attribute types fail closed', async () => {
    const m = model([
      set('s', [
        grant('docs.view', [{ scope: 'broken' }, { scope: 'nowhere' }, { scope: 'own', when: 'resource.weird == 1' }]),
        grant('docs.ghost', [{ scope: 'all' }]),
      ]),
    ]);
    const ev = await importEvaluator(generateEvaluator(m));
    const doc = { type: 'doc', owner: 'u', weird: 1 };
    expect(ev.can({ id: 'u', set: 's' }, 'docs.view', doc)).toBe(false);
    expect(referenceDecide(m, { id: 'u', set: 's' }, 'docs.view', doc)).toBe(false);
    const ex = ev.explain({ id: 'u', set: 's' }, 'docs.view', doc);
    expect(ex.evaluations.map((e) => [e.scope, e.kind, e.result, e.detail])).toEqual([
      ['broken', 'scope', 'error', "The condition does not parse: Expected an operand after '=='"],
      ['nowhere', 'scope', false, 'scope nowhere is not declared in the catalog'],
      ['own', 'scope', true, "resource.owner ('u') == subject.id ('u')"],
      ['own', 'grant', 'error', "Resource type 'doc' has no attribute 'weird'."],
    ]);
    // A resource type no resource declares is still checked by name.
    expect(ev.can({ id: 'u', set: 's' }, 'docs.ghost', { type: 'ghost' })).toBe(true);
    expect(ev.can({ id: 'u', set: 's' }, 'docs.ghost', { type: 'doc' })).toBe(false);
    expect(ev.explain({ id: 'u', set: 's' }, 'docs.ghost', { type: 'doc' }).reason).toBe('wrong-resource-type');
    expect(ev.RESOURCE_TYPES).toEqual(['doc', 'ghost']);
  });

  it('duplicate set ids: the first one wins everywhere', async () => {
    const m = model([set('s', [grant('docs.view', [{ scope: 'all' }])]), set('s', [])]);
    const ev = await importEvaluator(generateEvaluator(m));
    expect(ev.can({ id: 'u', set: 's' }, 'docs.view', { type: 'doc' })).toBe(true);
    expect(referenceDecide(m, { id: 'u', set: 's' }, 'docs.view', { type: 'doc' })).toBe(true);
    expect(ev.SET['s']).toBe(0);
  });
});
