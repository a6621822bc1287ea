#!/usr/bin/env node
// The `permset-language-server` command. This small file is committed, unlike the compiled
// server in dist/, so the bin exists when npm installs the workspace: npm 11 links a workspace's
// bin only if its file is there at install time, and `npm run build` writes dist/ later. It
// starts the esbuild bundle (scripts/bundle.mjs): one module to load instead of hundreds.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const server = new URL('../dist/bundle/permset-language-server.js', import.meta.url);
if (!existsSync(fileURLToPath(server))) {
  process.stderr.write('permset-language-server: the server is not built yet. Run `npm run build` in the permset repository first.\n');
  process.exit(2);
}
await import(server.href);
