import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccessMatrix, renderMatrix } from '../../packages/compiler/src/emit/matrix/index.js';
import type { PolicyModel } from '../../packages/compiler/src/policy-model/index.js';
import { REPO } from '../helpers/cli.js';
import { modelOf, MATRIX_FIXTURES, shippedModel } from '../compiler/emit/matrix/matrix-helpers.js';
import { ensureAptTool } from './helpers/ensure-tools.js';

// Screenshots refresh the documentation's images only on request (UPDATE_SCREENSHOTS=1), so a
// test run never leaves the working tree modified; otherwise they go to a temporary folder.
const SHOT_DIR = process.env['UPDATE_SCREENSHOTS']
  ? join(REPO, 'docs', 'images')
  : mkdtempSync(join(tmpdir(), 'permset-shots-'));
const shot = (name: string) => join(SHOT_DIR, name);

// The HTML access-matrix report in a real headless Chromium (Debian's, driven by playwright-core):
// it loads from a file:// URL with no network, renders the shipped policies, filters, compares
// sets, explains a cell, keeps hostile policy text inert, prints, and is screenshotted for docs/.

let tmp: string;
let context: BrowserContext;
let model: PolicyModel;
let shippedUrl: string;
let hostileUrl: string;
let seatsUrl: string;

beforeAll(async () => {
  const executablePath = ensureAptTool('chromium', ['chromium']);
  tmp = mkdtempSync(join(tmpdir(), 'permset-matrix-e2e-'));
  mkdirSync(join(REPO, 'docs', 'images'), { recursive: true });
  model = shippedModel();
  const shipped = join(tmp, 'matrix.html');
  writeFileSync(shipped, renderMatrix(model, 'html'));
  shippedUrl = pathToFileURL(shipped).href;
  const hostile = join(tmp, 'hostile.html');
  writeFileSync(hostile, renderMatrix(modelOf(join(MATRIX_FIXTURES, 'hostile')), 'html'));
  hostileUrl = pathToFileURL(hostile).href;
  const seats = join(tmp, 'seats.html');
  writeFileSync(seats, renderMatrix(modelOf(join(MATRIX_FIXTURES, 'seats')), 'html'));
  seatsUrl = pathToFileURL(seats).href;
  const home = join(tmp, 'home');
  mkdirSync(home);
  context = await chromium.launchPersistentContext(join(tmp, 'profile'), {
    executablePath,
    headless: true,
    viewport: { width: 1400, height: 860 },
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

/** A fresh tab on `url`, failing the test on any page error or request to anywhere else. */
async function open(url: string, init?: string): Promise<{ page: Page; problems: string[] }> {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('request', (r) => {
    if (r.url() !== url) problems.push(`request: ${r.url()}`);
  });
  if (init) await page.addInitScript(init);
  await page.goto(url);
  await page.waitForSelector('#matrix:not([hidden]) tbody tr[data-permission]');
  return { page, problems };
}

const visibleRows = (page: Page) =>
  page
    .locator('tbody tr[data-permission]:visible')
    .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-permission')));
const visibleSets = (page: Page) =>
  page.locator('thead th[data-set]:visible').evaluateAll((ths) => ths.map((th) => th.getAttribute('data-set')));
const cell = (page: Page, set: string, permission: string) =>
  page.locator(`td[data-set="${set}"][data-permission="${permission}"]`);

async function chooseSets(page: Page, ids: string[]): Promise<void> {
  await page.locator('#filter-sets > summary').click();
  await page.locator('[data-pick="none"]').click();
  for (const id of ids) await page.locator(`#filter-sets input[value="${id}"]`).check();
  await page.locator('#filter-sets > summary').click();
}

describe('the HTML access matrix in Chromium', () => {
  it('shows every permission and set, with the cells of the policies', async () => {
    const { page, problems } = await open(shippedUrl);
    const matrix = buildAccessMatrix(model);
    expect(await visibleRows(page)).toEqual(matrix.areas.flatMap((a) => a.rows.map((r) => r.permission)));
    expect(await visibleSets(page)).toEqual(matrix.sets.map((s) => s.id));
    expect(await page.locator('#summary').textContent()).toBe('75 permissions · 21 permission sets');
    expect(await page.locator('tbody th[scope="rowgroup"]').first().textContent()).toBe('Contacts & Clients');
    expect(await page.locator('thead th[data-set="client-manager"]').innerText()).toBe(
      'Client Manager\nclient-manager\nClient · free',
    );
    expect(await cell(page, 'manager', 'contacts.view').textContent()).toBe('all');
    expect(await cell(page, 'manager-restricted', 'contacts.view').textContent()).toBe('member');
    expect(await cell(page, 'client-manager', 'budgets.view').textContent()).toBe('member†');
    // Blank on screen; screen readers hear "not granted".
    expect(
      await cell(page, 'client-staff', 'budgets.view').evaluate((td) => [
        td.textContent,
        td.firstElementChild?.className,
      ]),
    ).toEqual(['not granted', 'sr-only']);
    expect((await cell(page, 'client-staff', 'budgets.view').boundingBox())!.width).toBeGreaterThan(0);
    expect(await cell(page, 'manager-restricted', 'contacts.view').getAttribute('class')).toBe('lvl-wide restricted');
    await page.screenshot({ path: shot('matrix.png'), animations: 'disabled' });
    // Sticky: after scrolling down and right, the set header and the permission column stay put.
    const header = page.locator('thead th[data-set="client-manager"]');
    const rowHead = page.locator('tr[data-permission="reports.view"] th');
    const before = {
      header: (await header.boundingBox())!.y,
      corner: (await page.locator('thead th.corner').boundingBox())!,
    };
    await page.locator('#table-wrap').evaluate((w) => w.scrollTo(900, 2400));
    expect((await header.boundingBox())!.y).toBe(before.header);
    expect(await page.locator('thead th.corner').boundingBox()).toEqual(before.corner);
    expect((await rowHead.boundingBox())!.x).toBe(0);
    expect(await page.locator('#table-wrap').evaluate((w) => [w.scrollLeft > 0, w.scrollTop > 0])).toEqual([
      true,
      true,
    ]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('filters by area and by text, and says what it shows', async () => {
    const { page, problems } = await open(shippedUrl);
    await page.locator('#filter-area').selectOption('budgets');
    expect(await visibleRows(page)).toEqual([
      'budgets.view',
      'budgets.manage',
      'budgets.services.manage',
      'budgets.revenue.view',
      'budgets.costs.view',
      'budgets.profit.view',
    ]);
    expect(await page.locator('tbody th[scope="rowgroup"]:visible').allTextContents()).toEqual(['Budgets']);
    await page.locator('#filter-text').fill('cost');
    expect(await visibleRows(page)).toEqual(['budgets.costs.view']);
    expect(await page.locator('#summary').textContent()).toBe('Showing 1 of 75 permissions · 21 permission sets');
    await page.locator('#filter-area').selectOption('');
    // Text matches ids and labels, every word.
    expect(await visibleRows(page)).toEqual([
      'budgets.costs.view',
      'deals.profit.view',
      'cost_rates.view',
      'cost_rates.manage',
    ]);
    await page.locator('#filter-text').fill('VIEW invoices');
    expect(await visibleRows(page)).toEqual(['invoices.view']);
    await page.locator('#filter-text').fill('no such permission');
    expect(await visibleRows(page)).toEqual([]);
    expect(await page.locator('#empty').isVisible()).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows only the differences between the chosen sets', async () => {
    const { page, problems } = await open(shippedUrl);
    await chooseSets(page, ['client-manager']);
    expect(await page.locator('#filter-diff').isDisabled()).toBe(true);
    expect(await page.locator('#diff-hint').textContent()).toBe('Choose two or more sets to compare.');
    await chooseSets(page, ['client-staff', 'client-manager']);
    expect(await visibleSets(page)).toEqual(['client-staff', 'client-manager']);
    await page.locator('#filter-diff').check();
    expect(await visibleRows(page)).toEqual([
      'tasks.time_estimates.view',
      'budgets.view',
      'time_entries.view',
      'expenses.view',
    ]);
    expect(await page.locator('#diff-hint').textContent()).toBe('4 permissions differ between the chosen sets.');
    expect(await page.locator('#summary').textContent()).toBe(
      'Showing 4 of 75 permissions · 2 of 21 permission sets · only differences',
    );

    await chooseSets(page, ['manager', 'manager-restricted', 'profitability-manager']);
    await page.locator('#filter-area').selectOption('deals');
    // deals.profit.view: blank for both managers, `all` for the profitability manager.
    expect(await visibleRows(page)).toEqual(['deals.view', 'deals.manage', 'deals.profit.view']);
    await chooseSets(page, ['manager', 'profitability-manager']);
    expect(await visibleRows(page)).toEqual(['deals.profit.view']);
    await page.locator('#filter-diff').uncheck();
    expect(await visibleRows(page)).toEqual(['deals.view', 'deals.manage', 'deals.profit.view']);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('explains a cell on hover and on click, and hands its source to the editor hook', async () => {
    const hook =
      'window.__opened = []; window.permsetOpenLocation = function (f, l, c) { window.__opened.push([f, l, c]); };';
    const { page, problems } = await open(shippedUrl, hook);
    const restricted = cell(page, 'manager-restricted', 'contacts.view');
    await restricted.hover();
    expect(await restricted.getAttribute('title')).toBe(
      'Manager with restricted access · View Contacts (contacts.view)\n' +
        'member: Where the user is a member\n' +
        'inherited from manager (policies/sets/system/manager.yaml:28) via extends at policies/sets/system/manager-restricted.yaml:18, ' +
        'narrowed from all to member by restrict (policies/sets/system/manager-restricted.yaml:19)',
    );
    expect(await restricted.getAttribute('data-file')).toBe('policies/sets/system/manager.yaml');
    expect(await restricted.getAttribute('data-line')).toBe('28');
    expect(await restricted.getAttribute('data-column')).toBe('3');
    await restricted.click();
    expect(await page.locator('#details').isVisible()).toBe(true);
    expect(await page.locator('#details-title').textContent()).toBe('Manager with restricted access · View Contacts');
    const details = await page.locator('#details-body').innerText();
    expect(details).toContain('Granted at\npolicies/sets/system/manager.yaml:28:3 — set manager');
    expect(details).toContain(
      'Path\nmanager-restricted extends manager at policies/sets/system/manager-restricted.yaml:18:10',
    );
    expect(details).toContain(
      'Narrowed\nfrom all to member by restrict of manager-restricted at policies/sets/system/manager-restricted.yaml:19:11',
    );
    expect(await page.evaluate(() => (window as unknown as { __opened: unknown[] }).__opened)).toEqual([
      ['policies/sets/system/manager.yaml', 28, 3],
    ]);
    // A location in the panel opens too; a set header opens the set's file.
    await page.locator('#details-body button.loc').nth(1).click();
    await page.locator('thead th[data-set="staff"]').click();
    expect(await page.locator('#details-title').textContent()).toBe('Staff');
    expect(await page.evaluate(() => (window as unknown as { __opened: unknown[] }).__opened)).toEqual([
      ['policies/sets/system/manager.yaml', 28, 3],
      ['policies/sets/system/manager-restricted.yaml', 18, 10],
      ['policies/sets/system/staff.yaml', 4, 5],
    ]);
    // Keyboard: arrows move between cells, Enter explains, Escape closes.
    await cell(page, 'client-staff', 'budgets.view').click();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    expect(await page.locator('#details-title').textContent()).toBe('Client Manager · View budgets');
    expect(await page.locator('#details-body').innerText()).toContain(
      "Access\nmember — View budgets where the user is a member\nonly when resource.client_access and subject.can_access_budgets and context.plan != 'standard'",
    );
    await page.keyboard.press('Escape');
    expect(await page.locator('#details').isHidden()).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('re-renders with new data through window.permsetRender, keeping the filters', async () => {
    const { page, problems } = await open(shippedUrl);
    await page.locator('#filter-text').fill('budget');
    const smaller = buildAccessMatrix(model, { sets: ['staff', 'manager'] });
    expect(
      await page.evaluate(
        (d) => (window as unknown as { permsetRender(d: unknown): boolean }).permsetRender(d),
        smaller,
      ),
    ).toBe(true);
    expect(await visibleSets(page)).toEqual(['staff', 'manager']);
    expect(await page.locator('#filter-text').inputValue()).toBe('budget');
    expect(await page.locator('#summary').textContent()).toBe('Showing 6 of 75 permissions · 2 permission sets');
    // Ids are only keys, whatever they are called; odd shapes render what they can.
    const odd = {
      version: 1,
      sets: [{ id: '__proto__', name: 'Proto', system: false, include: [] }, null],
      scopes: [{ name: '__proto__', label: 'P', covers: [] }],
      areas: [
        {
          id: 'x',
          label: 'X',
          rows: [
            {
              permission: 'x.view',
              label: 'budget view',
              scopes: [],
              cells: [
                {
                  set: '__proto__',
                  text: '__proto__',
                  scopes: [{ scope: '__proto__' }],
                  conditional: false,
                  provenance: { text: 't', via: [] },
                },
              ],
            },
          ],
        },
      ],
    };
    expect(
      await page.evaluate((d) => (window as unknown as { permsetRender(d: unknown): boolean }).permsetRender(d), odd),
    ).toBe(true);
    expect(await visibleSets(page)).toEqual(['__proto__', 'undefined']);
    expect(await cell(page, '__proto__', 'x.view').textContent()).toBe('__proto__');
    expect(
      await page.evaluate(() =>
        (window as unknown as { permsetRender(d: unknown): boolean }).permsetRender({ nonsense: true }),
      ),
    ).toBe(false);
    expect(await page.locator('#matrix-error').textContent()).toBe(
      'This is not an access matrix (expected an object with "sets" and "areas").',
    );
    expect(problems).toEqual([]);
    await page.close();
  });

  it('talks to a VS Code webview host when there is one', async () => {
    const host =
      'window.__posted = []; window.acquireVsCodeApi = function () { return { postMessage: function (m) { window.__posted.push(m); } }; };';
    const { page, problems } = await open(shippedUrl, host);
    await cell(page, 'staff-crm', 'contacts.view').click();
    expect(await page.evaluate(() => (window as unknown as { __posted: unknown[] }).__posted)).toEqual([
      { type: 'permset.openLocation', file: 'policies/fragments/crm-access.yaml', line: 7, column: 3 },
    ]);
    await page.evaluate(
      (d) => window.postMessage({ type: 'permset.render', data: d }, '*'),
      buildAccessMatrix(model, { sets: ['admin'] }),
    );
    await page.waitForFunction(() => document.querySelectorAll('thead th[data-set]').length === 1);
    expect(await visibleSets(page)).toEqual(['admin']);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('samples the legend from a conditional cell of the catalog, not a scope it may not have', async () => {
    const { page, problems } = await open(shippedUrl);
    expect(await page.locator('#legend .cond-mark').textContent()).toBe('member†');
    await page.close();
    // No `member` scope, and a set called `member`: the sample is a scope these policies grant with a condition.
    const other = await open(seatsUrl);
    expect(await other.page.locator('#legend').innerText()).toBe(
      'Scopes: mine Tickets they reported · watched Tickets they watch · everything Every ticket. watched† the grant adds a condition; ' +
        'italic: narrowed by restrict; blank: not granted. Hover a cell for where it comes from, click it for details.',
    );
    // Shaded as the cells of that scope are.
    expect(await other.page.locator('#legend .cond-mark').getAttribute('class')).toBe('swatch cond-mark lvl-wide');
    expect(await cell(other.page, 'guest', 'tickets.view').textContent()).toBe('watched†');
    expect(await cell(other.page, 'guest', 'tickets.view').getAttribute('class')).toBe('lvl-wide cond');
    // Without any conditional cell, the legend does not explain a mark no cell has.
    expect(
      await other.page.evaluate(
        (d) => (window as unknown as { permsetRender(d: unknown): boolean }).permsetRender(d),
        buildAccessMatrix(modelOf(join(MATRIX_FIXTURES, 'seats')), { sets: ['agent'] }),
      ),
    ).toBe(true);
    expect(await other.page.locator('#legend').innerText()).toBe(
      'Scopes: mine Tickets they reported · watched Tickets they watch · everything Every ticket. ' +
        'italic: narrowed by restrict; blank: not granted. Hover a cell for where it comes from, click it for details.',
    );
    expect(problems).toEqual([]);
    expect(other.problems).toEqual([]);
    await other.page.close();
  });

  it('keeps long seat badges inside their set column, with the whole text on hover', async () => {
    const { page, problems } = await open(seatsUrl);
    expect(await visibleSets(page)).toEqual(['guest', 'member', 'agent']);
    const heads = page.locator('thead th[data-set]');
    const boxes = await heads.evaluateAll((ths) =>
      ths.map((th) => {
        const badge = th.querySelector('.badge.seat') as HTMLElement;
        const b = badge.getBoundingClientRect();
        const h = th.getBoundingClientRect();
        return {
          set: th.getAttribute('data-set'),
          th: [h.left, h.right] as [number, number],
          badge: [b.left, b.right] as [number, number],
          clipped: badge.scrollWidth > badge.clientWidth,
          text: badge.textContent,
          title: badge.title,
        };
      }),
    );
    for (const [i, b] of boxes.entries()) {
      // Inside its own header cell (borders and padding included), so it never covers the next.
      expect(b.badge[0], b.set!).toBeGreaterThanOrEqual(b.th[0]);
      expect(b.badge[1], b.set!).toBeLessThanOrEqual(b.th[1]);
      if (i + 1 < boxes.length) expect(b.badge[1], b.set!).toBeLessThanOrEqual(boxes[i + 1]!.th[0]);
      // Wrapped, not cut: every word is on screen.
      expect(b.clipped, b.set!).toBe(false);
    }
    // The columns stay narrow: a long label wraps rather than widening its column.
    for (const b of boxes) expect(b.th[1] - b.th[0], b.set!).toBeLessThan(200);
    expect(boxes.map((b) => [b.set, b.text, b.title])).toEqual([
      ['guest', 'Outside collaborator · free', 'Seat: Outside collaborator (free)'],
      ['member', 'Outside collaborator · free', 'Seat: Outside collaborator (free)'],
      [
        'agent',
        'Full-time staff member with billing access · paid',
        'Seat: Full-time staff member with billing access (paid)',
      ],
    ]);
    await page.locator('thead').screenshot({ path: join(tmp, 'seats-header.png') });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('never runs policy text, and its CSP blocks scripts it did not ship', async () => {
    const { page, problems } = await open(hostileUrl);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(await page.locator('tbody th[scope="row"] .perm-label').allTextContents()).toEqual([
      '<script>window.__pwned=1</script> View | docs',
      `Edit "docs" & 'more' </textarea><!-- comment`,
      '=HYPERLINK("http://example.invalid","x")',
    ]);
    expect(await page.locator('thead th[data-set="writer"] .set-name').textContent()).toBe(
      'Writer <svg onload=window.__pwned=1> ``ticks`` & "quotes"',
    );
    // The bidi override is shown, not obeyed.
    expect(await page.locator('thead th[data-set="reader"] .set-name').textContent()).toBe('Reader\\u{202e} (bidi)');
    await cell(page, 'writer', 'docs.view').click();
    expect(await page.locator('#details-body .when code').textContent()).toBe(
      `resource.note != '</script><script>window.__pwned=1</script>' and resource.note != "a|b"`,
    );
    // Even a script that got into the DOM would not run: only the page's own script is allowed.
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__pwned = 2';
      document.body.appendChild(s);
    });
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(problems.filter((p) => !p.includes('Content Security Policy'))).toEqual([]);
    expect(problems.length).toBe(1);
    await page.close();
  });

  it('prints the table without the controls, and shows a comparison for the docs', async () => {
    const { page, problems } = await open(shippedUrl);
    await chooseSets(page, ['staff', 'staff-crm', 'client-staff', 'client-manager']);
    await page.locator('#filter-diff').check();
    await cell(page, 'client-manager', 'budgets.view').click();
    await page.screenshot({ path: shot('matrix-diff.png'), animations: 'disabled' });
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.filters').isHidden()).toBe(true);
    expect(await page.locator('#details').isHidden()).toBe(true);
    expect(await page.locator('thead th[data-set="staff"]').evaluate((th) => getComputedStyle(th).position)).toBe(
      'static',
    );
    expect(await visibleRows(page)).toEqual([
      'contacts.view',
      'contacts.manage',
      'contacts.custom_fields.view',
      'clients.view',
      'clients.manage',
      'integrations.personal.manage',
      'tasks.task_lists.manage',
      'tasks.time_estimates.view',
      'budgets.view',
      'time_entries.view',
      'time_entries.manage',
      'bookings.view',
      'expenses.view',
      'expenses.manage',
      'absence.allocations.view',
      'absence.bookings.view',
      'absence.bookings.manage',
    ]);
    const pdf = await page.pdf({ landscape: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(problems).toEqual([]);
    await page.close();
  });
});
