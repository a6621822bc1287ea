import { describe, expect, it } from 'vitest';
import { compareScopes, diffModels, meaningDirection } from '../../../packages/compiler/src/diff/index.js';
import { removalLookup } from '../../../packages/compiler/src/policy-model/index.js';
import { descendantCounts } from '../../../packages/compiler/src/diff/descendant-counts.js';
import { compile } from '../../../packages/compiler/src/program/index.js';
import {
  buildPolicyModel,
  type ModelScope,
  type PolicyModel,
} from '../../../packages/compiler/src/policy-model/index.js';
import { CATALOG, cellLines, compileProject, model, set } from './diff-helpers.js';

const COVERS: Record<string, string[]> = {
  own: ['own'],
  member: ['member', 'own'],
  approver: ['approver'],
  all: ['all', 'own', 'member', 'approver'],
};
const covers = (a: string, b: string) => COVERS[a]?.includes(b) ?? a === b;
const s = (scope: string, when?: string): ModelScope => (when === undefined ? { scope } : { scope, when });

describe('compareScopes', () => {
  it.each([
    ['own → member', [s('own')], [s('member')], { kind: 'widen', gainsAccess: true, losesAccess: false }],
    ['all → member', [s('all')], [s('member')], { kind: 'narrow', gainsAccess: false, losesAccess: true }],
    ['own → approver', [s('own')], [s('approver')], { kind: 'change', gainsAccess: true, losesAccess: true }],
    [
      'member → member + approver',
      [s('member')],
      [s('member'), s('approver')],
      { kind: 'widen', gainsAccess: true, losesAccess: false },
    ],
    [
      'member → member when x',
      [s('member')],
      [s('member', 'x')],
      { kind: 'narrow', gainsAccess: false, losesAccess: true },
    ],
    [
      'member when x → member',
      [s('member', 'x')],
      [s('member')],
      { kind: 'widen', gainsAccess: true, losesAccess: false },
    ],
    [
      'member when x → member when y',
      [s('member', 'x')],
      [s('member', 'y')],
      { kind: 'condition', gainsAccess: true, losesAccess: true },
    ],
    ['member when x → all', [s('member', 'x')], [s('all')], { kind: 'widen', gainsAccess: true, losesAccess: false }],
    ['all when x → member', [s('all', 'x')], [s('member')], { kind: 'change', gainsAccess: true, losesAccess: true }],
  ] as const)('%s', (_, before, after, expected) => {
    expect(compareScopes(before, after, covers)).toEqual(expected);
  });

  it.each([
    ['the same terms in another order', [s('own'), s('approver')], [s('approver'), s('own')]],
    ['a redundant scope dropped', [s('all'), s('own')], [s('all')]],
    ['a covered scope added', [s('member')], [s('member'), s('own')]],
  ] as const)('sees no change for %s', (_, before, after) => {
    expect(compareScopes(before, after, covers)).toBeUndefined();
  });
});

describe('meaningDirection', () => {
  it.each([
    [true, true, 'same'],
    [new Set(['a']), true, 'wider'],
    [true, new Set(['a']), 'narrower'],
    [new Set(['a']), new Set(['a', 'b']), 'wider'],
    [new Set(['a', 'b']), new Set(['b']), 'narrower'],
    [new Set(['a']), new Set(['b']), 'unknown'],
    [new Set(['a', 'b']), new Set(['b', 'a']), 'same'],
  ] as const)('%o → %o is %s', (from, to, expected) => {
    expect(meaningDirection(from, to)).toBe(expected);
  });
});

describe('diffModels', () => {
  const staff = set('staff', 'seat: employee\ngrants:\n  deals.view: all\n  deals.edit: all\n');

  it('attributes a narrowing to the restrict that is new, on the set and its descendants', () => {
    const base = model({
      'staff.yaml': staff,
      'lead.yaml': set('lead', 'extends: staff\n'),
      'sub.yaml': set('sub', 'extends: lead\n'),
    });
    const head = model({
      'staff.yaml': staff,
      'lead.yaml': set('lead', 'extends: staff\nrestrict: member\n'),
      'sub.yaml': set('sub', 'extends: lead\n'),
    });
    const diff = diffModels(base, head);
    expect(cellLines(diff)).toEqual([
      'lead deals.view narrow',
      'lead deals.edit narrow',
      'sub deals.view narrow',
      'sub deals.edit narrow',
    ]);
    expect(diff.sets[0]!.cells[0]!.cause).toEqual({
      what: 'restrict',
      at: { file: 'p/lead.yaml', line: 5, column: 11 },
      owner: { kind: 'set', id: 'lead' },
      inherited: false,
      via: [],
    });
    expect(diff.sets[1]!.cells[0]!.cause).toMatchObject({
      what: 'restrict',
      owner: { id: 'lead' },
      inherited: true,
      via: [{ kind: 'extends', from: 'sub', to: 'lead' }],
    });
    expect(diff.sets[1]!.cells[0]!.was).toMatchObject({
      what: 'grant',
      at: { file: 'p/staff.yaml' },
      owner: { id: 'staff' },
    });
  });

  it('reports a grant condition change, with the conditions', () => {
    const base = model({
      'staff.yaml': set(
        'staff',
        'seat: employee\ngrants:\n  deals.view: { scope: member, when: resource.amount < 100 }\n',
      ),
    });
    const head = model({
      'staff.yaml': set(
        'staff',
        'seat: employee\ngrants:\n  deals.view: { scope: member, when: resource.amount < 1000 }\n',
      ),
    });
    const [cell] = diffModels(base, head).sets[0]!.cells;
    expect(cell).toMatchObject({
      kind: 'condition',
      before: [{ scope: 'member', when: 'resource.amount < 100' }],
      after: [{ scope: 'member', when: 'resource.amount < 1000' }],
      gainsAccess: true,
      losesAccess: true,
    });
  });

  it('pairs renamed sets only when their grants and their name or description match', () => {
    const base = model({
      'a.yaml': 'kind: PermissionSet\nid: old\nname: Same\nseat: employee\ngrants: { deals.view: own }\n',
    });
    const renamed = model({
      'a.yaml': 'kind: PermissionSet\nid: new\nname: Same\nseat: employee\ngrants: { deals.view: own }\n',
    });
    expect(diffModels(base, renamed).sets.map((x) => [x.id, x.status, x.renamedFrom, x.cells.length])).toEqual([
      ['new', 'renamed', 'old', 0],
    ]);
    const described = model({
      'a.yaml':
        'kind: PermissionSet\nid: new\nname: Other\ndescription: d\nseat: employee\ngrants: { deals.view: own }\n',
    });
    const baseDescribed = model({
      'a.yaml':
        'kind: PermissionSet\nid: old\nname: Same\ndescription: d\nseat: employee\ngrants: { deals.view: own }\n',
    });
    expect(diffModels(baseDescribed, described).sets.map((x) => x.status)).toEqual(['renamed']);
    const unrelated = model({
      'a.yaml': 'kind: PermissionSet\nid: new\nname: Other\nseat: employee\ngrants: { deals.view: own }\n',
    });
    expect(diffModels(base, unrelated).sets.map((x) => [x.id, x.status])).toEqual([
      ['new', 'added'],
      ['old', 'removed'],
    ]);
    const changed = model({
      'a.yaml': 'kind: PermissionSet\nid: new\nname: Same\nseat: employee\ngrants: { deals.view: member }\n',
    });
    expect(diffModels(base, changed).sets.map((x) => x.status)).toEqual(['added', 'removed']);
  });

  it('does not call a set re-based when only its base was renamed', () => {
    const base = model({
      'b.yaml': set('boss', 'seat: employee\ngrants: { deals.view: all }\n').replace('name: boss', 'name: Boss'),
      'c.yaml': set('child', 'extends: boss\n'),
    });
    const head = model({
      'b.yaml': set('chief', 'seat: employee\ngrants: { deals.view: all }\n').replace('name: chief', 'name: Boss'),
      'c.yaml': set('child', 'extends: chief\n'),
    });
    const diff = diffModels(base, head);
    expect(diff.sets.map((x) => [x.id, x.status, x.rebased])).toEqual([['chief', 'renamed', undefined]]);
  });

  it('reports seat changes and flags free seats', () => {
    const base = model({ 'x.yaml': set('x', 'seat: employee\ngrants: { deals.view: own }\n') });
    const head = model({ 'x.yaml': set('x', 'seat: client\ngrants: { deals.view: own }\n') });
    expect(diffModels(base, head).sets).toEqual([
      {
        id: 'x',
        name: 'x',
        status: 'changed',
        seat: { from: 'employee', to: 'client' },
        flags: ['free-seat'],
        descendants: 0,
        cells: [],
      },
    ]);
  });

  it('names the wildcard key that grants a cell', () => {
    const base = model({ 'x.yaml': set('x', 'seat: employee\ngrants: { deals.view: own }\n') });
    const head = model({ 'x.yaml': set('x', 'seat: employee\ngrants:\n  "deals.*": own\n') });
    const diff = diffModels(base, head);
    expect(cellLines(diff)).toEqual(['x deals.edit gain', 'x deals.delete gain']);
    expect(diff.sets[0]!.cells[0]!.cause).toMatchObject({ key: 'deals.*', at: { line: 6 } });
    expect(diff.sets[0]!.cells[1]!.flags).toEqual(['sensitive']);
  });

  it('attributes a loss to the `none` of a fragment or of a base', () => {
    const files = {
      'staff.yaml': staff,
      'lead.yaml': set('lead', 'extends: staff\n'),
      'sub.yaml': set('sub', 'extends: lead\n'),
    };
    const frag = 'kind: Fragment\nid: no-edit\ngrants:\n  deals.edit: none\n';
    const result = compileProject({
      'catalog.yaml': CATALOG,
      ...files,
      'lead.yaml': set('lead', 'extends: staff\ninclude: [no-edit]\n'),
      'f.yaml': frag,
    });
    const diff = diffModels(model(files), buildPolicyModel(result), { removals: removalLookup(result) });
    expect(cellLines(diff)).toEqual(['lead deals.edit loss', 'sub deals.edit loss']);
    expect(diff.sets[0]!.cells[0]!.cause).toEqual({
      what: 'none',
      at: { file: 'p/f.yaml', line: 4, column: 3 },
      owner: { kind: 'fragment', id: 'no-edit' },
      inherited: true,
      via: [{ kind: 'include', from: 'lead', to: 'no-edit', at: { file: 'p/lead.yaml', line: 5, column: 11 } }],
    });
    expect(diff.sets[1]!.cells[0]!.cause).toMatchObject({
      what: 'none',
      owner: { kind: 'fragment', id: 'no-edit' },
      via: [
        { kind: 'extends', from: 'sub', to: 'lead' },
        { kind: 'include', from: 'lead', to: 'no-edit' },
      ],
    });
    // A permission never granted has no removal to show.
    expect(removalLookup(result)('staff', 'deals.delete')).toBeUndefined();
    expect(removalLookup(result)('nobody', 'deals.edit')).toBeUndefined();
  });

  it('with no BASE, every set is added and the catalog is not listed as new', () => {
    const head = model({ 'staff.yaml': staff });
    const diff = diffModels(undefined, head);
    expect(diff.sets.map((x) => [x.id, x.status, x.cells.length])).toEqual([['staff', 'added', 2]]);
    expect(diff.summary.catalog).toBe(0);
  });

  it('reports catalog changes: permissions, seats, and scopes whose meaning changed', () => {
    const head = CATALOG.replace('paid: false', 'paid: true')
      .replace(', sensitive: true }', ' }\n      deals.export: { label: Export deals, scopes: [all] }')
      .replace(
        'approver: { label: Approver, when: resource.approver == subject.id }',
        'approver: { label: Approver, when: resource.approver == subject.id, includes: [own] }',
      )
      .replace('own: { label: Own, when: resource.owner == subject.id }', 'own: { label: Own }');
    const files = { 'staff.yaml': set('staff', 'seat: employee\ngrants:\n  deals.view: approver\n') };
    const diff = diffModels(model(files), model(files, head));
    expect(diff.catalog).toEqual({
      permissions: {
        added: ['deals.export'],
        removed: [],
        changed: [{ id: 'deals.delete', sensitive: { from: true, to: false } }],
      },
      scopes: {
        added: [],
        removed: [],
        changed: [
          {
            scope: 'own',
            when: { from: 'resource.owner == subject.id' },
            through: [],
            direction: 'wider',
            affected: [],
          },
          { scope: 'member', through: ['own'], direction: 'wider', affected: [] },
          {
            scope: 'approver',
            covers: { from: ['approver'], to: ['approver', 'own'] },
            through: [],
            direction: 'wider',
            affected: [{ set: 'staff', permission: 'deals.view' }],
          },
        ],
      },
      seats: { added: [], removed: [], changed: [{ seat: 'client', paid: { from: false, to: true } }] },
    });
    expect(diff.summary.catalog).toBe(6);
  });

  it('flags sets with many descendants at the --many threshold, and counts removed sets in BASE', () => {
    const files = {
      'staff.yaml': staff,
      'a.yaml': set('a', 'extends: staff\n'),
      'b.yaml': set('b', 'extends: a\n'),
      'c.yaml': set('c', 'extends: staff\n'),
    };
    const head = model({ ...files, 'staff.yaml': staff.replace('deals.edit: all', 'deals.edit: member') });
    expect(diffModels(model(files), head).sets.map((x) => [x.id, x.flags, x.descendants])).toEqual([
      ['staff', ['base-of-many'], 3],
      ['a', [], 1],
      ['b', [], 0],
      ['c', [], 0],
    ]);
    expect(diffModels(model(files), head, { many: 4 }).sets[0]!.flags).toEqual([]);
    const removed = diffModels(model(files), model({ 'x.yaml': set('x', 'seat: employee\n') }));
    expect(removed.sets.filter((x) => x.status === 'removed').map((x) => [x.id, x.descendants])).toEqual([
      ['staff', 3],
      ['a', 1],
      ['b', 0],
      ['c', 0],
    ]);
  });

  it('is deterministic', () => {
    const base = model({ 'staff.yaml': staff, 'lead.yaml': set('lead', 'extends: staff\n') });
    const head = model({
      'staff.yaml': staff.replace('deals.view: all', 'deals.view: own'),
      'lead2.yaml': set('lead2', 'extends: staff\n'),
    });
    expect(JSON.stringify(diffModels(base, head))).toBe(
      JSON.stringify(diffModels(structuredClone(base), structuredClone(head))),
    );
  });

  it('marks sets BASE may have only partly when BASE had errors in their files or their bases’', () => {
    const base = model({
      'staff.yaml': staff,
      'lead.yaml': set('lead', 'extends: staff\n'),
      'other.yaml': set('other', 'seat: employee\n'),
    });
    const head = model({
      'staff.yaml': staff.replace('deals.view: all', 'deals.view: own'),
      'lead.yaml': set('lead', 'extends: staff\n'),
      'other.yaml': set('other', 'seat: employee\ngrants: { deals.view: own }\n'),
      'new.yaml': set('new', 'seat: employee\n'),
    });
    const diff = diffModels(base, head, {
      base: { root: 'p', errors: 2, errorFiles: ['p/staff.yaml', 'p/new.yaml'] },
      head: { root: 'p' },
    });
    expect(diff.sets.map((x) => [x.id, x.uncertain === true])).toEqual([
      ['new', true], // BASE could not parse p/new.yaml: the set may have been there
      ['other', false],
      ['staff', true],
      ['lead', true], // its base's file is broken
    ]);
    const catalogBroken = diffModels(base, head, {
      base: { root: 'p', errors: 1, errorFiles: ['p/catalog.yaml'] },
      head: { root: 'p' },
    });
    expect(catalogBroken.sets.every((x) => x.uncertain)).toBe(true);
  });

  it('does not report a seat change for a set whose base BASE could not read (no seat there is the error)', () => {
    // In BASE the staff file did not parse: lead extends a set that does not exist, so it has no seat.
    const base = buildPolicyModel(
      compile(
        [
          { uri: 'p/catalog.yaml', text: CATALOG },
          { uri: 'p/lead.yaml', text: set('lead', 'extends: staff\n') },
        ],
        { projectUri: 'p' },
      ),
    );
    const head = model({ 'staff.yaml': staff, 'lead.yaml': set('lead', 'extends: staff\n') });
    const broken = diffModels(base, head, {
      base: { root: 'p', errors: 1, errorFiles: ['p/staff.yaml'] },
      head: { root: 'p' },
    });
    const lead = broken.sets.find((x) => x.id === 'lead')!;
    expect(lead.uncertain).toBe(true);
    expect(lead.seat).toBeUndefined();
    // Without BASE's errors the same models do show it (a set that gained a seat is a real change).
    expect(diffModels(base, head).sets.find((x) => x.id === 'lead')!.seat).toEqual({ to: 'employee' });
  });

  it('counts descendants of a 20,000-deep chain without recursion', () => {
    const sets = Array.from({ length: 20_000 }, (_, i) => ({
      id: `s${i}`,
      name: `s${i}`,
      system: false,
      include: [],
      grants: [],
      at: { file: 'f', line: 1, column: 1 },
      ...(i ? { extends: `s${i - 1}` } : {}),
    }));
    const m = {
      version: 1,
      areas: [],
      permissions: [],
      scopes: [],
      seats: [],
      resources: [],
      subjectAttributes: {},
      contextAttributes: {},
      sets,
    } as PolicyModel;
    const counts = descendantCounts(m);
    expect([counts.get('s0'), counts.get('s1'), counts.get('s19998'), counts.get('s19999')]).toEqual([
      19_999, 19_998, 1, 0,
    ]);
  });
});
