#!/usr/bin/env node
// `node --expose-gc bench/compare-engines.mjs`: our generated can() against a hand-written floor,
// node-casbin, CASL and Cedar, in one run, on the shipped policies (policies/) and one query stream.
//
// - The policies are compiled with the built compiler (packages/compiler/dist; run `npx tsc -b`
//   first); can() is generated from them and imported as an application would. Each other engine
//   gets the same resolved model translated into its native policy format (bench/engines/*.mjs).
// - One mixed stream (bench/query-stream.mjs, 4,096 queries: allowed and denied, every scope,
//   grant conditions, unknown ids, wrong resource types) drives every engine. Before timing, each
//   engine must return can()'s decision on every query it is timed on, or the run stops.
// - Requests are prepared in each engine's native form before timing (CASL: the user's ability;
//   Cedar: the request and its entities); the preparation cost is printed apart.
// - Timing: a warm-up, then BENCH_ROUNDS rounds (default 5), engines interleaved in each round;
//   a round is about BENCH_ROUND_SECONDS (default 1) of checks and at least BENCH_MIN_CHECKS
//   (default 10,000) for the slow engines. Reported: the median ns/check and the min–max.
// - Allocation: heapUsed and the garbage collections during 10 M can() checks; per engine, the
//   garbage collections per round (each round starts from a collected heap).
// BENCH_CASBIN_EVAL=0 skips casbin's (slowest) eval() form; BENCH_ENGINES=casl,cedar times only those
// (with can() and the floor).
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { createEngines } from './engines/index.mjs';
import { importSource } from './engines/engine.mjs';
import { queryStream } from './query-stream.mjs';
import { compilerModule, ensureExposeGc, loadShippedPolicies, REPO } from './bench-setup.mjs';

ensureExposeGc(import.meta.url);

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const ROUND_SECONDS = Number(process.env.BENCH_ROUND_SECONDS ?? 1);
const MIN_CHECKS = Number(process.env.BENCH_MIN_CHECKS ?? 10_000);
const HEAP_CHECKS = 10_002_432; // 10 M, rounded to whole passes of the 4096-query stream

const { compiler, model } = await loadShippedPolicies();
const cedarPath = join(REPO, 'packages/compiler/dist/emit/cedar/index.js');
const cedar = existsSync(cedarPath) ? await compilerModule('emit/cedar/index.js') : undefined;
const ev = await importSource(compiler.generateEvaluator(model)['evaluator.js'], 'evaluator.js');
const plan = compiler.planEvaluator(model);
const built = await createEngines(
  { model, plan, parseCondition: compiler.parseCondition, ev, cedar },
  { casbinEval: process.env.BENCH_CASBIN_EVAL !== '0' },
);
// BENCH_ENGINES=casl,cedar: only the engines whose names contain one of these (ours and the floor always run).
const only = process.env.BENCH_ENGINES?.toLowerCase().split(',').filter(Boolean);
const engines = built.engines.filter((e, i) => i < 2 || !only || only.some((o) => e.name.toLowerCase().includes(o)));
const missing = built.missing.filter((m) => !only || only.some((o) => m.name.toLowerCase().includes(o)));

const { queries } = queryStream(model, { size: 4096, seed: 7 });

// Prepare every engine's requests and check them against can(), query by query.
const runs = engines.map((engine) => {
  const accepted = engine.accepts ? queries.filter((q) => engine.accepts(q)) : queries;
  const t0 = process.hrtime.bigint();
  const requests = accepted.map((q) => engine.prepare(q));
  const prepareNs = Number(process.hrtime.bigint() - t0) / accepted.length;
  // prefix[i]: how many of the first i requests are allowed, to check any round's count.
  const prefix = [0];
  accepted.forEach((q, i) => {
    const want = ev.can(q.subject, q.permission, q.resource, q.context);
    const got = engine.decide(requests[i]);
    if (got !== want)
      throw new Error(`${engine.name} decides ${got} where can() decides ${want} on ${JSON.stringify(q)}`);
    prefix.push(prefix[i] + (want ? 1 : 0));
  });
  const expected = (n) => Math.floor(n / requests.length) * prefix[requests.length] + prefix[n % requests.length];
  return { engine, accepted, requests, prepareNs, expected, samples: [] };
});

// The export README's Cedar call, on a few queries only: it re-parses everything per call.
let stateless;
if (cedar && runs.some((r) => r.engine.name === 'Cedar') && process.env.BENCH_CEDAR_STATELESS !== '0') {
  const { cedarStatelessCost } = await import('./engines/cedar.mjs');
  const sample = queries.slice(0, 24);
  stateless = await cedarStatelessCost({ model, plan, cedar }, sample);
  sample.forEach((q, i) => {
    if (stateless.decisions[i] !== ev.can(q.subject, q.permission, q.resource, q.context))
      throw new Error(`Cedar (isAuthorized) disagrees with can() on ${JSON.stringify(q)}`);
  });
}

const timeRun = (run, n) => {
  const t0 = process.hrtime.bigint();
  const allowed = run.engine.run(run.requests, n);
  const ns = Number(process.hrtime.bigint() - t0) / n;
  if (allowed !== run.expected(n))
    throw new Error(`${run.engine.name}: ${allowed} of ${n} allowed, expected ${run.expected(n)}`);
  return ns;
};

// Warm-up and calibration: at least one pass over the engine's requests and 0.3 s.
for (const run of runs) {
  let n = run.requests.length;
  let ns = timeRun(run, n);
  while (n * ns < 3e8) {
    n *= 4;
    ns = timeRun(run, n);
  }
  run.checks = Math.max(MIN_CHECKS, Math.round((ROUND_SECONDS * 1e9) / ns));
}
// Each round starts from a collected heap, so no engine pays for another's garbage; the garbage
// collections during a round (observed, attributed by time) show what the engine allocates.
const gcs = [];
const obs = new PerformanceObserver((list) => gcs.push(...list.getEntries()));
obs.observe({ entryTypes: ['gc'] });
const settle = () => new Promise((r) => setTimeout(r, 10));
for (let r = 0; r < ROUNDS; r++) {
  for (const run of runs) {
    globalThis.gc();
    await settle();
    const start = performance.now();
    run.samples.push(timeRun(run, run.checks));
    (run.windows ??= []).push([start, performance.now()]);
  }
}

// Allocation: no GC at all while 10 M checks run means nothing was allocated per check.
const ours = runs[0];
globalThis.gc();
await settle();
const heapStart = performance.now();
const before = process.memoryUsage().heapUsed;
timeRun(ours, HEAP_CHECKS);
const after = process.memoryUsage().heapUsed;
const heapEnd = performance.now();
await settle();
obs.disconnect();
const gcsIn = ([a, b]) => gcs.filter((g) => g.startTime >= a && g.startTime <= b).length;
const heapGcs = gcsIn([heapStart, heapEnd]);

// Report.
const sorted = (xs) => [...xs].sort((a, b) => a - b);
for (const run of runs) {
  const s = sorted(run.samples);
  run.median = s[Math.floor(s.length / 2)];
  run.min = s[0];
  run.max = s[s.length - 1];
}
const fmt = (ns) => (ns >= 1000 ? Math.round(ns).toLocaleString('en-US') : ns.toFixed(1));
const ratio = (x) => (x >= 100 ? Math.round(x).toLocaleString('en-US') : x >= 10 ? x.toFixed(0) : x.toFixed(2)) + '×';
const perSecond = (ns) => {
  const v = 1e9 / ns;
  return v >= 1e6 ? `${(v / 1e6).toFixed(1)} M` : v >= 1e3 ? `${(v / 1e3).toFixed(1)} k` : v.toFixed(0);
};
const floorRun = runs.find((r) => r.engine.name.startsWith('hand-written floor'));
const kinds = {};
for (const q of queries) kinds[q.kind] = (kinds[q.kind] ?? 0) + 1;
const allowedAll = ours.expected(queries.length);

console.log(`permset engine comparison — node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`);
console.log(
  `shipped policies: ${model.sets.length} sets, ${model.permissions.length} permissions, ${model.sets.reduce((n, s) => n + s.grants.length, 0)} effective grants`,
);
console.log(
  `stream of ${queries.length} queries (${Object.entries(kinds)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ')}), ${((100 * allowedAll) / queries.length).toFixed(1)}% allowed`,
);
console.log(
  `median of ${ROUNDS} rounds of ≥ ${ROUND_SECONDS} s (≥ ${MIN_CHECKS.toLocaleString('en-US')} checks) per engine, engines interleaved; every engine returned can()'s decision on every query it is timed on\n`,
);
console.log('| engine | ns/check (median) | min–max | checks/s | × our can() | × floor |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const run of runs) {
  console.log(
    `| ${run.engine.name} | ${fmt(run.median)} | ${fmt(run.min)}–${fmt(run.max)} | ${perSecond(run.median)} | ${ratio(run.median / ours.median)} | ${ratio(run.median / floorRun.median)} |`,
  );
}
for (const m of missing) console.log(`| ${m.name} | — | — | — | — | — |`);
console.log('');
for (const run of runs) {
  const share =
    run.accepted.length === queries.length
      ? 'all queries'
      : `${run.accepted.length} of ${queries.length} queries (${run.engine.restriction})`;
  const prep =
    run.engine.preparation === undefined
      ? ''
      : `; preparing ${run.engine.preparation}: ${fmt(run.prepareNs / 1000)} µs per request (not timed)`;
  let direct = '';
  if (run.engine.decidedWithoutEngine) {
    const without = run.requests.filter((r) => run.engine.decidedWithoutEngine(r)).length;
    const calls = run.requests.length - without;
    direct = `; ${without} requests denied before reaching the engine, ≈ ${fmt((run.median * run.requests.length) / calls / 1000)} µs per engine call`;
  }
  const collections = run.windows.map(gcsIn).reduce((a, b) => a + b, 0) / run.windows.length;
  console.log(
    `- ${run.engine.name}: ${run.engine.detail}; ${share}, ${run.checks.toLocaleString('en-US')} checks per round, ${collections.toFixed(collections % 1 ? 1 : 0)} garbage collections per round${prep}${direct}`,
  );
}
if (stateless) {
  console.log(
    `- Cedar the way the export's README calls it (isAuthorized, policies and schema parsed on every call): ${fmt(stateless.nsPerCall / 1e6)} ms per call (${stateless.calls} calls, same decisions; not in the table)`,
  );
}
for (const m of missing) console.log(`- ${m.name}: not measured: ${m.reason}`);
console.log(
  `\nheap over ${HEAP_CHECKS / 1e6} M can() checks: heapUsed ${(before / 1e6).toFixed(2)} MB → ${(after / 1e6).toFixed(2)} MB (${after - before >= 0 ? '+' : ''}${(after - before).toLocaleString('en-US')} bytes), garbage collections during the run: ${heapGcs}`,
);

const targets = [
  [
    `can() within 1.5× of the hand-written floor (${ratio(ours.median / floorRun.median)})`,
    ours.median <= 1.5 * floorRun.median,
  ],
];
for (const run of runs) {
  if (!/casbin|Cedar/.test(run.engine.name)) continue;
  const x = run.median / ours.median;
  targets.push([`can() ≥ 1000× faster than ${run.engine.name} (${ratio(x)})`, x >= 1000]);
}
targets.push(['no allocation per can() check', heapGcs === 0]);
console.log('\n' + targets.map(([t, ok]) => `${ok ? '✔' : '✘'} ${t}`).join('\n'));
