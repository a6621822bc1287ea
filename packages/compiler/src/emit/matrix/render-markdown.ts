import type { AccessMatrix, MatrixCell, MatrixColumn } from './matrix-types.js';
import { CONDITION_MARK } from './cell-text.js';
import { mdCode, mdHtmlText, mdText } from './markdown-escape.js';
import { locationText } from './provenance-text.js';

/**
 * The matrix as GitHub-flavoured Markdown, sized to be read in a pull-request comment: a legend
 * of the sets, ONE table (an area is a bold separator row, so the set header appears once), short
 * cell words, then the conditions behind `†` cells and, folded per area in `<details>`, where
 * every grant comes from: one line per permission with the sets that share a source grouped.
 * File paths there are relative to the folder all files share ("policies/"), named once up top.
 */
export function renderMatrixMarkdown(matrix: AccessMatrix): string {
  const out: string[] = [];
  const rows = matrix.areas.reduce((n, a) => n + a.rows.length, 0);
  const system = matrix.sets.filter((s) => s.system).length;
  const areas = matrix.areas.filter((a) => a.rows.length > 0);
  const dir = commonDir(matrix);
  const setFiles = new Map(matrix.sets.map((s) => [s.id, s.at.file]));

  out.push('# Access matrix', '');
  out.push(
    `${count(matrix.sets.length, 'permission set')} (${system} system, ${matrix.sets.length - system} custom) × ${count(rows, 'permission')} in ${count(areas.length, 'area')}. ` +
      `A cell lists the scopes the set grants on the permission and is blank when it grants none; ${CONDITION_MARK} marks a scope granted only under an extra condition (see Conditions). ` +
      `Where each grant comes from is under Provenance${dir ? `, with files named relative to ${mdCode(dir)}` : ''}.`,
    '',
  );
  if (matrix.scopes.length)
    out.push(`**Scopes:** ${matrix.scopes.map((s) => `${mdCode(s.name)} ${mdText(s.label)}`).join(' · ')}`, '');

  out.push('## Permission sets', '');
  if (matrix.sets.length === 0) out.push('No permission set.', '');
  else {
    out.push('| set | name | kind | seat | built from |', '|---|---|---|---|---|');
    for (const s of matrix.sets)
      out.push(
        `| ${mdCode(s.id, true)} | ${mdText(s.name)} | ${s.system ? 'system' : 'custom'} | ${seatText(s)} | ${builtFrom(s)} |`,
      );
    out.push('');
  }

  out.push('## Matrix', '');
  if (rows === 0) out.push('The catalog has no permissions.', '');
  else {
    out.push(
      `| permission | ${matrix.sets.map((s) => `${mdText(s.id)}<br><sub>${seatText(s, true)}</sub>`).join(' | ')} |`,
    );
    out.push(`|:---|${matrix.sets.map(() => ':-:|').join('')}`);
    const blanks = matrix.sets.map(() => ' |').join('');
    for (const area of areas) {
      out.push(`| **${mdText(area.label)}** |${blanks}`);
      for (const row of area.rows) {
        const sub = mdText(row.permission) + (row.sensitive ? ' · sensitive' : '');
        out.push(`| ${mdText(row.label)}<br><sub>${sub}</sub> | ${row.cells.map((c) => mdText(c.text)).join(' | ')} |`);
      }
    }
    out.push('');
  }

  const conditional = areas.flatMap((a) =>
    a.rows.flatMap((row) => row.cells.filter((c) => c.conditional).map((c) => ({ row, c }))),
  );
  if (conditional.length) {
    out.push('## Conditions', '');
    for (const { row, c } of conditional) {
      const terms = c.scopes
        .filter((s) => s.when !== undefined)
        .map((s) => `${mdText(s.scope)} only when ${mdCode(s.when!)}`);
      out.push(`- ${mdCode(c.set)} · ${mdText(row.label)} (${mdCode(row.permission)}): ${terms.join('; ')}`);
    }
    out.push('');
  }

  const withGrants = areas.filter((a) => a.rows.some((r) => r.cells.some((c) => c.provenance)));
  if (withGrants.length) {
    out.push('## Provenance', '');
    for (const area of withGrants) {
      const grants = area.rows.reduce((n, r) => n + r.cells.filter((c) => c.provenance).length, 0);
      out.push(`<details><summary>${mdHtmlText(area.label)} (${count(grants, 'grant')})</summary>`, '');
      for (const row of area.rows) {
        const lines = sourceLines(row.permission, row.cells, dir, setFiles);
        if (lines.length === 0) continue;
        out.push(`- **${mdText(row.label)}** (${mdCode(row.permission)})`, ...lines.map((l) => `  - ${l}`));
      }
      out.push('', '</details>', '');
    }
  }
  return out.join('\n').replace(/\n+$/, '\n');
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function seatText(s: MatrixColumn, short = false): string {
  const seat = short ? s.seat : (s.seatLabel ?? s.seat);
  const paid = s.paid === undefined ? '' : s.paid ? 'paid' : 'free';
  const parts = [seat === undefined ? '' : mdText(seat), paid].filter(Boolean);
  return parts.length ? parts.join(short ? ', ' : ' · ') : '—';
}

function builtFrom(s: MatrixColumn): string {
  const parts: string[] = [];
  if (s.extends !== undefined) parts.push(`extends ${mdCode(s.extends, true)}`);
  if (s.include.length) parts.push(`includes ${s.include.map((i) => mdCode(i, true)).join(', ')}`);
  if (s.restrict !== undefined) parts.push(`restrict ${mdCode(s.restrict, true)}`);
  return parts.length ? parts.join(', ') : '—';
}

/**
 * A row's grants grouped by the line that grants them, in column order: "`manager` at
 * sets/system/manager.yaml:28 → `manager`, `manager-restricted` (narrowed from all to member by
 * its restrict, line 11)". Whether a set has the grant itself or inherits it shows in whose line it is.
 */
function sourceLines(
  permission: string,
  cells: readonly MatrixCell[],
  dir: string,
  setFiles: ReadonlyMap<string, string>,
): string[] {
  const groups = new Map<string, string[]>();
  for (const c of cells) {
    const p = c.provenance;
    if (!p) continue;
    const { source } = p;
    const owner = source.kind === 'fragment' ? `fragment ${mdCode(source.id)}` : mdCode(source.id);
    const key = source.key !== permission ? ` (${mdCode(source.key)})` : '';
    const head = `${owner} at ${mdText(locationText(source.at, dir))}${key}`;
    let set = mdCode(c.set);
    const r = p.restricted;
    if (r) {
      const from = r.from.length ? `from ${mdText(r.from.map((s) => s.scope).join(' + '))} ` : '';
      // The set's own `restrict` is in its own file: its line number is enough.
      const by =
        r.set === c.set && r.at.file === setFiles.get(c.set)
          ? `its restrict, line ${r.at.line}`
          : `the restrict of ${mdCode(r.set)} at ${mdText(locationText(r.at, dir))}`;
      set += ` (narrowed ${from}to ${mdText(r.scope)} by ${by})`;
    }
    const list = groups.get(head);
    if (list) list.push(set);
    else groups.set(head, [set]);
  }
  return [...groups].map(([head, sets]) => `${head} → ${sets.join(', ')}`);
}

/** The folder (with its final `/`) that every file of the matrix is in, or "" if none is shared. */
function commonDir(matrix: AccessMatrix): string {
  const files: string[] = matrix.sets.map((s) => s.at.file);
  for (const area of matrix.areas) {
    for (const row of area.rows) {
      files.push(row.at.file);
      for (const c of row.cells) {
        const p = c.provenance;
        if (!p) continue;
        files.push(p.source.at.file, ...p.via.map((v) => v.at.file));
        if (p.restricted) files.push(p.restricted.at.file);
      }
    }
  }
  if (files.length === 0) return '';
  let prefix = files[0]!.slice(0, files[0]!.lastIndexOf('/') + 1);
  for (const f of files)
    while (prefix && !f.startsWith(prefix)) prefix = prefix.slice(0, prefix.lastIndexOf('/', prefix.length - 2) + 1);
  return prefix;
}
