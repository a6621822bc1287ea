import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildAccessMatrix,
  MATRIX_DATA_ELEMENT_ID,
  renderMatrix,
  renderMatrixReports,
  type AccessMatrix,
  type MatrixCell,
} from '../../../../packages/compiler/src/emit/matrix/index.js';
import type { PolicyModel } from '../../../../packages/compiler/src/policy-model/index.js';
import { GOLDEN, shippedModel } from './matrix-helpers.js';

// Golden reports of the shipped policies: review a diff of these files like a diff of the
// policies themselves. Refresh with `npx vitest run -u test/compiler/emit/matrix`.

let model: PolicyModel;
let matrix: AccessMatrix;
beforeAll(() => {
  model = shippedModel();
  matrix = buildAccessMatrix(model);
});

function cell(set: string, permission: string): MatrixCell {
  const row = matrix.areas.flatMap((a) => a.rows).find((r) => r.permission === permission);
  const i = matrix.sets.findIndex((s) => s.id === set);
  if (!row || i < 0) throw new Error(`no cell ${set} × ${permission}`);
  return row.cells[i]!;
}

describe('access matrix of the shipped policies', () => {
  it('has every set as a column, system first, and every catalog permission as a row', () => {
    expect(matrix.sets.map((s) => s.id)).toEqual([
      'admin',
      'staff',
      'coordinator',
      'coordinator-restricted',
      'manager',
      'manager-restricted',
      'profitability-manager',
      'profitability-manager-restricted',
      'staff-crm',
      'staff-crm-time',
      'staff-time',
      'contractor',
      'client-staff',
      'client-manager',
      'accounting-exporter',
      'integration-admin',
      'invoice-preparer',
      'subsidiary-people-manager',
      'team-lead',
      'client-no-docs',
      'client-read-only',
    ]);
    expect(matrix.sets.filter((s) => s.system)).toHaveLength(14);
    expect(matrix.areas.map((a) => a.rows.length).reduce((a, b) => a + b)).toBe(model.permissions.length);
    expect(matrix.areas[0]).toMatchObject({ id: 'contacts', label: 'Contacts & Clients' });
    expect(matrix.sets.find((s) => s.id === 'client-staff')).toMatchObject({
      seat: 'client',
      seatLabel: 'Client',
      paid: false,
    });
  });

  it('narrows manager-restricted to member where manager has all, and says so', () => {
    expect(cell('manager', 'contacts.view')).toMatchObject({
      text: 'all',
      provenance: { text: 'granted here (policies/sets/system/manager.yaml:28)' },
    });
    expect(cell('manager-restricted', 'contacts.view')).toEqual({
      set: 'manager-restricted',
      text: 'member',
      scopes: [{ scope: 'member', label: 'Where the user is a member' }],
      conditional: false,
      provenance: {
        text:
          'inherited from manager (policies/sets/system/manager.yaml:28) via extends at policies/sets/system/manager-restricted.yaml:18, ' +
          'narrowed from all to member by restrict (policies/sets/system/manager-restricted.yaml:19)',
        source: {
          kind: 'set',
          id: 'manager',
          key: 'contacts.view',
          at: { file: 'policies/sets/system/manager.yaml', line: 28, column: 3 },
        },
        via: [
          {
            kind: 'extends',
            from: 'manager-restricted',
            to: 'manager',
            at: { file: 'policies/sets/system/manager-restricted.yaml', line: 18, column: 10 },
          },
        ],
        restricted: {
          set: 'manager-restricted',
          scope: 'member',
          at: { file: 'policies/sets/system/manager-restricted.yaml', line: 19, column: 11 },
          from: [{ scope: 'all' }],
        },
      },
    });
  });

  it('marks client-manager budget view as conditional, with the scope label of the permission', () => {
    expect(cell('client-manager', 'budgets.view')).toMatchObject({
      text: 'member†',
      conditional: true,
      scopes: [
        {
          scope: 'member',
          label: 'View budgets where the user is a member',
          when: "resource.client_access and subject.can_access_budgets and context.plan != 'standard'",
        },
      ],
      provenance: { text: 'granted here (policies/sets/system/client-manager.yaml:17)' },
    });
    expect(cell('client-staff', 'budgets.view')).toEqual({
      set: 'client-staff',
      text: '',
      scopes: [],
      conditional: false,
    });
  });

  it('names fragments, wildcards and long inheritance paths', () => {
    expect(cell('staff-crm', 'contacts.view').provenance?.text).toBe(
      'from fragment crm-access (policies/fragments/crm-access.yaml:7) via include at policies/sets/system/staff-crm.yaml:11',
    );
    expect(cell('manager', 'invoices.view').provenance?.text).toBe(
      'granted here (invoices.* at policies/sets/system/manager.yaml:22)',
    );
    expect(cell('manager-restricted', 'integrations.personal.manage').provenance?.text).toBe(
      'inherited from staff (policies/sets/system/staff.yaml:32) via extends at policies/sets/system/manager-restricted.yaml:18 → ' +
        'manager extends at policies/sets/system/manager.yaml:16 → coordinator extends at policies/sets/system/coordinator.yaml:14',
    );
    expect(cell('team-lead', 'absence.bookings.view').text).toBe('own + managed');
  });

  it.each(['md', 'json', 'csv'] as const)('renders %s like the golden file', async (format) => {
    await expect(renderMatrix(model, format)).toMatchFileSnapshot(join(GOLDEN, `shipped.matrix.${format}`));
  });

  it('renders the long CSV layout like the golden file', async () => {
    await expect(renderMatrix(model, 'csv', { csvLayout: 'long' })).toMatchFileSnapshot(
      join(GOLDEN, 'shipped.matrix-long.csv'),
    );
  });

  it('renders the HTML page like the golden file, with the JSON report as its data', async () => {
    const html = renderMatrix(model, 'html');
    const open = `<script type="application/json" id="${MATRIX_DATA_ELEMENT_ID}">`;
    const start = html.indexOf(open) + open.length;
    const end = html.indexOf('</script>', start);
    expect(start).toBeGreaterThan(open.length);
    // The page's data is the JSON report itself.
    expect(JSON.parse(html.slice(start, end))).toEqual(JSON.parse(renderMatrix(model, 'json')));
    // The golden page leaves the data out: it is the template a reviewer reads.
    await expect(html.slice(0, start) + '…' + html.slice(end)).toMatchFileSnapshot(join(GOLDEN, 'shipped.matrix.html'));
  });

  it('allows exactly its own style and script by their SHA-256 in the Content-Security-Policy', () => {
    const html = renderMatrix(model, 'html');
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1];
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1]!;
    const hash = (t: string) => `'sha256-${createHash('sha256').update(t, 'utf8').digest('base64')}'`;
    expect(csp).toBe(
      `default-src 'none'; script-src ${hash(script)}; style-src ${hash(style)}; img-src 'none'; base-uri 'none'; form-action 'none'`,
    );
    expect(html.match(/<script/g)).toHaveLength(2);
    expect(html).not.toMatch(/https?:\/\//);
  });

  it('is deterministic: a second compilation renders the same bytes', () => {
    const again = shippedModel();
    for (const format of ['md', 'html', 'csv', 'json'] as const)
      expect(renderMatrix(again, format)).toBe(renderMatrix(model, format));
  });

  it('gives permset build the four files at once, equal to the single renders', () => {
    const reports = renderMatrixReports(model);
    expect(Object.keys(reports)).toEqual(['matrix.md', 'matrix.html', 'matrix.csv', 'matrix.json']);
    expect(reports).toEqual({
      'matrix.md': renderMatrix(model, 'md'),
      'matrix.html': renderMatrix(model, 'html'),
      'matrix.csv': renderMatrix(model, 'csv'),
      'matrix.json': renderMatrix(model, 'json'),
    });
  });

  it('keeps the Markdown for the 14 system sets well inside a GitHub comment (65,536 characters)', () => {
    const md = renderMatrix(model, 'md', { sets: matrix.sets.filter((s) => s.system).map((s) => s.id) });
    expect(md.length).toBeLessThan(50_000);
    expect(md).toContain('| permission | admin<br><sub>employee, paid</sub> | staff<br><sub>employee, paid</sub> |');
    expect(md).not.toContain('team-lead');
  });
});
