#!/usr/bin/env node
// `npm run bench:cli`: how fast the `permset` CLI and the language server start, side by side in
// one run with `node -e 0` (the floor: starting Node itself), on the shipped policies.
//
// - `permset --version` and `permset check policies`, each run as a new process the way a
//   shell runs it (the package's bin, which runs the bundle with its V8 code cache; the same
//   without the cache, `PERMSET_NO_CODE_CACHE=1`; and the unbundled tsc output for comparison);
// - the language server's first diagnostics: from sending `initialize` (the repository as the
//   workspace folder) to the server announcing its first published check (`permset/didCompile`;
//   the shipped policies are clean, so no publishDiagnostics is due): bin, bin without the code
//   cache, and tsc output.
//
// Each command runs once to warm up (the first run of a bin writes its code cache, as the first
// run after an install does), then CLI_BENCH_RUNS times (default 15), interleaved so a noisy
// moment hits every row alike; the table shows the median and the 10th-90th percentile spread. Targets (issue 15):
// --version within 2x of `node -e 0`; check within 250 ms; first diagnostics within 300 ms.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO } from './bench-setup.mjs';
import { startServer } from './lsp/stdio-client.mjs';

const RUNS = Number(process.env.CLI_BENCH_RUNS ?? 15);
const CLI = join(REPO, 'packages/compiler/bin/permset.js');
const CLI_TSC = join(REPO, 'packages/compiler/dist/cli/bin.js');
const LSP = join(REPO, 'packages/lsp/bin/permset-language-server.js');
const LSP_TSC = join(REPO, 'packages/lsp/dist/main.js');

const BUNDLES = [
  join(REPO, 'packages/compiler/dist/bundle/permset.cjs'),
  join(REPO, 'packages/lsp/dist/bundle/permset-language-server.cjs'),
];
for (const file of [...BUNDLES, CLI_TSC, LSP_TSC]) {
  if (!existsSync(file)) {
    console.error(`Build first: npm run build (${file} is missing).`);
    process.exit(2);
  }
}

/** The environment of a run, without or with the code cache. */
const withCache = (cache) => (cache ? process.env : { ...process.env, PERMSET_NO_CODE_CACHE: '1' });

/** Wall time of one process run to its exit, in ms; fails loudly on an unexpected status. */
function timeProcess(args, env = process.env) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: REPO, env, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

/** Wall time from `initialize` to the first announced check, in ms (server start included). */
async function firstDiagnostics(server, env = process.env) {
  const t0 = performance.now();
  const lsp = startServer(server, REPO, env);
  const compiled = new Promise((resolve) => lsp.connection.onNotification('permset/didCompile', resolve));
  await lsp.connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(REPO).href,
    workspaceFolders: [{ uri: pathToFileURL(REPO).href, name: 'permset' }],
    capabilities: {},
  });
  await lsp.connection.sendNotification('initialized', {});
  await compiled;
  const ms = performance.now() - t0;
  await lsp.stop();
  return ms;
}

const ROWS = [
  { name: 'node -e 0', run: () => timeProcess(['-e', '0']) },
  { name: 'permset --version', run: () => timeProcess([CLI, '--version']) },
  { name: 'permset --version (tsc output, unbundled)', run: () => timeProcess([CLI_TSC, '--version']) },
  { name: 'permset check policies', run: () => timeProcess([CLI, 'check', 'policies']) },
  {
    name: 'permset check policies (no code cache)',
    run: () => timeProcess([CLI, 'check', 'policies'], withCache(false)),
  },
  { name: 'permset check policies (tsc output, unbundled)', run: () => timeProcess([CLI_TSC, 'check', 'policies']) },
  { name: 'language server: initialize -> first diagnostics', run: () => firstDiagnostics(LSP) },
  { name: 'language server (no code cache)', run: () => firstDiagnostics(LSP, withCache(false)) },
  { name: 'language server (tsc output, unbundled)', run: () => firstDiagnostics(LSP_TSC) },
];

for (const row of ROWS) await row.run();
const samples = new Map(ROWS.map((r) => [r.name, []]));
for (let i = 0; i < RUNS; i++) for (const row of ROWS) samples.get(row.name).push(await row.run());

const at = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))];
const stats = new Map(
  [...samples].map(([name, list]) => {
    const sorted = [...list].sort((a, b) => a - b);
    return [name, { median: at(sorted, 0.5), p10: at(sorted, 0.1), p90: at(sorted, 0.9) }];
  }),
);
const ms = (n) => `${Math.round(n)} ms`;

console.log(
  `permset CLI and language server start-up, ${RUNS} runs each, node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'})\n`,
);
console.log('| command | median | p10–p90 |');
console.log('|---|---:|---:|');
for (const [name, s] of stats) console.log(`| ${name} | ${ms(s.median)} | ${ms(s.p10)}–${ms(s.p90)} |`);

const floor = stats.get('node -e 0').median;
const version = stats.get('permset --version').median;
const check = stats.get('permset check policies').median;
const lsp = stats.get('language server: initialize -> first diagnostics').median;
console.log('\nTargets (medians):');
console.log(
  `  --version ${(version / floor).toFixed(2)}x node -e 0 (target <= 2x): ${version <= 2 * floor ? 'met' : 'MISSED'}`,
);
console.log(`  check ${ms(check)} (target <= 250 ms): ${check <= 250 ? 'met' : 'MISSED'}`);
console.log(`  language server first diagnostics ${ms(lsp)} (target <= 300 ms): ${lsp <= 300 ? 'met' : 'MISSED'}`);
