#!/usr/bin/env node
// `node --expose-gc bench/lsp-memory-bench.mjs` (after `npm run build`): the language service's
// memory over a long editing session (10,000 edits of a shipped set, see bench/lsp/edit-session.mjs).
// After a full GC at every 1,000 edits it prints the heap in use; it fails (exit 1) when the heap
// after 10,000 edits exceeds the heap after 1,000 by more than LSP_MEMORY_BUDGET_MB (default 8).
//
// Why that bound: what the session may legitimately keep growing is bounded caches, the largest
// being the condition parse cache (5,000 entries; each edit of the typed condition is a new
// text, so it fills during the first ~5,000 edits; measured: +0.3 MB from 1,000 to 3,000 edits).
// 8 MB over 9,000 edits is under 1 KB an edit: keeping even the edited file's text per edit
// (2.5 KB) would exceed it, let alone a compilation or a tree (tens of KB).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runEditSession } from './lsp/edit-session.mjs';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const EDITS = Number(process.env.LSP_MEMORY_EDITS ?? 10_000);
const BUDGET_MB = Number(process.env.LSP_MEMORY_BUDGET_MB ?? 8);
if (typeof globalThis.gc !== 'function') {
  console.error('Run with --expose-gc: node --expose-gc bench/lsp-memory-bench.mjs');
  process.exit(2);
}
const { MemoryFileSystem } = await import(join(REPO, 'packages/compiler/dist/index.js'));
const { createLanguageService, WorkspaceSet } = await import(join(REPO, 'packages/lsp/dist/index.js'));

const files = {};
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (/\.ya?ml$/.test(name))
      files[`/ws/policies/${relative(join(REPO, 'policies'), path)}`] = readFileSync(path, 'utf8');
  }
};
walk(join(REPO, 'policies'));
const workspaces = new WorkspaceSet(new MemoryFileSystem(files));
workspaces.addFolder('file:///ws');
const service = createLanguageService(workspaces);
const heapMb = () => {
  globalThis.gc();
  globalThis.gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
};
const heap = new Map();
const t0 = performance.now();
runEditSession({
  service,
  uri: 'file:///ws/policies/sets/system/manager.yaml',
  text: files['/ws/policies/sets/system/manager.yaml'],
  edits: EDITS,
  every: 1_000,
  checkpoint: (n) => {
    heap.set(n, heapMb());
    console.log(
      `${String(n).padStart(6)} edits  heap ${heap.get(n).toFixed(1)} MB  (${((performance.now() - t0) / n).toFixed(2)} ms/edit)`,
    );
  },
});
const growth = heap.get(EDITS) - heap.get(1_000);
console.log(`heap growth from 1,000 to ${EDITS} edits: ${growth.toFixed(1)} MB (budget ${BUDGET_MB} MB)`);
process.exit(growth > BUDGET_MB ? 1 : 0);
