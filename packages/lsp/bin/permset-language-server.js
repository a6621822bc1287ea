#!/usr/bin/env node
// The `permset-language-server` command. This small file is committed, unlike the compiled
// server in dist/, so the bin exists when npm installs the workspace: npm 11 links a workspace's
// bin only if its file is there at install time, and `npm run build` writes dist/ later. It runs
// the esbuild bundle (scripts/bundle.mjs), one file instead of hundreds of modules, with a V8
// code cache (`loadBundle` of @permset/compiler).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const server = fileURLToPath(new URL('../dist/bundle/permset-language-server.cjs', import.meta.url));
if (!existsSync(server)) {
  process.stderr.write(
    'permset-language-server: the server is not built yet. Run `npm run build` in the permset repository first.\n',
  );
  process.exit(2);
}
const args = process.argv.slice(2);
const { loadBundle } = await import('@permset/compiler/run-bundle');
// Only a server run (not `--version` or `--help`) compiles enough of the bundle to be worth caching.
const bundle = loadBundle(server, { writeCache: args.some((a) => /^--(stdio|node-ipc|socket=|pipe=)/.test(a)) });
// Written once the first diagnostics are out (not only at exit: editors may kill the server).
bundle.exports.runMain(args, { afterFirstCheck: bundle.saveCache });
