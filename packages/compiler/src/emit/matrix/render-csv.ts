import type { AccessMatrix } from './matrix-types.js';

/**
 * How the CSV report is laid out: `wide` is the matrix itself (one row per permission, one
 * column per set, the cell words in the cells); `long` is one row per granted cell with its
 * provenance in columns, for filtering and pivoting in a spreadsheet.
 */
export type CsvLayout = 'wide' | 'long';

/**
 * The matrix as CSV (RFC 4180: CRLF line ends, fields with `"`, `,`, CR or LF quoted, quotes
 * doubled). The wide layout's header is `area,area_label,permission,label` and then one column
 * per set id; the long layout's is {@link LONG_COLUMNS}.
 */
export function renderMatrixCsv(matrix: AccessMatrix, layout: CsvLayout = 'wide'): string {
  const lines: string[][] = [];
  if (layout === 'wide') {
    lines.push(['area', 'area_label', 'permission', 'label', ...matrix.sets.map((s) => s.id)]);
    for (const area of matrix.areas)
      for (const row of area.rows)
        lines.push([area.id, area.label, row.permission, row.label, ...row.cells.map((c) => c.text)]);
  } else {
    lines.push([...LONG_COLUMNS]);
    for (const area of matrix.areas) {
      for (const row of area.rows) {
        row.cells.forEach((cell, i) => {
          const p = cell.provenance;
          if (!p) return;
          const set = matrix.sets[i]!;
          const conditions = cell.scopes.filter((s) => s.when !== undefined).map((s) => `${s.scope}: ${s.when}`);
          lines.push([
            area.id,
            row.permission,
            row.label,
            set.id,
            set.name,
            cell.scopes.map((s) => s.scope).join(' '),
            conditions.join('; '),
            p.source.kind,
            p.source.id,
            p.source.key,
            p.source.at.file,
            String(p.source.at.line),
            String(p.source.at.column),
            p.text,
          ]);
        });
      }
    }
  }
  return lines.map((fields) => fields.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** The long layout's columns: one row per granted (permission, set) cell. */
export const LONG_COLUMNS = [
  'area',
  'permission',
  'label',
  'set',
  'set_name',
  'scopes',
  'conditions',
  'source_kind',
  'source_id',
  'source_key',
  'file',
  'line',
  'column',
  'provenance',
] as const;

/**
 * One CSV field. Text a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, tab
 * or CR) gets a leading `'`, as OWASP advises for CSV exports: labels are free text, and opening
 * a report must never run one.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
