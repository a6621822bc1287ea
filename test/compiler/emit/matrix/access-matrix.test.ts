import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildAccessMatrix,
  cellText,
  matrixSetProblems,
  provenanceSummary,
  renderMatrix,
  type AccessMatrix,
  type MatrixCell,
} from '../../../../packages/compiler/src/emit/matrix/index.js';
import type { PolicyModel } from '../../../../packages/compiler/src/policy-model/index.js';
import { MATRIX_FIXTURES, modelOf } from './matrix-helpers.js';

// The `provenance` fixture has one case of every kind of provenance; files are named
// `policies/...` as the CLI names them from the project root.
let model: PolicyModel;
let matrix: AccessMatrix;
beforeAll(() => {
  model = modelOf(join(MATRIX_FIXTURES, 'provenance'));
  matrix = buildAccessMatrix(model);
});

function cellOf(m: AccessMatrix, set: string, permission: string): MatrixCell {
  const row = m.areas.flatMap((a) => a.rows).find((r) => r.permission === permission)!;
  return row.cells[m.sets.findIndex((s) => s.id === set)]!;
}
const text = (set: string, permission: string) => cellOf(matrix, set, permission).provenance?.text;

describe('buildAccessMatrix', () => {
  it('orders columns system first, bases before derived, and rows by area in catalog order', () => {
    expect(matrix.sets.map((s) => s.id)).toEqual([
      'base',
      'lead',
      'lead-restricted',
      'deputy',
      'deputy-plus',
      'client',
    ]);
    expect(matrix.areas.map((a) => [a.id, a.rows.map((r) => r.permission)])).toEqual([
      ['budgets', ['budgets.view', 'budgets.manage', 'budgets.notes.view']],
      ['settings', ['settings.manage']],
    ]);
    expect(matrix.sets[3]).toEqual({
      id: 'deputy',
      name: 'Deputy',
      system: false,
      seat: 'employee',
      seatLabel: 'Employee',
      paid: true,
      extends: 'lead-restricted',
      include: ['notes'],
      at: { file: 'policies/sets/deputy.yaml', line: 2, column: 5 },
    });
    expect(matrix.scopes).toEqual([
      { name: 'own', label: 'Own', when: 'resource.owner == subject.id', covers: ['own'] },
      {
        name: 'member',
        label: 'Where the user is a member',
        when: 'subject.id in resource.members',
        covers: ['member', 'own'],
      },
      { name: 'all', label: 'All', covers: ['all', 'member', 'own'] },
    ]);
  });

  it('says "granted here" for the set\'s own line, naming a wildcard key', () => {
    expect(text('base', 'budgets.view')).toBe('granted here (policies/sets/base.yaml:7)');
    expect(text('base', 'budgets.manage')).toBe('granted here (budgets.* at policies/sets/base.yaml:8)');
    expect(text('lead', 'budgets.manage')).toBe('granted here (policies/sets/lead.yaml:7)');
  });

  it('says "inherited from" with the path of extends lines', () => {
    expect(text('lead', 'budgets.view')).toBe(
      'inherited from base (policies/sets/base.yaml:7) via extends at policies/sets/lead.yaml:5',
    );
    expect(text('lead-restricted', 'budgets.notes.view')).toBe(
      'inherited from base (budgets.* at policies/sets/base.yaml:8) via extends at policies/sets/lead-restricted.yaml:5 → lead extends at policies/sets/lead.yaml:5',
    );
  });

  it('says "from fragment", directly and through a base', () => {
    expect(text('deputy', 'budgets.notes.view')).toBe(
      'from fragment notes (policies/fragments/notes.yaml:4) via include at policies/sets/deputy.yaml:5',
    );
    expect(text('deputy-plus', 'budgets.notes.view')).toBe(
      'from fragment notes (policies/fragments/notes.yaml:4) via extends at policies/sets/deputy-plus.yaml:4 → deputy include at policies/sets/deputy.yaml:5',
    );
  });

  it('says "narrowed … by restrict", naming the set when the restrict is a base\'s', () => {
    expect(text('lead-restricted', 'budgets.manage')).toBe(
      'inherited from lead (policies/sets/lead.yaml:7) via extends at policies/sets/lead-restricted.yaml:5, narrowed from all to member by restrict (policies/sets/lead-restricted.yaml:6)',
    );
    expect(text('deputy', 'budgets.view')).toBe(
      'inherited from base (policies/sets/base.yaml:7) via extends at policies/sets/deputy.yaml:4 → lead-restricted extends at policies/sets/lead-restricted.yaml:5 → ' +
        'lead extends at policies/sets/lead.yaml:5, narrowed from all to member by restrict of lead-restricted (policies/sets/lead-restricted.yaml:6)',
    );
    expect(cellOf(matrix, 'lead-restricted', 'budgets.manage').provenance?.restricted).toEqual({
      set: 'lead-restricted',
      scope: 'member',
      at: { file: 'policies/sets/lead-restricted.yaml', line: 6, column: 11 },
      from: [{ scope: 'all' }],
    });
    // `restrict` leaves alone what it cannot narrow (settings.manage allows only `all`).
    expect(cellOf(matrix, 'lead-restricted', 'settings.manage')).toMatchObject({
      text: 'all',
      provenance: { text: expect.not.stringContaining('narrowed') },
    });
  });

  it('leaves a cell blank, without provenance, where nothing is granted (also after `none`)', () => {
    expect(cellOf(matrix, 'deputy-plus', 'settings.manage')).toEqual({
      set: 'deputy-plus',
      text: '',
      scopes: [],
      conditional: false,
    });
    expect(cellOf(matrix, 'base', 'settings.manage')).toEqual({
      set: 'base',
      text: '',
      scopes: [],
      conditional: false,
    });
    expect(cellOf(matrix, 'deputy', 'settings.manage').text).toBe('all');
  });

  it("marks a conditional scope and labels it with the permission's scope label", () => {
    expect(cellOf(matrix, 'client', 'budgets.view')).toEqual({
      set: 'client',
      text: 'member†',
      scopes: [
        {
          scope: 'member',
          label: 'View budgets where the user is a member',
          when: 'resource.client_access and subject.can_access_budgets',
        },
      ],
      conditional: true,
      provenance: {
        text: 'granted here (policies/sets/client.yaml:6)',
        source: {
          kind: 'set',
          id: 'client',
          key: 'budgets.view',
          at: { file: 'policies/sets/client.yaml', line: 6, column: 3 },
        },
        via: [],
      },
    });
  });

  it('keeps the model untouched (the matrix copies what it takes)', () => {
    const before = JSON.stringify(model);
    const m = buildAccessMatrix(model);
    m.sets[0]!.include.push('x');
    cellOf(m, 'lead', 'budgets.view').provenance!.via[0]!.at.line = 999;
    expect(JSON.stringify(model)).toBe(before);
  });
});

describe('cell words', () => {
  it('joins scopes with " + " and marks only the conditional ones', () => {
    expect(cellText([])).toBe('');
    expect(
      cellText([
        { scope: 'own', label: 'Own' },
        { scope: 'managed', label: 'Managed', when: 'x' },
      ]),
    ).toBe('own + managed†');
  });

  it('shortens paths under a folder in the summary used by Markdown', () => {
    const grant = model.sets.find((s) => s.id === 'deputy')!.grants.find((g) => g.permission === 'budgets.view')!;
    expect(provenanceSummary('deputy', grant, 'policies/')).toBe(
      'inherited from base (sets/base.yaml:7), narrowed from all to member by restrict of lead-restricted (sets/lead-restricted.yaml:6)',
    );
  });
});

describe('choosing sets', () => {
  it("keeps the model's column order whatever the order asked, and ignores repeats", () => {
    const m = buildAccessMatrix(model, { sets: ['client', 'base', 'client'] });
    expect(m.sets.map((s) => s.id)).toEqual(['base', 'client']);
    expect(m.areas[0]!.rows[0]!.cells.map((c) => [c.set, c.text])).toEqual([
      ['base', 'all'],
      ['client', 'member†'],
    ]);
  });

  it('reports unknown ids with suggestions, and empty entries', () => {
    expect(matrixSetProblems(model, ['lead', 'deputy'])).toEqual([]);
    expect(matrixSetProblems(model, ['lead-restrictd', 'nobody', 'lead-restrictd'])).toEqual([
      "Unknown permission set 'lead-restrictd'. Did you mean 'lead-restricted'?",
      "Unknown permission set 'nobody'.",
    ]);
    expect(matrixSetProblems(model, ['lead', ''])).toEqual([
      'Empty set id in the list (two commas in a row, or a comma at an end?).',
    ]);
    expect(matrixSetProblems(model, [])).toEqual(['No set chosen: name at least one permission set.']);
  });

  it('refuses to render unknown sets rather than leaving them out silently', () => {
    expect(() => renderMatrix(model, 'md', { sets: ['leed'] })).toThrow(
      "Unknown permission set 'leed'. Did you mean 'lead'?",
    );
  });
});

describe('a project without sets or permissions', () => {
  const empty: PolicyModel = {
    version: 1,
    areas: [],
    permissions: [],
    scopes: [],
    seats: [],
    resources: [],
    subjectAttributes: {},
    contextAttributes: {},
    sets: [],
  };

  it('renders every format without failing', () => {
    expect(renderMatrix(empty, 'md')).toBe(
      '# Access matrix\n\n0 permission sets (0 system, 0 custom) × 0 permissions in 0 areas. A cell lists the scopes the set grants on the permission and is blank when it grants none; † marks a scope granted only under an extra condition (see Conditions). Where each grant comes from is under Provenance.\n\n## Permission sets\n\nNo permission set.\n\n## Matrix\n\nThe catalog has no permissions.\n',
    );
    expect(renderMatrix(empty, 'csv')).toBe('area,area_label,permission,label\r\n');
    expect(renderMatrix(empty, 'csv', { csvLayout: 'long' })).toBe(
      'area,permission,label,set,set_name,scopes,conditions,source_kind,source_id,source_key,file,line,column,provenance\r\n',
    );
    expect(JSON.parse(renderMatrix(empty, 'json'))).toEqual({ version: 1, sets: [], scopes: [], areas: [] });
    expect(renderMatrix(empty, 'html')).toContain(
      '<script type="application/json" id="permset-matrix-data">{"version":1,"sets":[],"scopes":[],"areas":[]}</script>',
    );
  });
});
