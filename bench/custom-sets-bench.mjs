#!/usr/bin/env node
// `node bench/custom-sets-bench.mjs` (also part of `npm run bench`): custom sets defined at run
// time (custom-sets.js, docs/custom-sets.md), side by side with the compiled evaluator.
//
// - tenant.can vs can(): the shipped policies; every built set with a customizable seat gets a
//   run-time twin (`rt-<id>`, extending it with nothing changed), and the evaluator bench's query
//   stream is decided by can() on the built sets and by tenant.can() on the twins (checked to
//   agree on every query first). Median ns/check over interleaved rounds; allocation as heap
//   growth and garbage collections during 10 M tenant.can() checks.
// - withCustomSets of 10 definitions: median of 200 calls after the first (the first call of a
//   process also reads the built policies; reported on its own).
// - Memory per run-time set on a synthetic catalog of 300 permissions (bench/policy-tree.mjs).
// - 10,000 tenants × 5 sets built and held: time and heap.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PerformanceObserver } from 'node:perf_hooks';
import { queryStream } from './query-stream.mjs';
import { generateProject } from './policy-tree.mjs';
import { REPO, compilerModule, ensureExposeGc } from './bench-setup.mjs';

ensureExposeGc(import.meta.url);

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const CHECKS_WANTED = Number(process.env.BENCH_CHECKS ?? 2_000_000);
const HEAP_CHECKS = 10_002_432;
const compiler = await compilerModule('index.js');
const { NodeFileSystem } = await compilerModule('node/index.js');
const runtime = readFileSync(join(REPO, 'packages/compiler/dist/custom-sets-runtime.js'), 'utf8');

/** Builds evaluator.js and custom-sets.js for sources and imports both, as an application would. */
async function build(sources) {
  const result = compiler.compile(sources, { projectUri: 'policies' });
  if (result.hasErrors) throw new Error('the bench policies have errors');
  const model = compiler.buildPolicyModel(result);
  const { project } = result.resolved;
  const uris = new Set([
    project.catalog.origin.uri,
    ...[...project.sets.values(), ...project.fragments.values(), ...project.guards.values()].map((e) => e.origin.uri),
  ]);
  const files = compiler.generateCustomSets({
    model,
    compiled: result.resolved,
    sources: [...uris].map((uri) => ({ uri, text: result.files.get(uri).text })),
    runtime,
    header: { version: 'bench', modelHash: 'bench' },
  });
  const dir = mkdtempSync(join(tmpdir(), 'permset-cs-bench-'));
  writeFileSync(join(dir, 'evaluator.js'), compiler.generateEvaluator(model)['evaluator.js']);
  writeFileSync(join(dir, 'custom-sets.js'), files['custom-sets.js']);
  const ev = await import(pathToFileURL(join(dir, 'evaluator.js')).href);
  const cs = await import(pathToFileURL(join(dir, 'custom-sets.js')).href);
  rmSync(dir, { recursive: true, force: true });
  return { model, ev, cs, size: files['custom-sets.js'].length };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mb = (bytes) => (bytes / 1024 / 1024).toFixed(1);
const heap = () => {
  for (let i = 0; i < 3; i++) globalThis.gc();
  return process.memoryUsage().heapUsed;
};

process.chdir(REPO);
const shipped = compiler.collectSources(new NodeFileSystem(), 'policies').sources;
const { model, ev, cs, size } = await build(shipped);
console.log(
  `custom-sets.js: ${(size / 1024).toFixed(0)} KiB for ${model.sets.length} sets × ${model.permissions.length} permissions; ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}`,
);

// ---- the first call (reads the built policies), then 10 definitions -------------------------
const customizable = new Set(model.seats.filter((s) => s.customizable).map((s) => s.name));
let twins = model.sets
  .filter((s) => customizable.has(s.seat))
  .map((s) => ({ id: `rt-${s.id}`, name: `Run-time ${s.name}`, extends: s.id }));
let t0 = performance.now();
let tenant = cs.withCustomSets(twins);
const firstCall = performance.now() - t0;
// A guard can forbid a twin (only Admin may manage organization settings): those stay compiled.
const refused = new Set(tenant.diagnostics.map((d) => d.set));
twins = twins.filter((t) => !refused.has(t.id));
tenant = cs.withCustomSets(twins);
if (!tenant.ok) throw new Error(JSON.stringify(tenant.diagnostics));
const ten = Array.from({ length: 10 }, (_, i) => ({
  id: `lead-${i}`,
  name: `Lead ${i}`,
  extends: 'staff',
  grants: { 'deals.view': 'member', 'absence.bookings.view': 'subsidiary' },
}));
const tenTimes = [];
for (let i = 0; i < 200; i++) {
  t0 = performance.now();
  const t = cs.withCustomSets(ten);
  tenTimes.push(performance.now() - t0);
  if (i === 0 && !t.ok) throw new Error(JSON.stringify(t.diagnostics));
}
console.log(
  `withCustomSets: first call of the process ${firstCall.toFixed(1)} ms (reads the built policies); 10 definitions: median ${median(tenTimes).toFixed(3)} ms, p90 ${[...tenTimes].sort((a, b) => a - b)[180].toFixed(3)} ms`,
);

// ---- tenant.can vs can() on the same stream -------------------------------------------------
const { queries } = queryStream(model, { size: 4096, seed: 7 });
const twinOf = new Set(twins.map((t) => t.id.slice(3)));
const rtQueries = queries.map((q) => ({
  ...q,
  subject: q.subject && twinOf.has(q.subject.set) ? { ...q.subject, set: `rt-${q.subject.set}` } : q.subject,
}));
for (let i = 0; i < queries.length; i++) {
  const q = queries[i];
  const r = rtQueries[i];
  const want = ev.can(q.subject, q.permission, q.resource, q.context);
  if (
    tenant.can(r.subject, r.permission, r.resource, r.context) !== want ||
    tenant.can(q.subject, q.permission, q.resource, q.context) !== want
  )
    throw new Error(`tenant.can disagrees with can() on ${JSON.stringify(q)}`);
}
const CHECKS = Math.max(1, Math.round(CHECKS_WANTED / queries.length)) * queries.length;
const run = (fn, qs) => {
  let n = 0;
  const t = process.hrtime.bigint();
  for (let i = 0; i < CHECKS; i++) {
    const q = qs[i & 4095];
    if (fn(q.subject, q.permission, q.resource, q.context)) n++;
  }
  return [Number(process.hrtime.bigint() - t) / CHECKS, n];
};
const variants = {
  'can() (compiled sets)': [(s, p, r, c) => ev.can(s, p, r, c), queries],
  'tenant.can() (run-time twins)': [(s, p, r, c) => tenant.can(s, p, r, c), rtQueries],
  'tenant.can() (compiled sets via the tenant)': [(s, p, r, c) => tenant.can(s, p, r, c), queries],
};
const times = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
for (let round = 0; round < ROUNDS; round++)
  for (const [name, [fn, qs]] of Object.entries(variants)) times[name].push(run(fn, qs)[0]);
const base = median(times['can() (compiled sets)']);
for (const [name, ts] of Object.entries(times)) {
  const m = median(ts);
  console.log(
    `  ${name.padEnd(46)} ${m.toFixed(1).padStart(6)} ns/check (min ${Math.min(...ts).toFixed(1)}, max ${Math.max(...ts).toFixed(1)})  ${(m / base).toFixed(2)}x`,
  );
}

let gcs = 0;
const obs = new PerformanceObserver((list) => (gcs += list.getEntries().length));
obs.observe({ entryTypes: ['gc'] });
const before = heap();
let sink = 0;
for (let i = 0; i < HEAP_CHECKS; i++) {
  const q = rtQueries[i & 4095];
  if (tenant.can(q.subject, q.permission, q.resource, q.context)) sink++;
}
await new Promise((r) => setTimeout(r, 50));
obs.disconnect();
const grown = process.memoryUsage().heapUsed - before;
console.log(
  `  allocation: 10 M tenant.can() checks: heap ${grown >= 0 ? '+' : ''}${(grown / 1024).toFixed(0)} KiB, ${gcs} garbage collections (${sink} allowed)`,
);

// ---- memory per run-time set at 300 permissions ---------------------------------------------
const synthetic = await build(
  generateProject({ sets: 50, permissions: 300 }).map((f) => ({
    uri: `policies/${f.uri.replace(/^policies\//, '')}`,
    text: f.text,
  })),
);
const wide = { id: 'wide', name: 'Wide', extends: synthetic.model.sets.at(-1).id };
synthetic.cs.withCustomSets([wide]); // reads the built policies
const held = [];
const N = 2000;
const h0 = heap();
for (let i = 0; i < N; i++) held.push(synthetic.cs.withCustomSets([wide]));
const h1 = heap();
console.log(
  `memory per run-time set (300 permissions, ${synthetic.ev.permissionsOf(wide.extends).length} granted, 1 set per tenant, ${N} held): ${((h1 - h0) / N / 1024).toFixed(1)} KiB`,
);
held.length = 0;

// ---- 10,000 tenants × 5 sets -----------------------------------------------------------------
const five = (t) =>
  Array.from({ length: 5 }, (_, i) => ({
    id: `t${t}-s${i}`,
    name: `Set ${i}`,
    extends: ['staff', 'manager', 'coordinator', 'staff-crm', 'client-staff'][i],
    grants: i === 0 ? { 'deals.view': 'member' } : {},
  }));
const tenants = [];
const g0 = heap();
t0 = performance.now();
for (let t = 0; t < 10_000; t++) tenants.push(cs.withCustomSets(five(t)));
const built = performance.now() - t0;
const g1 = heap();
if (!tenants.every((t) => t.ok)) throw new Error(JSON.stringify(tenants.find((t) => !t.ok).diagnostics));
console.log(
  `10,000 tenants × 5 sets: built in ${(built / 1000).toFixed(1)} s (${(built / 10_000).toFixed(2)} ms per tenant), held in ${mb(g1 - g0)} MiB of heap (${((g1 - g0) / 50_000 / 1024).toFixed(1)} KiB per set)`,
);
