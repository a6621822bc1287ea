import type { PreviewResult, SetInfo } from '../../../lsp/src/server/custom-protocol.js';
import { esc, locLink, plural } from './html.js';

/** The action the preview's set picker posts. */
export const PREVIEW_SET_ACTION = 'preview.set';

/** The preview's header: a picker to switch to another set (kept across live updates). */
export function previewHeader(sets: readonly SetInfo[], current: string): string {
  const options = sets
    .map(
      (s) =>
        `<option value="${esc(s.id)}"${s.id === current ? ' selected' : ''}>${esc(s.name)} (${esc(s.id)})</option>`,
    )
    .join('');
  return `<div class="toolbar"><label>Preview as <select id="preview-set" data-post="${PREVIEW_SET_ACTION}">${options}</select></label></div>`;
}

/**
 * "Try it out": what a user with the set can do, by area, each permission with its scopes in
 * the catalog's words, its extra conditions, and where it comes from (a link to the line).
 */
export function previewContent(result: PreviewResult): string {
  const { preview } = result;
  const s = preview.set;
  const facts = [s.system ? 'system set' : 'custom set'];
  if (s.seat)
    facts.push(`seat ${esc(s.seatLabel ?? s.seat)}${s.paid === undefined ? '' : s.paid ? ' (paid)' : ' (free)'}`);
  if (s.extends) facts.push(`extends <code>${esc(s.extends)}</code>`);
  if (s.include.length) facts.push(`includes ${s.include.map((i) => `<code>${esc(i)}</code>`).join(', ')}`);
  if (s.restrict) facts.push(`restrict: <code>${esc(s.restrict)}</code>`);
  facts.push(locLink(s));
  const out: string[] = [];
  out.push(`<h1>${esc(s.name)} <span class="muted">(${esc(s.id)})</span></h1>`);
  out.push(`<p class="meta">${facts.join(' · ')}</p>`);
  if (s.description) out.push(`<p>${esc(s.description)}</p>`);
  out.push(errorsBanner(result.errors));
  const sum = preview.summary;
  out.push(
    `<p><strong>${esc(sum.permissions)} of ${plural(sum.totalPermissions, 'permission')}</strong> in ${esc(sum.areas)} of ${plural(sum.totalAreas, 'area')}.</p>`,
  );
  for (const area of preview.areas) {
    out.push(
      `<h2 data-area="${esc(area.id)}">${esc(area.label)} <span class="muted">— ${esc(area.granted)} of ${plural(area.total, 'permission')}</span></h2>`,
    );
    out.push('<table class="preview"><thead><tr><th>Permission</th><th>Can</th><th>From</th></tr></thead><tbody>');
    for (const p of area.permissions) {
      const scopes = p.scopes
        .map(
          (sc) =>
            `<div class="scope">${esc(sc.label)} <span class="muted">(${esc(sc.scope)})</span>${sc.when ? `<div class="cond">only when ${esc(sc.when)}</div>` : ''}</div>`,
        )
        .join('');
      const restricted = p.restricted
        ? `<div class="muted">narrowed from ${esc(p.restricted.from.join(', '))} to ${esc(p.restricted.scope)} by restrict · ${locLink(p.restricted)}</div>`
        : '';
      out.push(
        `<tr data-permission="${esc(p.id)}"><td>${esc(p.label)}<br><code>${esc(p.id)}</code>${p.sensitive ? ' <span class="sensitive">sensitive</span>' : ''}</td>` +
          `<td>${scopes}</td><td>${esc(p.origin)} · ${locLink(p.source)}${restricted}</td></tr>`,
      );
    }
    out.push('</tbody></table>');
  }
  if (preview.notGranted.length)
    out.push(`<p class="muted"><strong>Nothing in</strong> ${preview.notGranted.map(esc).join(', ')}.</p>`);
  return out.join('\n');
}

/** A warning that the project has errors: views show what resolves, which may change. */
export function errorsBanner(errors: number): string {
  if (errors <= 0) return '';
  return `<div class="banner error">The policies have ${plural(errors, 'error')} (see the Problems view): this shows what resolves now and may change when they are fixed.</div>`;
}
