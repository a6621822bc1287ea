import type { BuilderData, BuilderPermission } from '../builder-data.js';
import { BuilderState } from './builder-state.js';
import { DEFAULT_STRINGS, formatString, mergeStrings, type BuilderStrings } from './builder-strings.js';
import { BUILDER_STYLE } from './builder-style.js';
import type { CustomSetDefinition } from './custom-set-definition.js';
import type { CustomSetDiagnostic, CustomSetsResult, WithCustomSets } from './custom-sets-seam.js';
import { diagnosticTarget } from './diagnostic-target.js';
import { attr, h } from './dom.js';
import { diagnosticItem, PermissionRow } from './permission-row.js';
import { compareRows, compareView, previewView } from './set-views.js';

/** The detail of the element's `change` and `save` events. */
export interface BuilderEventDetail {
  definition: CustomSetDefinition;
  diagnostics: CustomSetDiagnostic[];
}

/** What a defined element starts with (builder.js passes the built policies and their rules). */
export interface BuilderDefaults {
  policies?: BuilderData;
  withCustomSets?: WithCustomSets;
}

type Field = 'id' | 'name' | 'description' | 'extends';

let instances = 0;

/**
 * `<permset-builder>`: builds a custom permission set from a base, as the product's admins do
 * (docs/builder.md). It renders into an open shadow root, writes policy text only as text,
 * never fetches, and gets every judgement (diagnostics, preview) from `withCustomSets`.
 */
export class PermsetBuilderElement extends HTMLElement {
  /** Set by {@link definePermsetBuilder} on the subclass it registers. */
  static defaults: BuilderDefaults = {};

  #data: BuilderData | undefined;
  #state: BuilderState | undefined;
  #strings: BuilderStrings = { ...DEFAULT_STRINGS };
  #withCustomSets: WithCustomSets | undefined;
  #grantor: string | undefined;
  #result: CustomSetsResult | undefined;
  #diagnostics: CustomSetDiagnostic[] = [];
  #editing = false;
  #status = '';
  readonly #prefix = `pb${++instances}`;
  readonly #root: ShadowRoot;
  #rows = new Map<string, PermissionRow>();
  #areaCounts = new Map<string, HTMLElement>();
  #fields = new Map<Field, HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>();
  #fieldDiagnostics = new Map<Field, HTMLUListElement>();
  #parts: Record<'title' | 'seat' | 'problems' | 'other' | 'status' | 'save' | 'areas', HTMLElement> | undefined;
  #dialog: HTMLDialogElement | undefined;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
    const ctor = this.constructor as typeof PermsetBuilderElement;
    this.#withCustomSets = ctor.defaults.withCustomSets;
    this.#root.addEventListener('change', (e) => this.#onChange(e));
    this.#root.addEventListener('input', (e) => this.#onInput(e));
    this.#root.addEventListener('click', (e) => this.#onClick(e));
    const style = BUILDER_STYLE;
    // A constructed sheet needs no style-src exception; the <style> fallback is allowed by the
    // hash builder.html lists for this very text.
    if ('adoptedStyleSheets' in ShadowRoot.prototype && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(style);
      this.#root.adoptedStyleSheets = [sheet];
    } else this.#root.append(h('style', {}, style));
    if (ctor.defaults.policies) this.policies = ctor.defaults.policies;
  }

  /** The built policies the builder works on ({@link BuilderData}); setting them keeps the definition. */
  get policies(): BuilderData | undefined {
    return this.#data;
  }

  set policies(data: BuilderData | undefined) {
    const kept = this.#state && this.#editing ? this.#state.definition() : undefined;
    this.#data = data && Array.isArray(data.permissions) && Array.isArray(data.sets) && Array.isArray(data.areas) ? data : undefined;
    this.#state = this.#data ? new BuilderState(this.#data) : undefined;
    if (kept) this.#state?.load(kept);
    this.#render();
  }

  /** The definition as it stands (only the grants that differ from the base). */
  get definition(): CustomSetDefinition | undefined {
    return this.#state?.definition();
  }

  set definition(value: unknown) {
    this.load(value);
  }

  /** The diagnostics of the definition as it stands, from `withCustomSets`. */
  get diagnostics(): CustomSetDiagnostic[] {
    return [...this.#diagnostics];
  }

  /** The strings table ({@link DEFAULT_STRINGS}); set a partial table to replace some. */
  get strings(): BuilderStrings {
    return { ...this.#strings };
  }

  set strings(value: unknown) {
    this.#strings = mergeStrings(value);
    this.#render();
  }

  /** The rules: `withCustomSets` of the built policies (builder.js sets it). */
  get withCustomSets(): WithCustomSets | undefined {
    return this.#withCustomSets;
  }

  set withCustomSets(fn: WithCustomSets | undefined) {
    this.#withCustomSets = typeof fn === 'function' ? fn : undefined;
    this.#refresh();
  }

  /** The set of the admin who saves (`withCustomSets`'s `grantor`); also the `grantor` attribute. */
  get grantor(): string | undefined {
    return this.#grantor ?? this.getAttribute('grantor') ?? undefined;
  }

  set grantor(value: string | undefined) {
    this.#grantor = typeof value === 'string' && value ? value : undefined;
    this.#refresh();
  }

  /** Edits an existing definition (from the product's database or a file). */
  load(definition: unknown): void {
    if (!this.#state) return;
    this.#state.load(definition);
    this.#editing = true;
    this.#status = '';
    this.#render();
  }

  connectedCallback(): void {
    if (!this.#parts) this.#render();
  }

  #validate(): void {
    const state = this.#state;
    const fn = this.#withCustomSets;
    if (!state || !fn) {
      this.#result = undefined;
      this.#diagnostics = [];
      return;
    }
    const grantor = this.grantor;
    this.#result = fn([state.definition()], grantor ? { grantor } : undefined);
    this.#diagnostics = Array.isArray(this.#result.diagnostics) ? this.#result.diagnostics : [];
  }

  /**
   * Whether the set is checked elsewhere when saved (`validation="external"`): in VS Code the
   * saved file is checked by the language server, as every policy file is.
   */
  #externalValidation(): boolean {
    return !this.#withCustomSets && this.getAttribute('validation') === 'external';
  }

  /** Whether the set may be saved: the rules are there and report no error (or it is checked elsewhere). */
  #canSave(): boolean {
    if (this.#externalValidation()) return true;
    return !!this.#result && this.#result.ok && !this.#diagnostics.some((d) => d.severity === 'error');
  }

  #render(): void {
    const s = this.#strings;
    const state = this.#state;
    this.#rows = new Map();
    this.#areaCounts = new Map();
    this.#fields = new Map();
    this.#fieldDiagnostics = new Map();
    const keep = [...this.#root.children].filter((c) => c.tagName === 'STYLE');
    this.#root.replaceChildren(...keep);
    if (!state) {
      this.#parts = undefined;
      this.#root.append(h('p', { part: 'empty' }, s.noPolicies));
      return;
    }
    const title = h('h2', { part: 'title', id: `${this.#prefix}-title` });
    const seat = h('span', { class: 'badge seat', part: 'seat' });
    const problems = h('section', { class: 'problems', part: 'problems', 'aria-live': 'polite', 'aria-labelledby': `${this.#prefix}-problems` });
    const other = h('section', { class: 'other', part: 'other-entries' });
    const status = h('p', { class: 'hint', part: 'status', role: 'status' });
    const save = h('button', { type: 'button', class: 'primary', part: 'save-button', 'data-action': 'save' }, s.save);
    const areas = h('div', { class: 'areas', part: 'areas' });
    this.#parts = { title, seat, problems, other, status, save, areas };

    const details = h('section', { class: 'details', part: 'details', 'aria-label': s.details });
    details.append(
      this.#field('id', s.idLabel, h('input', { type: 'text', autocomplete: 'off', spellcheck: 'false' }), s.idHint),
      this.#field('name', s.nameLabel, h('input', { type: 'text', autocomplete: 'off' })),
      this.#field('extends', s.baseLabel, this.#baseSelect(state), s.baseHint, seat),
      this.#field('description', s.descriptionLabel, h('textarea', { rows: '2' }), undefined, undefined, true),
    );
    const toolbar = h(
      'div',
      { class: 'toolbar', part: 'toolbar' },
      h('button', { type: 'button', 'data-action': 'expand' }, s.expandAll),
      h('button', { type: 'button', 'data-action': 'collapse' }, s.collapseAll),
      h('span', { class: 'spacer' }),
      h('button', { type: 'button', 'data-action': 'preview', part: 'preview-button', 'aria-haspopup': 'dialog' }, s.tryItOut),
      h('button', { type: 'button', 'data-action': 'compare', part: 'compare-button', 'aria-haspopup': 'dialog' }, s.compare),
      save,
    );
    const byArea = new Map<string, BuilderPermission[]>();
    for (const p of state.data.permissions) {
      const list = byArea.get(p.area) ?? [];
      list.push(p);
      byArea.set(p.area, list);
    }
    for (const area of state.data.areas) {
      const perms = byArea.get(area.id);
      if (!perms) continue;
      const count = h('span', { class: 'count', part: 'area-count' });
      this.#areaCounts.set(area.id, count);
      const list = h('ul', { class: 'permissions', part: 'permission-list' });
      for (const p of perms) {
        const row = new PermissionRow(p, this.#prefix);
        this.#rows.set(p.id, row);
        list.append(row.li);
      }
      areas.append(h('details', { class: 'area', part: 'area', 'data-area': area.id, open: true }, h('summary', { part: 'area-summary' }, h('h3', {}, area.label), count), list));
    }
    this.#dialog = h('dialog', { part: 'dialog', 'aria-labelledby': `${this.#prefix}-dialog-title` });
    const root = h('div', { class: 'builder', part: 'builder', role: 'form', 'aria-labelledby': `${this.#prefix}-title` }, h('header', { part: 'header' }, title), details, toolbar, status, problems, areas, other, this.#dialog);
    this.#root.append(root);
    this.#refresh();
  }

  #field(field: Field, label: string, control: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, hint?: string, extra?: HTMLElement, wide = false): HTMLElement {
    const id = `${this.#prefix}-field-${field}`;
    control.id = id;
    control.setAttribute('data-field', field);
    control.setAttribute('part', `field-${field}`);
    const list = h('ul', { class: 'diagnostics', id: `${id}-diagnostics`, part: 'field-diagnostics', hidden: true });
    const hintEl = hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : undefined;
    control.setAttribute('aria-describedby', [hintEl ? `${id}-hint` : undefined, `${id}-diagnostics`].filter(Boolean).join(' '));
    this.#fields.set(field, control);
    this.#fieldDiagnostics.set(field, list);
    return h('div', { class: `field${wide ? ' wide' : ''}`, part: 'field' }, h('label', { for: id }, label), control, extra, hintEl, list);
  }

  #baseSelect(state: BuilderState): HTMLSelectElement {
    const select = h('select', {});
    // No base is chosen for the admin: which system set fits is their decision.
    select.append(h('option', { value: '', disabled: true }, this.#strings.basePlaceholder));
    const bases = state.bases();
    for (const b of bases) {
      const text = b.customizable ? b.name : formatString(this.#strings.baseNotCustomizable, { name: b.name });
      select.append(h('option', { value: b.id, disabled: !b.customizable }, text));
    }
    if (state.baseId && !bases.some((b) => b.id === state.baseId)) select.append(h('option', { value: state.baseId }, state.baseId));
    return select;
  }

  /** Brings every part up to date with the state after a change, touching only what differs. */
  #refresh(): void {
    const state = this.#state;
    const parts = this.#parts;
    if (!state || !parts) return;
    this.#validate();
    const s = this.#strings;
    const byGrant = new Map<string, CustomSetDiagnostic[]>();
    const byField = new Map<Field, CustomSetDiagnostic[]>();
    const general: CustomSetDiagnostic[] = [];
    for (const d of this.#diagnostics) {
      const t = diagnosticTarget(typeof d.path === 'string' ? d.path : '');
      if (t.kind === 'grant' && (this.#rows.has(t.key) || state.extraGrants.has(t.key))) byGrant.set(t.key, [...(byGrant.get(t.key) ?? []), d]);
      else if (t.kind === 'field') byField.set(t.field, [...(byField.get(t.field) ?? []), d]);
      else general.push(d);
    }
    parts.title.textContent = this.#editing ? s.titleEditing : s.title;
    const base = state.base();
    const seat = state.data.seats.find((x) => x.name === base?.seat);
    parts.seat.textContent = seat ? `${formatString(s.seatBadge, { seat: seat.label })} · ${seat.paid ? s.seatPaid : s.seatFree}` : '';
    parts.seat.hidden = !seat;
    const values: Record<Field, string> = { id: state.id, name: state.name, description: state.description, extends: state.baseId };
    for (const [field, control] of this.#fields) {
      if (control.value !== values[field] && this.#root.activeElement !== control) control.value = values[field];
      const ds = byField.get(field) ?? [];
      attr(control, 'aria-invalid', ds.some((d) => d.severity === 'error') ? 'true' : undefined);
      const list = this.#fieldDiagnostics.get(field)!;
      list.replaceChildren(...ds.map((d) => diagnosticItem(d, s)));
      list.hidden = ds.length === 0;
    }
    const ctx = { state, strings: s, scopeLabel: (p: BuilderPermission, scopes: readonly string[]) => this.#scopeWords(p, scopes), seatLabel: seat?.label ?? '' };
    for (const [id, row] of this.#rows) row.update({ ...ctx, diagnostics: byGrant.get(id) ?? [] });
    const counts = new Map<string, [number, number]>();
    for (const p of state.data.permissions) {
      const c = counts.get(p.area) ?? [0, 0];
      c[1]++;
      if (state.choice(p.id).on) c[0]++;
      counts.set(p.area, c);
    }
    for (const [area, el] of this.#areaCounts) {
      const [on, total] = counts.get(area) ?? [0, 0];
      el.textContent = formatString(s.areaCount, { on, total });
    }
    this.#renderOther(state, byGrant);
    this.#renderProblems(general.length + [...byGrant.values(), ...byField.values()].reduce((n, l) => n + l.length, 0) ? this.#diagnostics : []);
    const canSave = this.#canSave();
    attr(parts.save, 'aria-disabled', canSave ? undefined : 'true');
    parts.status.textContent = this.#status;
  }

  #scopeWords(p: BuilderPermission, scopes: readonly string[]): string {
    const label = (s: string) => p.scopeLabels?.[s] ?? this.#state?.data.scopes.find((x) => x.name === s)?.label ?? s;
    return scopes.map(label).join(this.#strings.scopeJoin);
  }

  #renderOther(state: BuilderState, byGrant: Map<string, CustomSetDiagnostic[]>): void {
    const other = this.#parts!.other;
    const s = this.#strings;
    if (!state.extraGrants.size) {
      other.replaceChildren();
      other.hidden = true;
      return;
    }
    other.hidden = false;
    const items = [...state.extraGrants].map(([key, value]) =>
      h(
        'li',
        { part: 'other-entry', 'data-key': key },
        h('code', {}, `${key}: ${shown(value)}`),
        ' ',
        h('button', { type: 'button', 'data-action': 'drop', 'data-key': key }, formatString(s.removeEntry, { key })),
        h('ul', { class: 'diagnostics' }, ...(byGrant.get(key) ?? []).map((d) => diagnosticItem(d, s))),
      ),
    );
    other.replaceChildren(h('h3', {}, s.otherEntries), h('p', { class: 'hint' }, s.otherEntriesHint), h('ul', {}, ...items));
  }

  #renderProblems(all: readonly CustomSetDiagnostic[]): void {
    const problems = this.#parts!.problems;
    const s = this.#strings;
    const errors = all.filter((d) => d.severity === 'error').length;
    const warnings = all.filter((d) => d.severity === 'warning').length;
    problems.classList.toggle('has-errors', errors > 0);
    const heading = h('h3', { id: `${this.#prefix}-problems` }, s.problems);
    if (!this.#withCustomSets) {
      problems.replaceChildren(heading, h('p', {}, this.#externalValidation() ? s.validationExternal : s.validationUnavailable));
      return;
    }
    if (!all.length) {
      problems.replaceChildren(heading, h('p', {}, s.noProblems));
      return;
    }
    const items = all.map((d) => {
      const li = diagnosticItem(d, s);
      const target = this.#controlFor(d);
      if (target) li.prepend(h('button', { type: 'button', class: 'link', 'data-action': 'focus', 'data-path': d.path }, this.#targetName(d)), ' ');
      return li;
    });
    problems.replaceChildren(heading, h('p', {}, formatString(s.problemCount, { errors, warnings })), h('ul', {}, ...items));
  }

  #targetName(d: CustomSetDiagnostic): string {
    const t = diagnosticTarget(d.path);
    if (t.kind === 'grant') return this.#state?.permissions.get(t.key)?.label ?? t.key;
    if (t.kind === 'field') return { id: this.#strings.idLabel, name: this.#strings.nameLabel, description: this.#strings.descriptionLabel, extends: this.#strings.baseLabel }[t.field];
    return '';
  }

  #controlFor(d: CustomSetDiagnostic): HTMLElement | undefined {
    const t = diagnosticTarget(typeof d.path === 'string' ? d.path : '');
    if (t.kind === 'grant') return this.#rows.get(t.key)?.toggle ?? (this.#parts?.other.querySelector(`button[data-action=drop]`) as HTMLElement | null) ?? undefined;
    if (t.kind === 'field') return this.#fields.get(t.field);
    return undefined;
  }

  #changed(): void {
    this.#status = '';
    this.#refresh();
    this.dispatchEvent(new CustomEvent<BuilderEventDetail>('change', { detail: this.#detail() }));
  }

  #detail(): BuilderEventDetail {
    return { definition: this.#state!.definition(), diagnostics: this.diagnostics };
  }

  #onChange(e: Event): void {
    const state = this.#state;
    const target = e.target;
    if (!state) return;
    e.stopPropagation();
    if (target instanceof HTMLInputElement && target.type === 'checkbox' && target.dataset.permission) {
      state.toggle(target.dataset.permission, target.checked);
      this.#changed();
    } else if (target instanceof HTMLSelectElement && target.dataset.permission) {
      state.setScopes(target.dataset.permission, target.value.split(' '));
      this.#changed();
    } else if (target instanceof HTMLSelectElement && target.dataset.field === 'extends') {
      state.setBase(target.value);
      this.#changed();
    }
  }

  #onInput(e: Event): void {
    const state = this.#state;
    const target = e.target;
    if (!state || !(target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement)) return;
    const field = target.dataset.field;
    if (field !== 'id' && field !== 'name' && field !== 'description') return;
    state.setField(field, target.value);
    this.#changed();
  }

  #onClick(e: Event): void {
    const button = (e.target as Element | null)?.closest?.('button[data-action]');
    if (!(button instanceof HTMLButtonElement) || !this.#state) return;
    const action = button.dataset.action;
    if (action === 'expand' || action === 'collapse') for (const d of this.#root.querySelectorAll('details.area')) (d as HTMLDetailsElement).open = action === 'expand';
    else if (action === 'save') this.#save();
    else if (action === 'preview') this.#showPreview();
    else if (action === 'compare') this.#showCompare();
    else if (action === 'close') this.#dialog?.close();
    else if (action === 'drop' && button.dataset.key !== undefined) {
      this.#state.dropExtraGrant(button.dataset.key);
      this.#changed();
    } else if (action === 'focus') {
      const d = this.#diagnostics.find((x) => x.path === button.dataset.path);
      const control = d && this.#controlFor(d);
      const area = control?.closest('details');
      if (area) (area as HTMLDetailsElement).open = true;
      control?.focus();
    }
  }

  #save(): void {
    if (!this.#canSave()) {
      this.#status = this.#withCustomSets ? this.#strings.saveBlocked : this.#strings.validationUnavailable;
      this.#parts!.status.textContent = this.#status;
      return;
    }
    this.#status = this.#strings.saved;
    this.#parts!.status.textContent = this.#status;
    this.dispatchEvent(new CustomEvent<BuilderEventDetail>('save', { detail: this.#detail() }));
  }

  #openDialog(title: string, body: HTMLElement): void {
    const dialog = this.#dialog!;
    const titleId = `${this.#prefix}-dialog-title`;
    dialog.replaceChildren(h('div', { class: 'dialog-head' }, h('h3', { id: titleId }, title), h('button', { type: 'button', 'data-action': 'close' }, this.#strings.close)), body);
    dialog.showModal();
  }

  #preview() {
    const state = this.#state!;
    return this.#canSave() ? this.#result?.preview(state.id) : undefined;
  }

  #showPreview(): void {
    const s = this.#strings;
    const state = this.#state!;
    const preview = this.#preview();
    this.#openDialog(formatString(s.tryItOutTitle, { name: state.name || state.id }), preview ? previewView(preview, s) : h('p', {}, s.tryItOutUnavailable));
  }

  #showCompare(): void {
    const s = this.#strings;
    const state = this.#state!;
    const base = state.base();
    const preview = this.#preview();
    const body = preview && base ? compareView(compareRows(state.data, base, preview, s), s) : h('p', {}, s.tryItOutUnavailable);
    this.#openDialog(formatString(s.compareTitle, { base: base?.name ?? state.baseId }), body);
  }
}

/** Options of {@link definePermsetBuilder}. */
export interface DefineOptions extends BuilderDefaults {
  /** The element's tag (default `permset-builder`). */
  tagName?: string;
}

/**
 * Registers the element (once per tag) with default policies and rules; returns its class.
 * builder.js calls it with the built policies, so `<permset-builder>` works on them as is.
 */
export function definePermsetBuilder(options: DefineOptions = {}): typeof PermsetBuilderElement {
  const tag = options.tagName ?? 'permset-builder';
  const existing = customElements.get(tag);
  if (existing) return existing as typeof PermsetBuilderElement;
  const defaults: BuilderDefaults = { ...(options.policies ? { policies: options.policies } : {}), ...(options.withCustomSets ? { withCustomSets: options.withCustomSets } : {}) };
  const Defined = class extends PermsetBuilderElement {
    static override defaults = defaults;
  };
  customElements.define(tag, Defined);
  return Defined;
}

// A loaded value the builder does not edit is shown cut to this length: it may be anything.
const SHOWN_LENGTH = 200;

/** A loaded value the builder does not edit, as text (JSON where it is JSON), never throwing. */
function shown(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    // a cycle, a bigint, a getter that throws: withCustomSets says which
    text = Object.prototype.toString.call(value);
  }
  return text.length > SHOWN_LENGTH ? `${text.slice(0, SHOWN_LENGTH)}…` : text;
}
