import type { BuilderData, BuilderSet } from '../builder-data.js';
import { formatString, type BuilderStrings } from './builder-strings.js';
import type { SetPreviewLike } from './custom-sets-seam.js';
import { h } from './dom.js';

/** "Try it out": the preview of `withCustomSets` in plain words, by area. */
export function previewView(preview: SetPreviewLike, strings: BuilderStrings): HTMLElement {
  const body = h('div', { part: 'preview' });
  for (const area of preview.areas) {
    const items = area.permissions.map((p) => h('li', {}, `${p.label}: ${p.scopes.map((s) => s.label).join(strings.scopeJoin)}`, p.sensitive ? ` (${strings.sensitive})` : undefined));
    body.append(h('section', { class: 'preview-area' }, h('h3', {}, area.label), h('ul', {}, ...items)));
  }
  if (preview.notGranted.length) body.append(h('p', { class: 'hint' }, formatString(strings.previewNothing, { areas: preview.notGranted.join(', ') })));
  return body;
}

/** One row of "Compare with base": a permission whose cell differs. */
export interface CompareRow {
  permission: string;
  label: string;
  base: string;
  set: string;
}

/**
 * "Compare with base", cell by cell: every permission whose effective grant in the set (from
 * the preview of `withCustomSets`) differs from the base's, with both cells in the catalog's
 * scope words.
 */
export function compareRows(data: BuilderData, base: BuilderSet, preview: SetPreviewLike, strings: BuilderStrings): CompareRow[] {
  const scopeLabels = new Map(data.scopes.map((s) => [s.name, s.label]));
  const granted = new Map<string, string[]>();
  for (const area of preview.areas) for (const p of area.permissions) granted.set(p.id, p.scopes.map((s) => s.scope));
  const rows: CompareRow[] = [];
  for (const p of data.permissions) {
    const before = (base.grants[p.id] ?? []).map((s) => s.scope);
    const after = granted.get(p.id) ?? [];
    if (before.length === after.length && before.every((s) => after.includes(s))) continue;
    const words = (scopes: string[]) => (scopes.length ? scopes.map((s) => p.scopeLabels?.[s] ?? scopeLabels.get(s) ?? s).join(strings.scopeJoin) : strings.cellNone);
    rows.push({ permission: p.id, label: p.label, base: words(before), set: words(after) });
  }
  return rows;
}

/** The comparison as a table (or a sentence when nothing differs). */
export function compareView(rows: readonly CompareRow[], strings: BuilderStrings): HTMLElement {
  if (!rows.length) return h('p', { part: 'compare' }, strings.compareNone);
  const cell = (text: string) => h('td', text === strings.cellNone ? { class: 'none' } : {}, text);
  return h(
    'table',
    { part: 'compare' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, strings.comparePermission), h('th', { scope: 'col' }, strings.compareBase), h('th', { scope: 'col' }, strings.compareSet))),
    h('tbody', {}, ...rows.map((r) => h('tr', { 'data-permission': r.permission }, h('th', { scope: 'row' }, r.label), cell(r.base), cell(r.set)))),
  );
}
