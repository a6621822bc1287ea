import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, runCli } from '../helpers/cli.js';
import { ensureAptTool } from './helpers/ensure-tools.js';

// <permset-builder> in a real headless Chromium (Debian's, driven by playwright-core): builder.html
// as `permset build policies` writes it, opened from disk under its strict CSP, driven with the
// keyboard only, audited with axe-core, checked against the rules of the custom-sets.js of the
// same build, and screenshotted for docs/builder.md (UPDATE_SCREENSHOTS=1 writes the images into
// docs/images; otherwise they go to a temporary folder).

const SHOT_DIR = process.env['UPDATE_SCREENSHOTS']
  ? join(REPO, 'docs', 'images')
  : mkdtempSync(join(tmpdir(), 'permset-shots-'));
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let tmp: string;
let context: BrowserContext;
let url: string;
let out: string;

beforeAll(async () => {
  const executablePath = ensureAptTool('chromium', ['chromium']);
  tmp = mkdtempSync(join(tmpdir(), 'permset-builder-e2e-'));
  const files = new Map<string, string | Uint8Array>();
  const built = await runCli(['build', 'policies', '--out', 'out'], { cwd: REPO, files });
  expect(built.code).toBe(0);
  out = join(tmp, 'out');
  mkdirSync(out);
  for (const [name, text] of files) writeFileSync(join(tmp, name), text);
  url = pathToFileURL(join(out, 'builder.html')).href;
  const home = join(tmp, 'home');
  mkdirSync(home);
  context = await chromium.launchPersistentContext(join(tmp, 'profile'), {
    executablePath,
    headless: true,
    viewport: { width: 1280, height: 900 },
    env: {
      ...process.env,
      HOME: home,
      XDG_CONFIG_HOME: join(home, '.config'),
      XDG_CACHE_HOME: join(home, '.cache'),
      XDG_DATA_HOME: join(home, '.local/share'),
    },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
});

afterAll(async () => {
  await context?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** A fresh tab on builder.html, recording page errors, console errors (CSP reports) and requests. */
async function open(): Promise<{ page: Page; problems: string[] }> {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console: ${m.text()}`);
  });
  page.on('request', (r) => {
    if (r.url() !== url) problems.push(`request: ${r.url()}`);
  });
  await page.goto(url);
  await page.locator('permset-builder li.permission').first().waitFor();
  return { page, problems };
}

const builder = (page: Page) => page.locator('permset-builder');
const diagnosticsOf = (page: Page) =>
  page.evaluate(() =>
    (
      document.querySelector('permset-builder') as HTMLElement & {
        diagnostics: { code: string; path: string; message: string }[];
      }
    ).diagnostics.map((d) => `${d.code} ${d.path}`),
  );
const load = (page: Page, definition: unknown) =>
  page.evaluate(
    (d) => (document.querySelector('permset-builder') as HTMLElement & { load(d: unknown): void }).load(d),
    definition,
  );
const row = (page: Page, id: string) => page.locator(`permset-builder li.permission[data-permission="${id}"]`);
const toggle = (page: Page, id: string) => row(page, id).locator('input[type=checkbox]');

/** The element focused inside the builder's shadow root (or the document's), described. */
function focused(page: Page): Promise<{ tag: string; label: string; permission: string | null; outline: string }> {
  return page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el) return { tag: '', label: '', permission: null, outline: '' };
    const root = el.getRootNode() as Document | ShadowRoot;
    const labelled = el.id ? root.querySelector(`label[for="${el.id}"]`)?.textContent : undefined;
    const style = getComputedStyle(el);
    return {
      tag: el.tagName.toLowerCase(),
      label: (labelled ?? el.getAttribute('aria-label') ?? el.textContent ?? '').trim(),
      permission: el.getAttribute('data-permission'),
      outline: `${style.outlineStyle} ${style.outlineWidth}`,
    };
  });
}

/** Presses Tab until the focused control matches, failing after `max` presses. */
async function tabTo(
  page: Page,
  match: (f: Awaited<ReturnType<typeof focused>>) => boolean,
  max = 400,
  key = 'Tab',
): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    if (match(await focused(page))) return;
  }
  throw new Error('control not reached with Tab');
}

describe('<permset-builder> in Chromium', () => {
  it('renders the built policies from disk under the strict CSP, with no request and no error', async () => {
    const { page, problems } = await open();
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(csp).toMatch(
      /^default-src 'none'; script-src 'sha256-[^']+' 'sha256-[^']+'; style-src 'sha256-[^']+' 'sha256-[^']+'; /,
    );
    expect(csp).not.toMatch(/unsafe/);
    expect(await page.locator('permset-builder li.permission').count()).toBe(75);
    expect(
      await page.evaluate(
        () =>
          typeof (document.querySelector('permset-builder') as HTMLElement & { withCustomSets?: unknown })
            .withCustomSets,
      ),
    ).toBe('function');
    expect(await page.locator('permset-builder details.area > summary h3').first().textContent()).toBe(
      'Contacts & Clients',
    );
    expect(await row(page, 'contacts.sensitive_fields.view').locator('[part~=sensitive]').textContent()).toBe(
      'Sensitive',
    );
    expect(await row(page, 'contacts.view').locator('.description').textContent()).toMatch(
      /^Specify who can view contact information\./,
    );
    // The element's sheet applies (a constructed sheet: no style-src exception needed).
    expect(
      await page
        .locator('permset-builder details.area > summary')
        .first()
        .evaluate((el) => getComputedStyle(el).backgroundColor),
    ).toBe('rgb(246, 248, 250)');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('is operable with the keyboard only, with labelled controls and a visible focus', async () => {
    const { page, problems } = await open();
    await tabTo(page, (f) => f.label === 'Id');
    await page.keyboard.type('regional-lead');
    await page.keyboard.press('Tab');
    expect((await focused(page)).label).toBe('Name');
    await page.keyboard.type('Regional lead');
    await page.keyboard.press('Tab');
    const base = await focused(page);
    expect(base).toMatchObject({ tag: 'select', label: 'Base permission set' });
    expect(base.outline).toMatch(/^solid 2px$/);
    // Arrow keys choose on a focused select (the placeholder is disabled): down to Staff.
    const baseSelect = page.locator('permset-builder select[data-field=extends]');
    for (let i = 0; i < 30 && (await baseSelect.inputValue()) !== 'staff'; i++) await page.keyboard.press('ArrowDown');
    expect(await baseSelect.inputValue()).toBe('staff');
    // Into the areas: the Contacts area's summary, then the first permission's switch.
    await tabTo(page, (f) => f.permission === 'contacts.manage' && f.tag === 'input');
    const sw = await focused(page);
    expect(sw.label).toBe('Add, Edit, and Delete Contacts');
    expect(sw.outline).toMatch(/^solid 2px$/);
    await page.keyboard.press('Space');
    expect(await toggle(page, 'contacts.manage').isChecked()).toBe(true);
    // requires: View Contacts was turned on, and the row says why.
    expect(await toggle(page, 'contacts.view').isChecked()).toBe(true);
    expect(await row(page, 'contacts.view').locator('.note').textContent()).toContain(
      'Turned on because “Add, Edit, and Delete Contacts” needs it',
    );
    // The scope choice is next; ArrowDown picks All, which widens View Contacts too.
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ tag: 'select', label: 'Scope of Add, Edit, and Delete Contacts' });
    await page.keyboard.press('ArrowDown');
    expect(await row(page, 'contacts.manage').locator('select').inputValue()).toBe('all');
    expect(await row(page, 'contacts.view').locator('select').inputValue()).toBe('all');
    expect(
      await page.evaluate(
        () => (document.querySelector('permset-builder') as HTMLElement & { definition: unknown }).definition,
      ),
    ).toEqual({
      id: 'regional-lead',
      name: 'Regional lead',
      extends: 'staff',
      grants: { 'contacts.view': 'all', 'contacts.manage': 'all' },
    });
    // Turning off the requirement turns off what depends on it.
    await tabTo(page, (f) => f.permission === 'contacts.view' && f.tag === 'input', 10, 'Shift+Tab');
    await page.keyboard.press('Space');
    expect(await toggle(page, 'contacts.manage').isChecked()).toBe(false);
    expect(await row(page, 'contacts.manage').locator('.note').textContent()).toContain(
      'Turned off because it needs “View Contacts”',
    );
    // An area collapses and opens from its summary with Enter.
    const summary = page.locator('permset-builder details.area[data-area=contacts] > summary');
    await summary.focus();
    await page.keyboard.press('Enter');
    expect(await page.locator('permset-builder details.area[data-area=contacts]').getAttribute('open')).toBeNull();
    await page.keyboard.press('Enter');
    expect(await page.locator('permset-builder details.area[data-area=contacts]').getAttribute('open')).toBe('');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('reaches every control with Tab', async () => {
    const { page } = await open();
    // A problem's link is told apart by its diagnostic (two can share a path).
    const keyOf = (el: Element) =>
      `${el.tagName}#${el.id}|${el.getAttribute('data-action') ?? ''}|${el.getAttribute('data-path') !== null ? el.parentElement?.textContent : ''}|${el.parentElement?.getAttribute('data-area') ?? ''}`;
    const all = await page.locator('permset-builder').evaluate((host, keyFn) => {
      const key = new Function('el', `return (${keyFn})(el)`) as (el: Element) => string;
      return [...host.shadowRoot!.querySelectorAll('input, select, textarea, button, summary')]
        .filter((c) => !(c as HTMLInputElement).disabled && (c as HTMLElement).offsetParent !== null)
        .map(key);
    }, keyOf.toString());
    expect(new Set(all).size).toBe(all.length);
    const seen = new Set<string>();
    for (let i = 0; i < all.length + 5; i++) {
      await page.keyboard.press('Tab');
      const key = await page.evaluate((keyFn) => {
        const inner = document.querySelector('permset-builder')!.shadowRoot!.activeElement;
        return inner ? (new Function('el', `return (${keyFn})(el)`) as (el: Element) => string)(inner) : '';
      }, keyOf.toString());
      if (key) seen.add(key);
    }
    expect(all.filter((k) => !seen.has(k))).toEqual([]);
    await page.close();
  });

  it('offers only what a Client seat allows, and marks a non-customizable base', async () => {
    const { page } = await open();
    const contractor = page.locator('permset-builder select[data-field=extends] option[value=contractor]');
    expect(await contractor.isDisabled()).toBe(true);
    expect(await contractor.textContent()).toBe('Contractor (cannot be customized)');
    await page.locator('permset-builder select[data-field=extends]').selectOption('client-staff');
    expect(await page.locator('permset-builder [part=seat]').textContent()).toBe('Client seat · Free seat');
    expect(await toggle(page, 'contacts.view').isDisabled()).toBe(true);
    expect(await row(page, 'contacts.view').locator('select').isDisabled()).toBe(true);
    expect(await row(page, 'contacts.view').locator('.note').textContent()).toContain('Not available on a Client seat');
    expect(await toggle(page, 'docs.access').isDisabled()).toBe(false);
    expect(await row(page, 'docs.access').locator('select option').allTextContents()).toEqual([
      'Own',
      'Where the user is a member',
      'All',
    ]);
    await page.close();
  });

  it('passes an axe-core audit with no serious or critical violation', async () => {
    const { page } = await open();
    await toggle(page, 'contacts.manage').check();
    // Evaluated through the DevTools protocol, which the page's CSP does not govern.
    await page.evaluate(AXE);
    const violations = await page.evaluate(async () => {
      const axe = (
        window as unknown as {
          axe: {
            run: (
              ctx: unknown,
              opts: unknown,
            ) => Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }>;
          };
        }
      ).axe;
      const r = await axe.run(document, { resultTypes: ['violations'] });
      return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
    });
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
    await page.close();
  });

  it('shows the diagnostics of withCustomSets at the permission: a seat limit, and nothing can be saved', async () => {
    const { page, problems } = await open();
    await load(page, {
      id: 'client-plus',
      name: 'Client plus',
      extends: 'client-staff',
      grants: { 'contacts.view': 'all' },
    });
    expect(await diagnosticsOf(page)).toEqual(['seat-disallows /0/grants/contacts.view']);
    const item = row(page, 'contacts.view').locator('.diagnostic.error');
    expect(await item.textContent()).toBe(
      "Error: Seat 'client' does not allow 'contacts.view': a Client set may grant only 'projects.view', 'tasks.view', 'tasks.edit', 'tasks.time_estimates.view', 'docs.*', 'budgets.view', 'time_entries.view', 'expenses.view'. (seat-disallows)",
    );
    expect(await toggle(page, 'contacts.view').getAttribute('aria-invalid')).toBe('true');
    expect(await builder(page).locator('[part=problems]').textContent()).toContain('1 errors, 0 warnings');
    // Save is refused while there are errors: no save event.
    await page.evaluate(() =>
      document
        .querySelector('permset-builder')!
        .addEventListener('save', () => ((window as unknown as { saved: number }).saved = 1)),
    );
    const save = builder(page).locator('button[data-action=save]');
    // aria-disabled, not disabled: it stays focusable and says why when pressed.
    await save.focus();
    await page.keyboard.press('Enter');
    expect(await builder(page).locator('[part=status]').textContent()).toBe('Fix the errors before saving.');
    expect(await page.evaluate(() => (window as unknown as { saved?: number }).saved)).toBeUndefined();
    // The admin turns the permission off (with the keyboard): the error goes, the set can be saved.
    await toggle(page, 'contacts.view').focus();
    await page.keyboard.press('Space');
    expect(await diagnosticsOf(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('reports a missing requirement and a non-customizable base where they are', async () => {
    const { page } = await open();
    await load(page, { id: 'lead', name: 'Lead', extends: 'staff', grants: { 'contacts.manage': 'all' } });
    expect(await diagnosticsOf(page)).toEqual(['requires-missing /0/grants/contacts.manage']);
    expect(await row(page, 'contacts.manage').locator('.diagnostic').textContent()).toMatch(
      /^Error: .*contacts\.view.* \(requires-missing\)$/,
    );
    await load(page, { id: 'contractor-plus', name: 'Contractor plus', extends: 'contractor' });
    expect(await diagnosticsOf(page)).toContain('not-customizable /0/extends');
    expect(await builder(page).locator('#pb1-field-extends-diagnostics').textContent()).toMatch(/not-customizable/);
    expect(await builder(page).locator('select[data-field=extends]').getAttribute('aria-invalid')).toBe('true');
    await page.close();
  });

  it('shows diagnostics for garbage loaded or set as the definition, and never throws', async () => {
    const { page, problems } = await open();
    const outcomes = await page.evaluate(() => {
      const el = document.querySelector('permset-builder') as HTMLElement & {
        load(d: unknown): void;
        definition: unknown;
        diagnostics: { code: string; path: string }[];
      };
      const cyclic: Record<string, unknown> = { id: 'cyc', name: 'C', extends: 'staff' };
      cyclic['self'] = cyclic;
      const inputs: [string, () => void][] = [
        ['null', () => el.load(null)],
        ['a number', () => el.load(42)],
        ['a list, as el.definition', () => (el.definition = [1, 2])],
        ['wrong types', () => el.load({ id: 42, name: [], extends: {}, grants: { 'contacts.view': 42 } })],
        ['an unknown base', () => el.load({ id: 'x-y', name: 'X', extends: 'no-such-set' })],
        [
          'huge strings',
          () =>
            el.load({
              id: 'a'.repeat(1_000_000),
              name: 'n'.repeat(1_000_000),
              extends: 'staff',
              grants: { ['k'.repeat(100_000)]: 'all' },
            }),
        ],
        [
          '__proto__ keys',
          () =>
            el.load(
              JSON.parse('{"id":"p-q","name":"P","extends":"staff","__proto__":{"x":1},"grants":{"__proto__":"all"}}'),
            ),
        ],
        ['a cycle', () => el.load(cyclic)],
        ['a bigint', () => el.load({ id: 'b-c', name: 'B', extends: 'staff', n: BigInt(10) })],
        [
          'a getter that throws',
          () =>
            el.load({
              name: 'G',
              extends: 'staff',
              get id(): string {
                throw new Error('boom');
              },
            }),
        ],
      ];
      return inputs.map(([name, run]) => {
        try {
          run();
          return [name, el.diagnostics.map((d) => `${d.code} ${d.path}`)];
        } catch (e) {
          return [name, `threw ${(e as Error).message}`];
        }
      });
    });
    // The compiler's own codes, at the JSON Pointer of what is wrong, one per place as in
    // `permset check`; nothing thrown.
    const empty = ['schema-value /0/extends', 'schema-value /0/id', 'schema-value /0/name'];
    expect(Object.fromEntries(outcomes)).toEqual({
      null: empty,
      'a number': empty,
      'a list, as el.definition': ['schema-unknown-key /0/0', 'schema-unknown-key /0/1', ...empty],
      'wrong types': [
        'schema-type /0/extends',
        'schema-type /0/grants/contacts.view',
        'schema-type /0/id',
        'schema-type /0/name',
      ],
      'an unknown base': ['unknown-base /0/extends'],
      'huge strings': ['custom-set-limit /0/id'],
      '__proto__ keys': ['schema-unknown-key /0/__proto__', 'schema-value /0/grants/__proto__'],
      'a cycle': ['custom-set-value /0/self/self'],
      'a bigint': ['custom-set-value /0/n'],
      'a getter that throws': ['custom-set-value /0/id'],
    });
    // Shown where they are: at the permission's row, at the fields, and counted in Problems.
    await load(page, { id: 42, name: [], extends: {}, grants: { 'contacts.view': 42 } });
    expect(await row(page, 'contacts.view').locator('.diagnostic.error').textContent()).toMatch(
      /^Error: Expected a string, a list or a mapping, found the number 42\..*\(schema-type\)$/,
    );
    expect(await builder(page).locator('#pb1-field-id-diagnostics').textContent()).toBe(
      'Error: Expected a string, found the number 42. (schema-type)',
    );
    expect(await builder(page).locator('[part=problems]').textContent()).toContain('4 errors, 0 warnings');
    await load(page, { id: 'x-y', name: 'X', extends: 'no-such-set' });
    expect(await builder(page).locator('#pb1-field-extends-diagnostics').textContent()).toMatch(
      /^Error: .*'no-such-set'.*\(unknown-base\)$/,
    );
    expect(await builder(page).locator('select[data-field=extends]').getAttribute('aria-invalid')).toBe('true');
    // Save stays refused with errors whatever was loaded.
    await builder(page).locator('button[data-action=save]').focus();
    await page.keyboard.press('Enter');
    expect(await builder(page).locator('[part=status]').textContent()).toBe('Fix the errors before saving.');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('builds a set from a base and emits a definition withCustomSets accepts; try it out and compare with base', async () => {
    const { page, problems } = await open();
    await page.evaluate(() =>
      document
        .querySelector('permset-builder')!
        .addEventListener('save', (e) => ((window as unknown as { saved: unknown }).saved = (e as CustomEvent).detail)),
    );
    await builder(page).locator('select[data-field=extends]').selectOption('staff');
    await builder(page).locator('input[data-field=id]').fill('regional-lead');
    await builder(page).locator('input[data-field=name]').fill('Regional lead');
    await toggle(page, 'contacts.manage').check();
    await toggle(page, 'tasks.task_lists.manage').uncheck();
    expect(await diagnosticsOf(page)).toEqual([]);
    await builder(page).locator('button[data-action=save]').click();
    const saved = (await page.evaluate(() => (window as unknown as { saved: unknown }).saved)) as {
      definition: Record<string, unknown>;
      diagnostics: unknown[];
    };
    expect(saved).toEqual({
      definition: {
        id: 'regional-lead',
        name: 'Regional lead',
        extends: 'staff',
        grants: { 'contacts.view': 'member', 'contacts.manage': 'member', 'tasks.task_lists.manage': 'none' },
      },
      diagnostics: [],
    });
    expect(await page.locator('#definition-output').textContent()).toBe(JSON.stringify(saved.definition, null, 2));
    // The same definition in Node, with the custom-sets.js of the same build.
    const { withCustomSets } = (await import(pathToFileURL(join(out, 'custom-sets.js')).href)) as {
      withCustomSets: (d: unknown[]) => { ok: boolean; diagnostics: unknown[]; can: (...a: unknown[]) => boolean };
    };
    const tenant = withCustomSets([saved.definition]);
    expect(tenant.diagnostics).toEqual([]);
    expect(tenant.ok).toBe(true);
    expect(
      tenant.can({ set: 'regional-lead', id: 'u1' }, 'contacts.manage', {
        type: 'contact',
        owner: 'u2',
        members: ['u1'],
      }),
    ).toBe(true);
    expect(
      tenant.can({ set: 'regional-lead', id: 'u1' }, 'tasks.task_lists.manage', {
        type: 'task',
        owner: 'u1',
        members: ['u1'],
      }),
    ).toBe(false);
    // Try it out: the preview in plain words.
    await builder(page).locator('button[data-action=preview]').click();
    const dialog = builder(page).locator('dialog[open]');
    expect(await dialog.locator('h3').first().textContent()).toBe('What a user with “Regional lead” can do');
    expect(await dialog.locator('[part=preview]').textContent()).toContain(
      'Add, Edit, and Delete Contacts: Where the user is a member',
    );
    await page.screenshot({ path: join(SHOT_DIR, 'builder-try-it-out.png') });
    await page.keyboard.press('Escape');
    // Compare with base, cell by cell.
    await builder(page).locator('button[data-action=compare]').click();
    const rows = await builder(page)
      .locator('dialog[open] tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
    expect(rows).toEqual([
      ['View Contacts', 'No access', 'Where the user is a member'],
      ['Add, Edit, and Delete Contacts', 'No access', 'Where the user is a member'],
      ['Add and delete task lists', 'Where the user is a member', 'No access'],
    ]);
    await page.screenshot({ path: join(SHOT_DIR, 'builder-compare.png') });
    await page.keyboard.press('Escape');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('takes the screenshot of the builder for docs/builder.md and the README', async () => {
    const { page } = await open();
    await builder(page).locator('select[data-field=extends]').selectOption('client-staff');
    await builder(page).locator('input[data-field=id]').fill('client-reviewer');
    await builder(page).locator('input[data-field=name]').fill('Client reviewer');
    await toggle(page, 'tasks.edit').uncheck();
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(SHOT_DIR, 'builder.png') });
    await page.close();
  });
});
