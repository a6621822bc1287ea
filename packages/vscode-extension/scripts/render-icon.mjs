// Renders images/icon.svg to images/icon.png (128×128, transparent corners) with Debian's
// Chromium through playwright-core: `node scripts/render-icon.mjs`. The PNG is committed; run
// this only after changing the SVG.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const images = join(dirname(fileURLToPath(import.meta.url)), '..', 'images');
const svg = readFileSync(join(images, 'icon.svg'), 'utf8');
const home = mkdtempSync(join(tmpdir(), 'permset-icon-'));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  env: { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_CACHE_HOME: join(home, '.cache') },
});
try {
  const page = await browser.newPage({ viewport: { width: 128, height: 128 }, deviceScaleFactor: 1 });
  await page.setContent(`<!DOCTYPE html><html><body style="margin:0;background:transparent">${svg}</body></html>`);
  await page.locator('svg').screenshot({ path: join(images, 'icon.png'), omitBackground: true });
} finally {
  await browser.close();
  rmSync(home, { recursive: true, force: true });
}
