import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO } from '../helpers/cli.js';
import { ensureAptTool } from './helpers/ensure-tools.js';

// The page of the extension's preview, explain and diff views, with its script
// (packages/vscode-extension/src/webview/page-script.ts, bundled by `npm run generate`), in a real
// headless Chromium: the page's own CSP applies, and `acquireVsCodeApi` is a stub that records
// what the script posts, as VS Code's webview host would receive it.

// The extension's sources are type-checked with its own settings (Bundler resolution; see
// test/vscode-extension/tsconfig.json), which this folder's NodeNext cannot read: the page module
// is loaded by path, with the one function this test calls.
type RenderWebviewPage = (page: {
  title: string;
  header?: string;
  content: string;
  nonce: string;
  cspSource: string;
}) => string;
const WEBVIEW_PAGE = pathToFileURL(join(REPO, 'packages/vscode-extension/src/views/webview-page.ts')).href;

let tmp: string;
let context: BrowserContext;
let renderWebviewPage: RenderWebviewPage;

beforeAll(async () => {
  renderWebviewPage = ((await import(WEBVIEW_PAGE)) as { renderWebviewPage: RenderWebviewPage }).renderWebviewPage;
  const executablePath = ensureAptTool('chromium', ['chromium']);
  tmp = mkdtempSync(join(tmpdir(), 'permset-webview-e2e-'));
  context = await chromium.launchPersistentContext(join(tmp, 'profile'), {
    executablePath,
    headless: true,
    env: { ...process.env, HOME: tmp },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
});

afterAll(async () => {
  await context?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

const STUB = `window.posted = []; window.acquireVsCodeApi = function () { return { postMessage: function (m) { window.posted.push(m); } }; };`;

describe('the VS Code views page script in Chromium', () => {
  it('posts locations and actions, and takes new content from update messages', async () => {
    const file = join(tmp, 'view.html');
    writeFileSync(
      file,
      renderWebviewPage({
        title: 'Preview',
        header:
          '<label>As <select data-field="set" data-post="pick"><option>a</option><option>b</option></select></label>',
        content:
          '<a href="#" class="loc" data-file="policies/sets/a.yaml" data-line="3" data-column="5">a.yaml:3</a><button data-post="run">Run</button>',
        nonce: 'n0nce',
        cspSource: 'https://example.invalid',
      }),
    );
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.addInitScript(STUB);
    await page.goto(pathToFileURL(file).href);
    const posted = () => page.evaluate(() => (window as unknown as { posted: unknown[] }).posted.splice(0));

    await page.locator('a.loc').click();
    expect(await posted()).toEqual([
      { type: 'permset.openLocation', file: 'policies/sets/a.yaml', line: 3, column: 5 },
    ]);
    expect(page.url()).toBe(pathToFileURL(file).href); // the link's default is prevented

    await page.locator('select').selectOption('b');
    expect(await posted()).toEqual([{ type: 'permset.action', action: 'pick', value: 'b', fields: { set: 'b' } }]);
    await page.locator('button[data-post]').click();
    expect(await posted()).toEqual([{ type: 'permset.action', action: 'run', fields: { set: 'b' } }]);

    await page.evaluate(() => {
      window.postMessage({ type: 'permset.update', content: '<p id="new">new</p>' }, '*');
      window.postMessage({ type: 'permset.update', content: 42 }, '*'); // not content: ignored
      window.postMessage({ type: 'other', content: '<p>no</p>' }, '*');
    });
    await page.waitForSelector('#content #new');
    await page.evaluate(() =>
      window.postMessage(
        { type: 'permset.update', content: '<p id="next">next</p>', header: '<h1 id="h2">H</h1>' },
        '*',
      ),
    );
    await page.waitForSelector('#header #h2');
    expect(await page.locator('#content').innerHTML()).toBe('<p id="next">next</p>');
    expect(errors).toEqual([]);
    await page.close();
  });
});
