#!/usr/bin/env node
// `node bench/cedar-bench.mjs`: what a decision costs in Cedar (cedar-wasm) on permset's Cedar
// export of the shipped policies, next to the generated evaluator's can(), on the same query
// stream as bench/evaluator-bench.mjs (bench/query-stream.mjs, size 4096, seed 7).
//
// - Both back ends are generated with the built compiler (packages/compiler/dist; run
//   `npx tsc -b` first) into a temp folder and imported, as an application would.
// - Before timing, every query of the stream is decided by can() and by Cedar (each way of
//   calling it): any disagreement aborts the benchmark.
// - Cedar variants, each including entities.js's toCedarRequest (which a caller needs too):
//     statefulIsAuthorized, policies + schema preparsed (the schema validates each request);
//     statefulIsAuthorized, policies preparsed, no schema;
//     isAuthorized with the policy text and schema (parsed again on every call: sampled only).
//   A query permset denies outright (unknown id, resource of another type) makes no Cedar call,
//   as the export documents.
// - ns/decision is the median over ROUNDS rounds; Cedar rounds go over CEDAR_QUERIES queries of
//   the stream (a Cedar decision costs about a thousand times more than can()).
//
// Env: BENCH_ROUNDS (5), BENCH_CHECKS (can(): 2,000,000 per round), BENCH_CEDAR_QUERIES (1024),
// BENCH_CEDAR_TEXT_CALLS (isAuthorized with texts: 20).
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { queryStream } from './query-stream.mjs';
import { compilerModule, ensureNodeFlag, loadShippedPolicies } from './bench-setup.mjs';

// Node 20's V8 can abort when code that inlined a call into cedar-wasm is deoptimized during
// that call (see docs/cedar.md); the flag turns that inlining off.
ensureNodeFlag(import.meta.url, '--no-turbo-inline-js-wasm-calls');

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CHECKS_WANTED = Number(process.env.BENCH_CHECKS ?? 2_000_000);
const CEDAR_QUERIES = Number(process.env.BENCH_CEDAR_QUERIES ?? 1024);
const TEXT_CALLS = Number(process.env.BENCH_CEDAR_TEXT_CALLS ?? 20);

const { compiler, model } = await loadShippedPolicies();
const { generateEvaluator } = await compilerModule('emit/evaluator/index.js');
const { exportCedar } = await compilerModule('emit/cedar/index.js');
const cedar = await import('@cedar-policy/cedar-wasm/nodejs');

const exported = exportCedar(model);
if (exported.problems.length > 0)
  throw new Error(`the Cedar export has problems: ${exported.problems.map((p) => p.message).join('; ')}`);
const dir = mkdtempSync(join(tmpdir(), 'permset-cedar-bench-'));
writeFileSync(join(dir, 'evaluator.js'), generateEvaluator(model)['evaluator.js']);
writeFileSync(join(dir, 'entities.js'), exported.files['entities.js']);
const ev = await import(pathToFileURL(join(dir, 'evaluator.js')).href);
const entities = await import(pathToFileURL(join(dir, 'entities.js')).href);
rmSync(dir, { recursive: true, force: true });

const staticPolicies = JSON.parse(exported.files['policies.json']);
const schema = exported.files['schema.cedarschema'];
for (const answer of [
  cedar.preparsePolicySet('permset', { staticPolicies }),
  cedar.preparseSchema('permset', schema),
]) {
  if (answer.type !== 'success') throw new Error(`cedar-wasm rejects the export: ${JSON.stringify(answer.errors)}`);
}

const { queries, mask } = queryStream(model, { size: 4096, seed: 7 });
const CHECKS = Math.max(1, Math.round(CHECKS_WANTED / queries.length)) * queries.length;
const cedarQueries = queries.slice(0, Math.min(CEDAR_QUERIES, queries.length));

const allowedBy = (answer) => {
  if (answer.type !== 'success') throw new Error(`cedar-wasm failed: ${JSON.stringify(answer.errors)}`);
  return answer.response.decision === 'allow';
};
const variants = {
  'statefulIsAuthorized — policies + schema preparsed': (q) => {
    const r = entities.toCedarRequest(q.subject, q.permission, q.resource, q.context);
    return (
      r !== undefined &&
      allowedBy(cedar.statefulIsAuthorized({ ...r, preparsedPolicySetId: 'permset', preparsedSchemaName: 'permset' }))
    );
  },
  'statefulIsAuthorized — policies preparsed, no schema': (q) => {
    const r = entities.toCedarRequest(q.subject, q.permission, q.resource, q.context);
    return r !== undefined && allowedBy(cedar.statefulIsAuthorized({ ...r, preparsedPolicySetId: 'permset' }));
  },
};
const textVariant = (q) => {
  const r = entities.toCedarRequest(q.subject, q.permission, q.resource, q.context);
  return r !== undefined && allowedBy(cedar.isAuthorized({ ...r, schema, policies: { staticPolicies } }));
};

// Equivalence on the whole stream first: a benchmark of disagreeing back ends means nothing.
let allowed = 0;
let cedarCalls = 0;
for (const q of queries) {
  const want = ev.can(q.subject, q.permission, q.resource, q.context);
  for (const [name, decide] of Object.entries(variants)) {
    const got = decide(q);
    if (got !== want) throw new Error(`${name} disagrees with can() (${want}) on ${JSON.stringify(q)}`);
  }
  if (want) allowed++;
  if (entities.toCedarRequest(q.subject, q.permission, q.resource, q.context) !== undefined) cedarCalls++;
}
const textSample = queries
  .filter((q) => entities.toCedarRequest(q.subject, q.permission, q.resource, q.context) !== undefined)
  .slice(0, TEXT_CALLS);
for (const q of textSample) {
  if (textVariant(q) !== ev.can(q.subject, q.permission, q.resource, q.context))
    throw new Error(`isAuthorized disagrees with can() on ${JSON.stringify(q)}`);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
function canLoop(n) {
  const can = ev.can;
  let a = 0;
  for (let i = 0; i < n; i++) {
    const q = queries[i & mask];
    if (can(q.subject, q.permission, q.resource, q.context)) a++;
  }
  return a;
}
function timeOf(run, n) {
  const t0 = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - t0) / n;
}

const samples = {
  'can()': [],
  ...Object.fromEntries(Object.keys(variants).map((k) => [k, []])),
  'toCedarRequest alone': [],
};
canLoop(CHECKS); // warm-up
for (const decide of Object.values(variants)) for (const q of cedarQueries.slice(0, 128)) decide(q);
for (let r = 0; r < ROUNDS; r++) {
  samples['can()'].push(timeOf(() => canLoop(CHECKS), CHECKS));
  for (const [name, decide] of Object.entries(variants))
    samples[name].push(timeOf(() => cedarQueries.forEach(decide), cedarQueries.length));
  samples['toCedarRequest alone'].push(
    timeOf(
      () => cedarQueries.forEach((q) => entities.toCedarRequest(q.subject, q.permission, q.resource, q.context)),
      cedarQueries.length,
    ),
  );
}
const textNs = timeOf(() => textSample.forEach(textVariant), Math.max(1, textSample.length));
const ns = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]));

const fmt = (x) =>
  x >= 1e6 ? `${(x / 1e6).toFixed(2)} ms` : x >= 1e3 ? `${(x / 1e3).toFixed(1)} µs` : `${x.toFixed(0)} ns`;
const base = ns['can()'];
const rows = [
  ['can() — generated evaluator', ns['can()'], `${ROUNDS} × ${CHECKS.toLocaleString('en-US')} decisions`],
  ...Object.keys(variants).map((k) => [
    `Cedar: toCedarRequest + ${k}`,
    ns[k],
    `${ROUNDS} × ${cedarQueries.length} decisions`,
  ]),
  [
    'Cedar: toCedarRequest + isAuthorized with policy text + schema',
    textNs,
    `${textSample.length} calls (parses everything per call)`,
  ],
  ['(toCedarRequest alone)', ns['toCedarRequest alone'], `${ROUNDS} × ${cedarQueries.length}`],
];
const permits = Object.keys(staticPolicies).length;
console.log(`# Cedar export vs generated evaluator — decision latency

- Node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, load average ${loadavg()[0].toFixed(1)} (decisions are single-threaded; on a loaded machine every number is inflated).
- cedar-wasm ${cedar.getCedarSDKVersion()} (Cedar ${cedar.getCedarVersion()}); the export of policies/: ${model.sets.length} sets, ${model.permissions.length} permissions, ${permits} permits.
- Query stream: bench/query-stream.mjs, ${queries.length} queries (seed 7), ${allowed} allowed; ${cedarCalls} reach Cedar (the rest are denied by toCedarRequest without a call). Every query decided identically by can() and each Cedar variant${textSample.length ? ` (isAuthorized with texts: the first ${textSample.length})` : ''}.

| decision path | ns/decision (median) | × can() | measured over |
|---|---:|---:|---|
${rows.map(([name, x, over]) => `| ${name} | ${fmt(x)} | ${name.startsWith('(') ? '' : `${(x / base).toFixed(0)}×`} | ${over} |`).join('\n')}
`);
