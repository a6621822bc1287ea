import { describe, expect, expectTypeOf, it } from 'vitest';
import type { AccessMatrix } from '../../../../packages/compiler/src/emit/matrix/matrix-types.js';
import {
  cellKey,
  cellTitle,
  conditionSample,
  diffHint,
  haystack,
  isMatrix,
  level,
  levelClass,
  locText,
  matchesTerms,
  plural,
  rowTitle,
  scopesByName,
  searchTerms,
  seatBadge,
  seatTitle,
  setTitle,
  str,
  summaryText,
  type PageMatrix,
} from '../../../../packages/compiler/src/runtime/matrix/matrix-text.js';

// The DOM-free half of matrix.html's script. The page itself (drawing, keyboard, details) is
// driven in Chromium by test/e2e/matrix-html.e2e.test.ts.

const scopes = scopesByName({
  sets: [],
  areas: [],
  scopes: [
    { name: 'own', label: 'Own', when: 'resource.owner == subject.id', covers: ['own'] },
    { name: 'team', label: 'Team', when: 'resource.team in subject.teams', covers: ['own', 'team'] },
    { name: 'all', label: 'All', covers: ['own', 'team', 'all'] },
    null,
  ],
});

describe('runtime/matrix/matrix-text: the words and decisions of the matrix page', () => {
  it("reads the compiler's access matrix as its page data", () => {
    expectTypeOf<AccessMatrix>().toMatchTypeOf<PageMatrix>();
  });

  it('shows values as text, invisible and direction-changing characters as escapes', () => {
    expect([str(undefined), str(null), str(0), str(false)]).toEqual(['', '', '0', 'false']);
    expect(str('a\u202eb\u0000c\u200fd')).toBe('a\\u{202e}b\\u{0}c\\u{200f}d');
    expect(locText({ file: 'sets/a.yaml', line: 3, column: 5 })).toBe('sets/a.yaml:3:5');
    expect(locText(undefined)).toBe('');
    expect([plural(0, 'set'), plural(1, 'set'), plural(2, 'set')]).toEqual(['0 sets', '1 set', '2 sets']);
  });

  it('draws only objects with sets and areas arrays', () => {
    expect(isMatrix({ sets: [], areas: [] })).toBe(true);
    expect([
      isMatrix(null),
      isMatrix([]),
      isMatrix({ sets: [] }),
      isMatrix({ sets: {}, areas: [] }),
      isMatrix('x'),
    ]).toEqual([false, false, false, false, false]);
  });

  it('ranks a cell by its widest scope: unconditional, covering, narrow, none', () => {
    expect(level(scopes, [{ scope: 'own' }, { scope: 'all' }])).toBe(3);
    expect(level(scopes, [{ scope: 'team' }])).toBe(2);
    expect(level(scopes, [{ scope: 'own' }])).toBe(1);
    expect(level(scopes, [{ scope: 'unknown' }])).toBe(1);
    expect(level(scopes, [{ scope: '__proto__' }])).toBe(1);
    expect(level(scopes, [])).toBe(0);
    expect([
      levelClass(scopes, undefined),
      levelClass(scopes, [{ scope: 'own' }]),
      levelClass(scopes, [{ scope: 'team' }]),
      levelClass(scopes, [{ scope: 'all' }]),
    ]).toEqual(['', 'lvl-narrow', 'lvl-wide', 'lvl-all']);
  });

  it('keys cells by their scopes and conditions, for "only differences"', () => {
    expect(cellKey({ scopes: [{ scope: 'own', label: 'Own' }] })).toBe(
      cellKey({ scopes: [{ scope: 'own', label: 'Yours' }] }),
    );
    expect(cellKey({ scopes: [{ scope: 'own' }] })).not.toBe(cellKey({ scopes: [{ scope: 'own', when: 'x' }] }));
    expect(cellKey(null)).toBe('[]');
    expect(cellKey({ scopes: [{ scope: 'own', when: 'a' }, { scope: 'all' }] })).toBe('[["own","a"],["all",null]]');
  });

  it('titles a cell with its scopes, conditions and provenance', () => {
    const col = { set: { id: 'manager', name: 'Manager' }, index: 0 };
    const row = { permission: 'budgets.view', label: 'View budgets' };
    expect(cellTitle(col, row, undefined)).toBe('Manager · View budgets (budgets.view)\nnot granted');
    expect(
      cellTitle(col, row, {
        scopes: [
          { scope: 'own', label: 'Own', when: 'resource.amount < 100' },
          { scope: 'team', label: 'Team' },
        ],
        provenance: { text: 'granted by manager (sets/manager.yaml:4)' },
      }),
    ).toBe(
      'Manager · View budgets (budgets.view)\nown: Own\n  only when resource.amount < 100\nteam: Team\ngranted by manager (sets/manager.yaml:4)',
    );
  });

  it('titles set and permission headers, seat badge on one line', () => {
    const set = {
      id: 'contractor',
      name: 'Contractor',
      system: false,
      seat: 'external',
      seatLabel: 'External collaborator',
      paid: false,
      extends: 'member',
      include: ['docs', 'wiki'],
      restrict: 'own',
      at: { file: 'sets/c.yaml', line: 1, column: 5 },
    };
    expect(seatBadge(set)).toBe('External collaborator · free');
    expect(seatTitle(set)).toBe('Seat: External collaborator (free)');
    expect(setTitle(set)).toBe(
      'Contractor (contractor), custom set, seat external, free\nextends member\nincludes docs, wiki\nrestrict own\nsets/c.yaml:1:5',
    );
    expect(seatBadge({ id: 'admin', system: true })).toBe('');
    expect(seatBadge({ seat: 'employee', paid: true })).toBe('employee · paid');
    expect(setTitle({ id: 'admin', name: 'Admin', system: true })).toBe('Admin (admin), system set');
    expect(
      rowTitle({
        permission: 'deals.edit',
        label: 'Edit deals',
        description: 'Change a deal',
        scopes: ['own', 'all'],
        at: { file: 'catalog.yaml', line: 9, column: 3 },
      }),
    ).toBe('Edit deals (deals.edit)\nChange a deal\nscopes: own, all\ncatalog.yaml:9:3');
  });

  it('keeps a row when every search word is part of its id or label, in any case and order', () => {
    const hay = haystack({ permission: 'budgets.view', label: 'View Budgets' });
    expect(hay).toBe('budgets.view view budgets');
    expect(searchTerms('  Budg  VIEW ')).toEqual(['budg', 'view']);
    expect(matchesTerms(hay, searchTerms('view budg'))).toBe(true);
    expect(matchesTerms(hay, searchTerms('budgets edit'))).toBe(false);
    expect(matchesTerms(hay, searchTerms(''))).toBe(true);
  });

  it('summarises what is shown and why "only differences" is off', () => {
    expect(summaryText(12, 12, 3, 3, false)).toBe('12 permissions · 3 permission sets');
    expect(summaryText(1, 12, 2, 3, true)).toBe(
      'Showing 1 of 12 permissions · 2 of 3 permission sets · only differences',
    );
    expect(diffHint(false, false, 0)).toBe('Choose two or more sets to compare.');
    expect(diffHint(true, true, 1)).toBe('1 permission differs between the chosen sets.');
    expect(diffHint(true, true, 4)).toBe('4 permissions differ between the chosen sets.');
    expect(diffHint(true, false, 4)).toBe('');
  });

  it('samples the condition mark from a scope some cell grants with a condition', () => {
    const cell = (when?: string) => ({ conditional: when !== undefined, scopes: [{ scope: 'team', when }] });
    expect(conditionSample({ sets: [], areas: [null, { rows: [null, { cells: [null, cell()] }] }] })).toBeNull();
    expect(conditionSample({ sets: [], areas: [{ rows: [{ cells: [cell(), cell('resource.open')] }] }] })).toBe('team');
  });
});
