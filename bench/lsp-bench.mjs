#!/usr/bin/env node
// `node bench/lsp-bench.mjs` (after `npm run build`): the language server's speed on a 2,000-file
// workspace, driven over stdio by a real JSON-RPC client (vscode-jsonrpc), as an editor does:
//
// - initial diagnostics: from `initialize` to the first publishDiagnostics (the whole workspace
//   read, validated, resolved and checked);
// - keystroke -> diagnostics: ~50 edits of a set that 500 sets inherit from, each timed from the
//   didChange to the last publishDiagnostics it causes (the popular file's own, or the warnings
//   it adds to and removes from 18 closed descendants); with the debounce at 0 ms so the figure
//   is the server's own latency, once with 100 ms between a result and the next edit (people
//   type in bursts and pauses) and once back to back (the worst case: garbage collection of
//   earlier checks lands on later ones); then edits that change the diagnostics of all 500
//   descendants at once (the most a keystroke there can publish); then with the default 150 ms
//   debounce;
// - hover and completion round trips on permission ids, `extends` values and grant keys.
//
// Where a budget is missed, `node bench/lsp/compile-profile.mjs` shows where the time goes.
import { existsSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { percentiles, startServer } from './lsp/stdio-client.mjs';
import { POPULAR, popularText, writeWorkspace } from './lsp/workspace-generator.mjs';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const SERVER = join(REPO, 'packages/lsp/dist/main.js');
const WS = join(REPO, 'bench/out/lsp-workspace');
const EDITS = Number(process.env.LSP_BENCH_EDITS ?? 50);
const REQUESTS = Number(process.env.LSP_BENCH_REQUESTS ?? 100);

if (!existsSync(SERVER)) {
  console.error('Build first: npm run build (packages/lsp/dist/main.js is missing).');
  process.exit(2);
}
const files = writeWorkspace(WS);
const uri = (rel) => pathToFileURL(join(WS, rel)).href;
const popularUri = uri(POPULAR);
const descendants = files.filter((f) => /popular\/d\d+\.yaml$/.test(f)).map(uri);
const descendantsWithA2 = files
  .filter((f) => /popular\/d\d+\.yaml$/.test(f) && /a2\.p4\.view/.test(readFileSync(join(WS, f), 'utf8')))
  .map(uri);

async function session(debounceMs) {
  const server = startServer(SERVER, WS);
  const t0 = performance.now();
  const first = server.waitFor(() => true, 120_000);
  await server.connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(WS).href,
    workspaceFolders: [{ uri: pathToFileURL(WS).href, name: 'bench' }],
    capabilities: {},
    initializationOptions: { permset: { debounceMs } },
  });
  await server.connection.sendNotification('initialized', {});
  await first;
  const initialMs = performance.now() - t0;
  await server.connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri: popularUri, languageId: 'yaml', version: 1, text: popularText(0) },
  });
  return { server, initialMs };
}

// The popular file's version numbers, shared by every phase of a session.
let version = 1;

/** Sends a new text of the popular set. */
function editPopular(server, variant) {
  return server.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri: popularUri, version: ++version },
    contentChanges: [{ text: popularText(variant) }],
  });
}

/**
 * Times `count` edits of the popular set, each from its didChange to the publishes of the files
 * `edit(i)` names, waiting `pauseMs` after each before the next (0: back to back, the worst
 * case; ~100 ms: the pause between a keystroke's result and the next, as people type).
 */
async function timedEdits(server, count, pauseMs, edit) {
  const samples = [];
  for (let i = 0; i < count; i++) {
    const { variant, changed } = edit(i);
    const waiting = server.waitForAll(changed);
    const t = performance.now();
    await editPopular(server, variant);
    await waiting;
    samples.push(performance.now() - t);
    if (pauseMs > 0) await new Promise((r) => setTimeout(r, pauseMs));
  }
  return samples;
}

/** Edits alternating a typo and a grant that makes 18 descendants redundant. */
async function keystrokes(server, count, pauseMs) {
  const variantOf = (i) => ((i + 4) % 4 === 0 ? 2 : (i + 4) % 4 === 2 ? 1 : 0);
  const samples = await timedEdits(server, count, pauseMs, (i) => {
    const variant = variantOf(i);
    return { variant, changed: variant === 1 || variantOf(i - 1) === 1 ? descendantsWithA2 : [popularUri] };
  });
  // Back to the clean text, so the next phase starts from it.
  if (count % 4 !== 0) {
    const waiting = server
      .waitFor((p) => p.uri === popularUri || descendantsWithA2.includes(p.uri), 5000)
      .catch(() => undefined);
    await editPopular(server, 0);
    await waiting;
  }
  return samples;
}

/**
 * The worst case: each edit of the popular set adds or removes a wildcard grant that makes one
 * grant of every one of its 500 descendants redundant, so every keystroke changes (and publishes)
 * the diagnostics of 500 closed files. Timed to the last of those 500 publishes.
 */
async function keystrokesAllDescendants(server, count, pauseMs) {
  const samples = await timedEdits(server, count, pauseMs, (i) => ({
    variant: i % 2 === 0 ? 3 : 0,
    changed: descendants,
  }));
  if (count % 2 === 1) {
    const waiting = server.waitForAll(descendants);
    await editPopular(server, 0);
    await waiting;
  }
  return samples;
}

async function requests(server) {
  const d5 = 'policies/sets/popular/d5.yaml';
  const text = readFileSync(join(WS, d5), 'utf8');
  const lines = text.split('\n');
  await server.connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri: uri(d5), languageId: 'yaml', version: 1, text: text + '  \n' },
  });
  const grantLine = lines.findIndex((l) => /^\s+a\d+\.p4\.view/.test(l));
  const extendsLine = lines.findIndex((l) => l.startsWith('extends:'));
  const chainSet = 'policies/sets/s7.yaml';
  const chainText = readFileSync(join(WS, chainSet), 'utf8');
  await server.connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri: uri(chainSet), languageId: 'yaml', version: 1, text: chainText },
  });
  const chainExtends = chainText.split('\n').findIndex((l) => l.startsWith('extends:'));
  const hoverAt = [
    [uri(d5), { line: grantLine, character: 4 }],
    [uri(d5), { line: extendsLine, character: 10 }],
    [uri(chainSet), { line: chainExtends, character: 10 }],
  ];
  const completeAt = [
    [uri(d5), { line: lines.length - 1, character: 2 }],
    [uri(d5), { line: grantLine, character: lines[grantLine].length }],
  ];
  const time = async (method, at) => {
    const samples = [];
    for (let i = 0; i < REQUESTS; i++) {
      const [u, position] = at[i % at.length];
      const t = performance.now();
      const r = await server.connection.sendRequest(method, { textDocument: { uri: u }, position });
      samples.push(performance.now() - t);
      if (i < at.length && !r) throw new Error(`${method} returned nothing at ${JSON.stringify(position)}`);
    }
    return samples;
  };
  await time('textDocument/hover', hoverAt); // warm up
  const hover = await time('textDocument/hover', hoverAt);
  const completion = await time('textDocument/completion', completeAt);
  const definition = await time('textDocument/definition', hoverAt);
  const references = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    await server.connection.sendRequest('textDocument/references', {
      textDocument: { uri: uri(d5) },
      position: { line: extendsLine, character: 10 },
      context: { includeDeclaration: true },
    });
    references.push(performance.now() - t);
  }
  return { hover, completion, definition, references };
}

const fmt = (ms) => `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;
console.log(
  `permset language server benchmark — node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`,
);
console.log(
  `workspace: ${files.length} policy files (one base set with 500 descendants), ${EDITS} edits, ${REQUESTS} requests per kind\n`,
);

const fast = await session(0);
const keys = percentiles(await keystrokes(fast.server, EDITS, 0));
const keysPaced = percentiles(await keystrokes(fast.server, EDITS, 100));
const keysAll = percentiles(await keystrokesAllDescendants(fast.server, EDITS, 100));
const req = await requests(fast.server);
const hover = percentiles(req.hover);
const completion = percentiles(req.completion);
const definition = percentiles(req.definition);
const references = percentiles(req.references);
const rss = fast.server.peakRssMb();
const loaded = fast.server.logs.find((l) => l.includes('loaded in')) ?? '';
await fast.server.stop();

const slow = await session(150);
const keysDebounced = percentiles(await keystrokes(slow.server, Math.min(EDITS, 20), 100));
await slow.server.stop();

const rows = [
  [
    'initial diagnostics (initialize → first publish)',
    `${fmt(fast.initialMs)} (2nd run: ${fmt(slow.initialMs)})`,
    '—',
    '< 2 s',
    fast.initialMs < 2000,
  ],
  [
    'keystroke → diagnostics, debounce 0 ms, edits 100 ms apart',
    fmt(keysPaced.p50),
    fmt(keysPaced.p95),
    '< 100 ms (p95)',
    keysPaced.p95 < 100,
  ],
  [
    'keystroke → diagnostics, debounce 0 ms, edits back to back',
    fmt(keys.p50),
    fmt(keys.p95),
    '< 100 ms (p95)',
    keys.p95 < 100,
  ],
  [
    'keystroke → diagnostics of all 500 descendants (each edit changes them all), 100 ms apart',
    fmt(keysAll.p50),
    fmt(keysAll.p95),
    '< 100 ms (p95)',
    keysAll.p95 < 100,
  ],
  [
    'keystroke → diagnostics, default 150 ms debounce',
    fmt(keysDebounced.p50),
    fmt(keysDebounced.p95),
    '(debounce + the above)',
    true,
  ],
  ['hover', fmt(hover.p50), fmt(hover.p95), '< 30 ms (p95)', hover.p95 < 30],
  ['completion (300 permission ids)', fmt(completion.p50), fmt(completion.p95), '< 30 ms (p95)', completion.p95 < 30],
  ['definition', fmt(definition.p50), fmt(definition.p95), '—', true],
  ['references of the popular set (252 places)', fmt(references.p50), fmt(references.p95), '—', true],
];
console.log('| measure | p50 | p95 | budget | |');
console.log('|---|---:|---:|---|---|');
for (const [what, p50, p95, budget, ok] of rows)
  console.log(`| ${what} | ${p50} | ${p95} | ${budget} | ${budget === '—' ? '' : ok ? 'met' : '**missed**'} |`);
console.log(`\nserver log: ${loaded}`);
if (rss) console.log(`server peak RSS: ${rss.toFixed(0)} MB`);
console.log(
  JSON.stringify({
    files: files.length,
    initialMs: fast.initialMs,
    keystroke: keys,
    keystrokePaced: keysPaced,
    keystrokeAllDescendants: keysAll,
    keystrokeDebounced: keysDebounced,
    hover,
    completion,
    definition,
    references,
    peakRssMb: rss,
  }),
);
