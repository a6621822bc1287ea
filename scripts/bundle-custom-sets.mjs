#!/usr/bin/env node
// Bundles the run-time part of custom-sets.js (packages/compiler/src/custom-sets/runtime-entry.ts
// and the compiler stages it runs: validate, entities, resolve, check) into one script, which
// `permset build` embeds in every custom-sets.js. The code is TypeScript, type-checked and tested
// like the rest; this only turns it into text. Run by `npm run build` after tsc. The VS Code
// extension's esbuild.mjs writes the same script next to its bundled language server (whose
// builder view embeds it): both take their options from here.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The esbuild options of the run time, written to `outfile`.
 * @param {string} outfile
 * @returns {import('esbuild').BuildOptions}
 */
export function customSetsRuntimeOptions(outfile) {
  return {
    entryPoints: [join(root, 'packages/compiler/src/custom-sets/runtime-entry.ts')],
    outfile,
    bundle: true,
    format: 'iife',
    globalName: 'PERMSET_CUSTOM_SETS',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'warning',
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await build(customSetsRuntimeOptions(join(root, 'packages/compiler/dist/custom-sets-runtime.js')));
}
