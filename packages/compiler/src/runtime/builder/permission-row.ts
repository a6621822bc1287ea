import type { BuilderPermission } from '../builder-data.js';
import type { BuilderState } from './builder-state.js';
import { formatString, type BuilderStrings } from './builder-strings.js';
import type { CustomSetDiagnostic } from './custom-sets-seam.js';
import { attr, h } from './dom.js';

/** What a row needs besides the state: the strings, scope words and its diagnostics. */
export interface RowContext {
  state: BuilderState;
  strings: BuilderStrings;
  scopeLabel: (permission: BuilderPermission, scopes: readonly string[]) => string;
  seatLabel: string;
  diagnostics: readonly CustomSetDiagnostic[];
}

/**
 * One permission's row: a labelled switch, a scope choice, the sensitive mark, its description,
 * the note of a change the builder made for it and its diagnostics. `update` rewrites only what
 * changed, so a toggle redraws a handful of rows, not the catalog.
 */
export class PermissionRow {
  readonly li: HTMLLIElement;
  readonly toggle: HTMLInputElement;
  readonly select: HTMLSelectElement;
  private readonly note: HTMLParagraphElement;
  private readonly list: HTMLUListElement;
  private readonly sensitiveBadge: HTMLSpanElement | undefined;
  private signature = '';
  private strings: BuilderStrings | undefined;

  constructor(
    readonly permission: BuilderPermission,
    idPrefix: string,
  ) {
    const p = permission;
    const id = `${idPrefix}-${p.id}`;
    this.toggle = h('input', { type: 'checkbox', role: 'switch', id: `${id}-on`, part: 'toggle', 'data-permission': p.id });
    this.select = h('select', { id: `${id}-scope`, part: 'scope', 'data-permission': p.id });
    this.note = h('p', { class: 'note', id: `${id}-note`, part: 'note', 'aria-live': 'polite' });
    this.list = h('ul', { class: 'diagnostics', id: `${id}-diagnostics`, part: 'permission-diagnostics' });
    const described = [p.description ? `${id}-desc` : undefined, `${id}-note`, `${id}-diagnostics`].filter(Boolean).join(' ');
    this.toggle.setAttribute('aria-describedby', described);
    this.select.setAttribute('aria-describedby', described);
    const label = h('label', { for: `${id}-on`, class: 'toggle-label', part: 'permission-label' }, p.label);
    const toggleBox = h('div', { class: 'toggle' }, this.toggle, label);
    this.li = h('li', { class: 'permission', part: 'permission', 'data-permission': p.id }, toggleBox, this.select);
    if (p.description) this.li.append(h('p', { class: 'description', id: `${id}-desc`, part: 'permission-description' }, p.description));
    this.li.append(this.note, this.list);
    this.sensitiveBadge = p.sensitive ? h('span', { class: 'badge sensitive', part: 'sensitive' }) : undefined;
    if (this.sensitiveBadge) toggleBox.append(this.sensitiveBadge);
  }

  /** Brings the row up to date with the state; returns whether anything changed. */
  update(ctx: RowContext): boolean {
    const { state, strings } = ctx;
    const p = this.permission;
    const choice = state.choice(p.id);
    const allowed = state.allowedBySeat(p.id);
    const note = state.notes.get(p.id);
    const changed = state.changed(p.id);
    const conditional = state.baseConditional(p.id);
    // What the row shows depends on these only (the scope options follow from `allowed` and the
    // choice), so an unchanged row costs one string comparison per toggle.
    let signature = `${choice.on ? 1 : 0}|${choice.scopes.join(' ')}|${allowed ? 1 : 0}|${note ? `${note.kind}:${note.by}` : ''}|${changed ? 1 : 0}|${conditional ? 1 : 0}|${ctx.seatLabel}`;
    for (const d of ctx.diagnostics) signature += `|${d.severity}:${d.code}:${d.message}`;
    if (signature === this.signature && strings === this.strings) return false;
    this.signature = signature;
    this.strings = strings;
    const options = state.scopeOptions(p.id);

    this.toggle.checked = choice.on;
    this.toggle.disabled = !allowed && !choice.on;
    attr(this.toggle, 'aria-invalid', ctx.diagnostics.some((d) => d.severity === 'error') ? 'true' : undefined);
    this.select.setAttribute('aria-label', formatString(strings.scopeLabel, { label: p.label }));
    this.select.disabled = !choice.on || options.length === 0;
    const current = choice.scopes.join(' ');
    this.select.replaceChildren(
      ...options.map((scopes) => {
        const value = scopes.join(' ');
        const option = h('option', { value }, ctx.scopeLabel(p, scopes));
        option.selected = value === current;
        return option;
      }),
    );
    if (!choice.on && options.length) this.select.selectedIndex = -1;
    if (this.sensitiveBadge) {
      this.sensitiveBadge.textContent = strings.sensitive;
      this.sensitiveBadge.title = strings.sensitiveHint;
    }
    this.li.classList.toggle('changed', changed);
    this.li.classList.toggle('unavailable', !allowed);
    attr(this.li, 'data-on', choice.on ? 'true' : 'false');

    const lines: string[] = [];
    if (!allowed) lines.push(formatString(strings.notAllowedBySeat, { seat: ctx.seatLabel }));
    if (note) {
      const by = state.permissions.get(note.by)?.label ?? note.by;
      const key = note.kind === 'turned-on' ? 'noteTurnedOn' : note.kind === 'widened' ? 'noteWidened' : note.kind === 'turned-off' ? 'noteTurnedOff' : 'noteNarrowed';
      lines.push(formatString(strings[key], { by }));
    }
    if (p.requires.length && choice.on) lines.push(formatString(strings.requiresNote, { labels: p.requires.map((r) => state.permissions.get(r)?.label ?? r).join(', ') }));
    if (conditional && !changed) lines.push(strings.conditional);
    this.note.textContent = lines.join(' · ');
    this.note.hidden = lines.length === 0;
    this.list.replaceChildren(...ctx.diagnostics.map((d) => diagnosticItem(d, strings)));
    this.list.hidden = ctx.diagnostics.length === 0;
    return true;
  }
}

/** A diagnostic as a list item: severity word, message and code. */
export function diagnosticItem(d: CustomSetDiagnostic, strings: BuilderStrings): HTMLLIElement {
  const word = d.severity === 'error' ? strings.errorLabel : d.severity === 'warning' ? strings.warningLabel : strings.infoLabel;
  return h('li', { class: `diagnostic ${d.severity}`, part: `diagnostic diagnostic-${d.severity}`, 'data-code': d.code }, `${word}: ${d.message} `, h('span', { class: 'code' }, `(${d.code})`));
}
