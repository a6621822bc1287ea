#!/usr/bin/env node
// `node bench/builder-bench.mjs`: speed of <permset-builder> in Chromium (Debian's, driven by
// playwright-core) on a generated project of 300 permissions and 50 sets (bench/policy-tree.mjs,
// compiled without a diagnostic), as `permset build` writes it (builder.html, from disk).
//
// - First render: creating the element (it starts on the built policies) and attaching it, up to a forced
//   layout of the whole element (what the browser must do before the first paint). Budget 100 ms.
// - Toggle: one click on a permission's switch, through the element's change handler (the
//   requires handling, the validation by the rules the element was given and the redraw of what
//   changed), up to a forced layout. Budget 16 ms (one frame at 60 Hz).
// Each is measured in the page with performance.now(); the numbers are medians and p95 over
// fresh elements / many toggles, in one browser.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { REPO } from './bench-setup.mjs';
import { generateProject } from './policy-tree.mjs';

const RENDERS = Number(process.env.BENCH_RENDERS ?? 30);
const TOGGLES = Number(process.env.BENCH_TOGGLES ?? 300);

// The generated project, built by the CLI as a product would (builder.html with the
// custom-sets.js and evaluator.js of the same build inline).
const dir = mkdtempSync(join(tmpdir(), 'permset-builder-bench-'));
for (const { uri, text } of generateProject({ permissions: 300, sets: 50 })) {
  mkdirSync(dirname(join(dir, uri)), { recursive: true });
  writeFileSync(join(dir, uri), text);
}
execFileSync(process.execPath, [join(REPO, 'packages/compiler/dist/cli/bin.js'), 'build', 'policies', '--out', 'out'], {
  cwd: dir,
  stdio: 'pipe',
});

const browser = await chromium.launchPersistentContext(join(dir, 'profile'), {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1280, height: 900 },
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
try {
  const page = browser.pages()[0] ?? (await browser.newPage());
  await page.goto(pathToFileURL(join(dir, 'out', 'builder.html')).href);
  await page.waitForFunction(() => !!customElements.get('permset-builder'));
  const out = await page.evaluate(
    async ({ renders, toggles }) => {
      const stats = (xs) => {
        const s = [...xs].sort((a, b) => a - b);
        return {
          median: s[Math.floor(s.length / 2)],
          p95: s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)],
          max: s[s.length - 1],
        };
      };
      const first = document.querySelector('permset-builder');
      first.remove();
      const hasRules = typeof first.withCustomSets === 'function';
      const renderTimes = [];
      let el;
      for (let i = 0; i < renders; i++) {
        el?.remove();
        await new Promise((r) => requestAnimationFrame(() => r()));
        const t0 = performance.now();
        // The element defined by builder.js starts on the built policies.
        el = document.createElement('permset-builder');
        document.body.append(el);
        void el.shadowRoot.querySelector('.builder').getBoundingClientRect().height;
        renderTimes.push(performance.now() - t0);
      }
      el.definition = { id: 'bench-set', name: 'Bench set', extends: el.definition.extends };
      const switches = [...el.shadowRoot.querySelectorAll('input[type=checkbox][data-permission]:not(:disabled)')];
      const toggleTimes = [];
      for (let i = 0; i < toggles; i++) {
        const sw = switches[(i * 37) % switches.length];
        const t0 = performance.now();
        sw.click();
        void el.shadowRoot.querySelector('.builder').getBoundingClientRect().height;
        toggleTimes.push(performance.now() - t0);
        if (i % 20 === 19) await new Promise((r) => requestAnimationFrame(() => r()));
      }
      // The share of a toggle that is the rules' (withCustomSets of the definition as it stands).
      const ruleTimes = [];
      for (let i = 0; hasRules && i < toggles; i++) {
        const definition = el.definition;
        const t0 = performance.now();
        el.withCustomSets([definition]);
        ruleTimes.push(performance.now() - t0);
      }
      const p = el.policies;
      return {
        counts: [p.permissions.length, p.areas.length, p.sets.length],
        hasRules,
        rows: switches.length,
        render: stats(renderTimes),
        toggle: stats(toggleTimes),
        rules: hasRules ? stats(ruleTimes) : undefined,
      };
    },
    { renders: RENDERS, toggles: TOGGLES },
  );
  const version = browser.browser()?.version() ?? '';
  const f = (x) => x.toFixed(1);
  console.log(
    `permset builder benchmark — Chromium ${version}, node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`,
  );
  console.log(
    `catalog: ${out.counts[0]} permissions in ${out.counts[1]} areas, ${out.counts[2]} sets; ${out.rows} switches; rules: ${out.hasRules ? 'withCustomSets' : 'none given'}; load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  );
  console.log(
    `first render  (${RENDERS} elements): median ${f(out.render.median)} ms, p95 ${f(out.render.p95)} ms, max ${f(out.render.max)} ms   budget 100 ms`,
  );
  console.log(
    `toggle        (${TOGGLES} clicks):   median ${f(out.toggle.median)} ms, p95 ${f(out.toggle.p95)} ms, max ${f(out.toggle.max)} ms   budget 16 ms`,
  );
  if (out.rules) console.log(`  of which withCustomSets: median ${f(out.rules.median)} ms, p95 ${f(out.rules.p95)} ms`);
  const over = out.render.median > 100 || out.toggle.median > 16;
  if (over)
    console.log(
      'OVER BUDGET (medians; compare the load average: on a shared machine the page gets a fraction of a core)',
    );
  // A gate only on request: a loaded machine must not fail `npm run bench`.
  process.exitCode = over && process.env.BENCH_STRICT === '1' ? 1 : 0;
} finally {
  await browser.close();
  rmSync(dir, { recursive: true, force: true });
}
