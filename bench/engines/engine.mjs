// The shape every engine adapter of bench/compare-engines.mjs returns, and small shared helpers.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * A query of bench/query-stream.mjs.
 *
 * @typedef {{ subject: Record<string, unknown>, permission: string, resource: Record<string, unknown> | undefined, context: Record<string, unknown>, kind: string }} Query
 */

/**
 * An authorization engine under comparison. `prepare` turns a stream query into the engine's
 * native request once, outside the timed loop (what an application would hold anyway: for CASL
 * the user's ability, for Cedar the request and its entities); `decide` is one decision on it;
 * `run` makes `n` decisions cycling over prepared requests and returns how many allowed. Each
 * adapter has its own `run` loop so every engine's call site stays monomorphic.
 *
 * @typedef {object} Engine
 * @property {string} name the row label
 * @property {string} detail version and how it is set up, one line
 * @property {(q: Query) => boolean} [accepts] the queries it is compared and timed on (default:
 *   all); an engine that cannot express part of the semantics excludes exactly those queries
 * @property {string} [restriction] why `accepts` excludes queries
 * @property {string} [preparation] what `prepare` builds, when it is more than the query itself
 *   (its cost is then reported, outside the timed loop)
 * @property {(request: any) => boolean} [decidedWithoutEngine] whether the adapter denies a request
 *   without calling the engine (Cedar: the export's helper rejects unknown ids and wrong types)
 * @property {(q: Query) => unknown} prepare
 * @property {(request: any) => boolean} decide
 * @property {(requests: any[], n: number) => number} run
 */

/**
 * The installed version of an npm package (its package.json is not always exported).
 *
 * @param {string} name
 * @returns {string}
 */
export function packageVersion(name) {
  let dir = dirname(createRequire(import.meta.url).resolve(name));
  for (;;) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8'));
      if (pkg.name === name) return pkg.version;
    }
    const up = dirname(dir);
    if (up === dir) return 'unknown';
    dir = up;
  }
}

/**
 * Imports generated module source as an application would import a built file: written to a
 * fresh temp folder, imported, the folder removed.
 *
 * @param {string} source an ES module
 * @param {string} [name] its file name
 * @returns {Promise<any>} the module namespace
 */
export async function importSource(source, name = 'module.mjs') {
  const dir = mkdtempSync(join(tmpdir(), 'permset-engines-'));
  try {
    const file = join(dir, name);
    writeFileSync(file, source);
    return await import(/* @vite-ignore */ pathToFileURL(file).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The `run` loop every adapter copies (its own copy, so each call site sees one engine):
 * `n` decisions cycling over `requests`, returning how many allowed.
 *
 * @param {(request: any) => boolean} decide
 * @returns {(requests: any[], n: number) => number}
 */
export function loopOf(decide) {
  return (requests, n) => {
    let a = 0;
    let j = 0;
    const len = requests.length;
    for (let i = 0; i < n; i++) {
      if (decide(requests[j])) a++;
      if (++j === len) j = 0;
    }
    return a;
  };
}
