#!/usr/bin/env node
// The `permset` command. This small file is committed, unlike the compiled CLI in dist/, so the
// bin exists when npm installs the workspace: npm 11 links a workspace's bin only if its file is
// there at install time, and `npm run build` writes dist/ later. It runs the esbuild bundle
// (scripts/bundle.mjs), one file instead of hundreds of modules, with a V8 code cache
// (dist/node/run-bundle.js).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../dist/bundle/permset.cjs', import.meta.url));
const runner = new URL('../dist/node/run-bundle.js', import.meta.url);
if (!existsSync(cli) || !existsSync(fileURLToPath(runner))) {
  process.stderr.write('permset: the CLI is not built yet. Run `npm run build` in the permset repository first.\n');
  process.exit(2);
}
const args = process.argv.slice(2);
const { loadBundle } = await import(runner.href);
// `--version` and help compile little of the bundle: their runs do not write the cache.
const helpOnly = args.length === 0 || args[0] === 'help' || args.some((a) => /^(-v|--version|-h|--help)$/.test(a));
const { exports } = loadBundle(cli, { writeCache: !helpOnly });
process.exitCode = await exports.runCli(args);
