#!/usr/bin/env node
// Where the language server's time goes after a keystroke in the popular base set of the
// benchmark workspace: the stages the compiler's `Program.compile` runs over the cached files
// (index, catalog, resolve, check, diagnostics), timed one by one with the compiler's public
// API, and the server's own share (re-loading the edited file, grouping diagnostics by file).
// Run after `npm run build`: node bench/lsp/compile-profile.mjs
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as c from '../../packages/compiler/dist/index.js';
import { POPULAR, popularText, writeWorkspace } from './workspace-generator.mjs';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const WS = join(REPO, 'bench/out/lsp-workspace');
const files = writeWorkspace(WS).map((uri) => ({ uri, text: readFileSync(join(WS, uri), 'utf8') }));

function unit(input) {
  const loaded = c.loadFile(input);
  const problems = [...loaded.problems];
  const entities = [];
  for (const doc of loaded.documents) {
    const v = c.validateDocument(input.uri, doc);
    problems.push(...v.problems);
    if (v.kind) {
      const e = c.buildEntity(input.uri, doc, v.kind);
      if (e) entities.push(e);
    }
  }
  return { loaded, problems, entities };
}

const units = new Map(files.map((f) => [f.uri, unit(f)]));
const runs = Number(process.env.RUNS ?? 30);
// The caches a Program owns (its CompileCache), kept across keystrokes as the program keeps them.
const conditions = c.newConditionParseCache();
const resolveCache = new c.ResolveCache(conditions);
const checkCache = new c.CheckCache(conditions);
const stages = { reload: [], index: [], catalog: [], resolve: [], check: [], diagnostics: [], total: [] };
for (let r = 0; r < runs + 5; r++) {
  const t0 = performance.now();
  units.set(POPULAR, unit({ uri: POPULAR, text: popularText(r % 3) }));
  const t1 = performance.now();
  const problems = [];
  const entities = [];
  const sourceFiles = new Map();
  for (const uri of [...units.keys()].sort()) {
    const u = units.get(uri);
    sourceFiles.set(uri, u.loaded.source);
    problems.push(...u.problems);
    entities.push(...u.entities);
  }
  const project = c.indexProject(entities, problems, '.');
  const t2 = performance.now();
  const catalog = new c.CatalogIndex(project.catalog, problems);
  const t3 = performance.now();
  const resolution = c.resolveSets(project, catalog, problems, { cache: resolveCache });
  const t4 = performance.now();
  c.checkProject({
    project,
    catalog,
    resolution,
    problems,
    fileText: (uri) => sourceFiles.get(uri)?.text,
    cache: checkCache,
  });
  const t5 = performance.now();
  const diagnostics = problems.map((p) => c.toDiagnostic(p, (uri) => sourceFiles.get(uri))).sort(c.compareDiagnostics);
  const byUri = new Map();
  for (const d of diagnostics) byUri.set(d.uri, [...(byUri.get(d.uri) ?? []), d]);
  const t6 = performance.now();
  if (r < 5) continue; // warm-up
  stages.reload.push(t1 - t0);
  stages.index.push(t2 - t1);
  stages.catalog.push(t3 - t2);
  stages.resolve.push(t4 - t3);
  stages.check.push(t5 - t4);
  stages.diagnostics.push(t6 - t5);
  stages.total.push(t6 - t0);
}
const q = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(p * xs.length) - 1)];
console.log(`one keystroke in the popular set of a ${files.length}-file workspace, ${runs} runs (ms)\n`);
console.log('| stage | p50 | p95 |');
console.log('|---|---:|---:|');
for (const [name, xs] of Object.entries(stages))
  console.log(`| ${name} | ${q(xs, 0.5).toFixed(1)} | ${q(xs, 0.95).toFixed(1)} |`);
