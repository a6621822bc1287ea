#!/usr/bin/env node
// `npm run bench:scale`: the growth curve of check, build and diff from 1,000 to 10,000 sets over
// a 500-permission catalog (chains up to 8 deep, fragments; bench/policy-tree.mjs). Each size and
// stage runs in a fresh child process so its peak RSS is its own; the median of BENCH_RUNS runs
// (default 3) is reported with the min–max, which is the machine's noise.
//
//   check  compile(): load, validate, resolve, check (what `permset check` does after reading)
//   build  check, then the policy model, the evaluator and the four matrix reports (`permset build`
//          without the writes)
//   evaluator  check, then the policy model and the evaluator only: generation time, the size of
//          evaluator.js / evaluator.d.ts / policy.json, and the time to import evaluator.js (parse,
//          compile and run its top level) as an application does at start-up
//   diff   two compiled sides (the base and a copy with one base-set line changed, which reaches
//          every set below it) and the diff of their models (`permset diff` without git)
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';

const self = fileURLToPath(import.meta.url);
const PERMISSIONS = Number(process.env.BENCH_PERMISSIONS ?? 500);

if (process.argv[2] === '--child') {
  const [stage, setsArg] = process.argv.slice(3);
  const sets = Number(setsArg);
  const { generateProject } = await import('./policy-tree.mjs');
  const { compile, buildPolicyModel, generateEvaluator, renderMatrixReports, diffModels } =
    await import('../packages/compiler/dist/index.js');
  const { setUpProcess } = await import('../packages/compiler/dist/cli/index.js');
  setUpProcess(); // as the CLI does
  const files = generateProject({ sets, permissions: PERMISSIONS });
  const out = { stage, sets, files: files.length, bytes: files.reduce((n, f) => n + f.text.length, 0) };
  const t0 = performance.now();
  const result = compile(files);
  if (result.diagnostics.some((d) => d.severity === 1))
    throw new Error(`generated project has errors: ${JSON.stringify(result.diagnostics.slice(0, 3))}`);
  if (stage === 'build') {
    const model = buildPolicyModel(result);
    const evaluator = generateEvaluator(model, { version: 'bench' });
    const reports = renderMatrixReports(model);
    out.outputBytes = Object.values({ ...evaluator, ...reports }).reduce((n, t) => n + t.length, 0);
  } else if (stage === 'evaluator') {
    const model = buildPolicyModel(result);
    const t1 = performance.now();
    const evaluator = generateEvaluator(model, { version: 'bench' });
    out.generateMs = performance.now() - t1;
    out.sizes = Object.fromEntries(Object.entries(evaluator).map(([name, text]) => [name, Buffer.byteLength(text)]));
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { pathToFileURL } = await import('node:url');
    const dir = mkdtempSync(join(tmpdir(), 'permset-scale-'));
    writeFileSync(join(dir, 'evaluator.js'), evaluator['evaluator.js']);
    const t2 = performance.now();
    const ev = await import(pathToFileURL(join(dir, 'evaluator.js')).href);
    out.loadMs = performance.now() - t2;
    out.firstCheckAllowed = ev.can({ set: model.sets[0].id, id: 'u' }, model.permissions[0].id, {
      type: 'thing',
      owner: 'u',
      members: ['u'],
    });
    rmSync(dir, { recursive: true, force: true });
  } else if (stage === 'diff') {
    // The head side changes one grant of the root set s0, which every chain starts from.
    const head = files.map((f) =>
      f.uri === 'policies/sets/s0.yaml' ? { uri: f.uri, text: f.text + '  a0.p2.view: own\n' } : f,
    );
    const baseModel = buildPolicyModel(result);
    const headModel = buildPolicyModel(compile(head));
    const diff = diffModels(baseModel, headModel, {});
    out.changedCells = diff.summary.cells.total;
  }
  out.ms = performance.now() - t0;
  out.maxRssMb = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify(out));
  process.exit(0);
}

const sizes = (process.env.BENCH_SIZES ?? '1000,2500,5000,10000').split(',').map(Number);
const stages = (process.env.BENCH_STAGES ?? 'check,build,diff').split(',');
const runs = Number(process.env.BENCH_RUNS ?? 3);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(
  `permset scale benchmark — node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${PERMISSIONS} permissions, ${runs} runs per cell\n`,
);
console.log('| sets | MB of YAML | stage | median | min–max | per set | peak RSS | notes |');
console.log('|---:|---:|---|---:|---:|---:|---:|---|');
const results = new Map();
for (const sets of sizes) {
  for (const stage of stages) {
    const samples = [];
    for (let r = 0; r < runs; r++) {
      const text = execFileSync(process.execPath, ['--max-old-space-size=8192', self, '--child', stage, String(sets)], {
        encoding: 'utf8',
        maxBuffer: 1 << 26,
      });
      samples.push(JSON.parse(text.trim().split('\n').pop()));
    }
    const ms = samples.map((s) => s.ms);
    const m = median(ms);
    results.set(`${stage} ${sets}`, m);
    const s = samples[0];
    const mb = (n) => `${(n / 1e6).toFixed(n < 1e6 ? 2 : 1)} MB`;
    const notes =
      stage === 'build'
        ? `${(s.outputBytes / 1e6).toFixed(0)} MB written`
        : stage === 'diff'
          ? `${s.changedCells} cells changed; two compiles + diff`
          : stage === 'evaluator'
            ? `generate ${median(samples.map((x) => x.generateMs)).toFixed(0)} ms; evaluator.js ${mb(s.sizes['evaluator.js'])}, .d.ts ${mb(s.sizes['evaluator.d.ts'])}, policy.json ${mb(s.sizes['policy.json'])}; import ${median(samples.map((x) => x.loadMs)).toFixed(0)} ms`
            : '';
    console.log(
      `| ${sets} | ${(s.bytes / 1e6).toFixed(1)} | ${stage} | ${(m / 1000).toFixed(2)} s | ${(Math.min(...ms) / 1000).toFixed(2)}–${(Math.max(...ms) / 1000).toFixed(2)} s | ${((m * 1000) / sets).toFixed(0)} µs | ${median(samples.map((x) => x.maxRssMb)).toFixed(0)} MB | ${notes} |`,
    );
  }
}
if (sizes.length > 1) {
  const [a, b] = [sizes[0], sizes[sizes.length - 1]];
  console.log(`\nGrowth from ${a} to ${b} sets (${b / a}× the sets; linear = ${b / a}×):`);
  for (const stage of stages)
    console.log(`  ${stage}: ${(results.get(`${stage} ${b}`) / results.get(`${stage} ${a}`)).toFixed(1)}×`);
}
