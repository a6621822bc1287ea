#!/usr/bin/env node
// `npm run bench:compile`: check time and peak memory of `permset check` on generated projects
// of 100, 1,000 and 10,000 sets (300 permissions, chains up to 8 deep, fragments). Each size runs
// in fresh child processes (so peak RSS is that size's alone); the median of several runs is
// reported with the spread, which is the machine's noise.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { cpus } from 'node:os';

const self = fileURLToPath(import.meta.url);

if (process.argv[2] === '--child') {
  const sets = Number(process.argv[3]);
  const { generateProject } = await import('./policy-tree.mjs');
  const { compile, Program } = await import('../packages/compiler/dist/index.js');
  const { setUpProcess } = await import('../packages/compiler/dist/cli/index.js');
  setUpProcess(); // as the CLI does
  const files = generateProject({ sets, permissions: 300 });
  const bytes = files.reduce((n, f) => n + f.text.length, 0);
  const t0 = performance.now();
  const result = compile(files);
  const checkMs = performance.now() - t0;
  if (result.diagnostics.length > 0) {
    console.error(JSON.stringify(result.diagnostics.slice(0, 5), null, 2));
    throw new Error(`generated project is not clean: ${result.diagnostics.length} diagnostics`);
  }
  // One changed file, as an editor does on a keystroke: re-load that file, re-resolve all.
  const program = new Program();
  for (const f of files) program.setFile(f);
  program.compile();
  const target = files.find((f) => f.uri === 'policies/sets/s0.yaml');
  const t1 = performance.now();
  program.setFile({ uri: target.uri, text: target.text + '  a0.p2.view: own\n' });
  program.compile();
  const incrementalMs = performance.now() - t1;
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify({ sets, files: files.length, bytes, checkMs, incrementalMs, maxRssMb }));
  process.exit(0);
}

const sizes = [100, 1000, 10000];
const runs = Number(process.env.BENCH_RUNS ?? 5);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(
  `permset compile benchmark — node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${runs} runs per size\n`,
);
console.log('| sets | files | MB of YAML | check (median) | min–max | per set | one-file recheck | peak RSS |');
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|');
const rows = [];
for (const sets of sizes) {
  const samples = [];
  for (let r = 0; r < runs; r++) {
    const out = execFileSync(process.execPath, [self, '--child', String(sets)], {
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    });
    samples.push(JSON.parse(out.trim().split('\n').pop()));
  }
  const check = samples.map((s) => s.checkMs);
  const row = {
    sets,
    files: samples[0].files,
    mb: samples[0].bytes / 1e6,
    checkMs: median(check),
    min: Math.min(...check),
    max: Math.max(...check),
    incrementalMs: median(samples.map((s) => s.incrementalMs)),
    rss: median(samples.map((s) => s.maxRssMb)),
  };
  rows.push(row);
  console.log(
    `| ${sets} | ${row.files} | ${row.mb.toFixed(2)} | ${row.checkMs.toFixed(0)} ms | ${row.min.toFixed(0)}–${row.max.toFixed(0)} ms | ${((row.checkMs * 1000) / sets).toFixed(0)} µs | ${row.incrementalMs.toFixed(0)} ms | ${row.rss.toFixed(0)} MB |`,
  );
}
const growth = rows[2].checkMs / rows[1].checkMs;
console.log(`\n10,000 vs 1,000 sets: ${growth.toFixed(1)}× the time for 10× the sets (linear = 10×).`);
console.log(
  `Target: 10,000 sets checked in under 2 s — ${rows[2].checkMs < 2000 ? 'met' : 'NOT met'} (${(rows[2].checkMs / 1000).toFixed(2)} s).`,
);
