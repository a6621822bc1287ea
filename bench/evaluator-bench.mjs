#!/usr/bin/env node
// `node bench/evaluator-bench.mjs`: speed and allocation of the generated evaluator on the
// shipped policies (policies/), against a hand-written floor.
//
// - The evaluator is generated with the built compiler (packages/compiler/dist; run
//   `npx tsc -b` first) into a temp folder and imported, as an application would.
// - The floor is what someone would hand-write for the same policies with no safety at all:
//   nested Maps (string ids) or an array of arrays (integer handles) of closures that read
//   attributes directly (`r.members.includes(s.id)`), no own-property or type checks, no
//   try/catch. It must decide every query of the stream exactly like can() (checked below).
// - One mixed query stream (bench/query-stream.mjs) drives every variant: ns/check is the
//   median over several rounds of CHECKS checks each, variants interleaved.
// - Allocation: heapUsed before/after and the garbage collections seen during 10 M can()
//   checks (a single allocated byte per check would trigger dozens of scavenges).
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PerformanceObserver } from 'node:perf_hooks';
import { queryStream } from './query-stream.mjs';
import { floorSource } from './engines/floor.mjs';
import { compilerModule, ensureExposeGc, loadShippedPolicies } from './bench-setup.mjs';

ensureExposeGc(import.meta.url);

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const CHECKS_WANTED = Number(process.env.BENCH_CHECKS ?? 2_000_000);
const HEAP_CHECKS = 10_002_432; // 10 M, rounded to whole passes of the 4096-query stream

const { compiler, model } = await loadShippedPolicies();
const { generateEvaluator } = await compilerModule('emit/evaluator/index.js');
const files = generateEvaluator(model);
const dir = mkdtempSync(join(tmpdir(), 'permset-bench-'));
writeFileSync(join(dir, 'evaluator.js'), files['evaluator.js']);
writeFileSync(join(dir, 'floor.mjs'), floorSource(model, compiler.parseCondition));
const ev = await import(pathToFileURL(join(dir, 'evaluator.js')).href);
const floor = await import(pathToFileURL(join(dir, 'floor.mjs')).href);
rmSync(dir, { recursive: true, force: true });

const { queries, mask } = queryStream(model, { size: 4096, seed: 7 });
// Whole passes over the stream, so every round sees the same mix.
const CHECKS = Math.max(1, Math.round(CHECKS_WANTED / queries.length)) * queries.length;
const NS = ev.SET_IDS.length;
const NP = ev.PERMISSION_IDS.length;
const prepared = new Map();
for (const q of queries) {
  // Integer handles as an application would keep them; unknown ids get out-of-range handles.
  q.si = ev.SET[q.subject.set] ?? NS;
  q.pi = ev.PERMISSION[q.permission] ?? NP;
  if (!prepared.has(q.permission)) prepared.set(q.permission, ev.prepare(q.permission));
  q.check = prepared.get(q.permission);
}

// The floor must decide exactly what can() decides, or the comparison means nothing.
let allowed = 0;
for (const q of queries) {
  const want = ev.can(q.subject, q.permission, q.resource, q.context);
  const got = [
    floorString(q),
    floorInt(q),
    q.check(q.subject, q.resource, q.context),
    ev.canId(q.si, q.pi, q.subject, q.resource, q.context),
  ];
  if (got.some((g) => g !== want))
    throw new Error(`variants disagree on ${JSON.stringify(q)}: can=${want}, floor/prepared/canId=${got}`);
  if (want) allowed++;
}

function floorString(q) {
  const row = floor.BY_ID.get(q.subject.set);
  const f = row === undefined ? undefined : row.get(q.permission);
  return f !== undefined && f(q.subject, q.resource, q.context);
}
function floorInt(q) {
  return floor.BY_HANDLE[q.si][q.pi](q.subject, q.resource, q.context);
}

// One loop per variant (no shared callback), so each call site is the variant's own.
const loops = {
  'can() — string ids': (n) => {
    const can = ev.can;
    let a = 0;
    for (let i = 0; i < n; i++) {
      const q = queries[i & mask];
      if (can(q.subject, q.permission, q.resource, q.context)) a++;
    }
    return a;
  },
  'prepare(permission)(…)': (n) => {
    let a = 0;
    for (let i = 0; i < n; i++) {
      const q = queries[i & mask];
      if (q.check(q.subject, q.resource, q.context)) a++;
    }
    return a;
  },
  'canId(SET[…], PERMISSION[…], …)': (n) => {
    const canId = ev.canId;
    let a = 0;
    for (let i = 0; i < n; i++) {
      const q = queries[i & mask];
      if (canId(q.si, q.pi, q.subject, q.resource, q.context)) a++;
    }
    return a;
  },
  'floor — string ids (Map → Map → closure)': (n) => {
    const byId = floor.BY_ID;
    let a = 0;
    for (let i = 0; i < n; i++) {
      const q = queries[i & mask];
      const row = byId.get(q.subject.set);
      const f = row === undefined ? undefined : row.get(q.permission);
      if (f !== undefined && f(q.subject, q.resource, q.context)) a++;
    }
    return a;
  },
  'floor — integer handles (array → array → closure)': (n) => {
    const byHandle = floor.BY_HANDLE;
    let a = 0;
    for (let i = 0; i < n; i++) {
      const q = queries[i & mask];
      if (byHandle[q.si][q.pi](q.subject, q.resource, q.context)) a++;
    }
    return a;
  },
};

// Reference points, NOT the same decision: the grant lookup alone (no resource type check, no
// conditions). They show how much of a check is memory access to the query and id lookups.
const lookups = {
  'has() — grant lookup only': (n) => {
    const has = ev.has;
    let a = 0;
    for (let i = 0; i < n; i++) {
      const q = queries[i & mask];
      if (has(q.subject.set, q.permission)) a++;
    }
    return a;
  },
  'floor — grant lookup only, string ids (Map → Map → boolean)': (n) => {
    const byId = floor.GRANTED_BY_ID;
    let a = 0;
    for (let i = 0; i < n; i++) {
      const q = queries[i & mask];
      const row = byId.get(q.subject.set);
      if (row !== undefined && row.get(q.permission) === true) a++;
    }
    return a;
  },
  'floor — grant lookup only, integer handles (array → array → boolean)': (n) => {
    const byHandle = floor.GRANTED_BY_HANDLE;
    let a = 0;
    for (let i = 0; i < n; i++) {
      const q = queries[i & mask];
      if (byHandle[q.si][q.pi]) a++;
    }
    return a;
  },
};
let granted = 0;
for (const q of queries) if (ev.has(q.subject.set, q.permission)) granted++;
Object.assign(loops, lookups);

const samples = Object.fromEntries(Object.keys(loops).map((k) => [k, []]));
for (const [, loop] of Object.entries(loops)) loop(CHECKS); // warm-up: optimize every loop first
for (let r = 0; r < ROUNDS; r++) {
  for (const [name, loop] of Object.entries(loops)) {
    const t0 = process.hrtime.bigint();
    const a = loop(CHECKS);
    const ns = Number(process.hrtime.bigint() - t0) / CHECKS;
    const want = name in lookups ? granted : allowed;
    if (a !== (want * CHECKS) / queries.length) throw new Error(`${name}: ${a} allowed`);
    samples[name].push(ns);
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ns = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]));

// Allocation: no GC at all while 10 M checks run means nothing was allocated per check.
const gcs = [];
const obs = new PerformanceObserver((list) => gcs.push(...list.getEntries()));
obs.observe({ entryTypes: ['gc'] });
await new Promise((r) => setTimeout(r, 10));
globalThis.gc();
await new Promise((r) => setTimeout(r, 10));
gcs.length = 0;
const before = process.memoryUsage().heapUsed;
loops['can() — string ids'](HEAP_CHECKS);
const after = process.memoryUsage().heapUsed;
await new Promise((r) => setTimeout(r, 10));
obs.disconnect();

const kinds = {};
for (const q of queries) kinds[q.kind] = (kinds[q.kind] ?? 0) + 1;
console.log(`permset evaluator benchmark — node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`);
console.log(
  `shipped policies: ${NS} sets, ${NP} permissions; stream of ${queries.length} queries (${Object.entries(kinds)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ')}), ${((100 * allowed) / queries.length).toFixed(1)}% allowed`,
);
console.log(`median of ${ROUNDS} rounds × ${(CHECKS / 1e6).toFixed(1)} M checks\n`);
const fs = ns['floor — string ids (Map → Map → closure)'];
const fi = ns['floor — integer handles (array → array → closure)'];
console.log('| variant (same decision as can()) | ns/check | vs string floor | vs integer floor |');
console.log('|---|---:|---:|---:|');
for (const [name, v] of Object.entries(ns))
  if (!(name in lookups))
    console.log(`| ${name} | ${v.toFixed(1)} | ${(v / fs).toFixed(2)}× | ${(v / fi).toFixed(2)}× |`);
console.log('\n| reference point (grant lookup only, no conditions) | ns/check |');
console.log('|---|---:|');
for (const name of Object.keys(lookups)) console.log(`| ${name} | ${ns[name].toFixed(1)} |`);
console.log(
  `\nheap over ${HEAP_CHECKS / 1e6} M can() checks: heapUsed ${(before / 1e6).toFixed(2)} MB → ${(after / 1e6).toFixed(2)} MB (${after - before >= 0 ? '+' : ''}${after - before} bytes), garbage collections during the run: ${gcs.length}`,
);
const targets = [
  ['can() within 1.5× of the string-id floor', ns['can() — string ids'] <= 1.5 * fs],
  ['canId() within 2× of the integer-handle floor', ns['canId(SET[…], PERMISSION[…], …)'] <= 2 * fi],
  ['prepare() within 2× of the integer-handle floor', ns['prepare(permission)(…)'] <= 2 * fi],
  ['no allocation per check', gcs.length === 0],
];
console.log('\n' + targets.map(([t, ok]) => `${ok ? '✔' : '✘'} ${t}`).join('\n'));
