#!/usr/bin/env node
// tsc writes files without the executable bit; the packages' bins must have it so `npx permset`
// and `permset-language-server` run straight after `npm run build` on a fresh clone.
import { chmodSync, existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
for (const pkg of ['packages/compiler', 'packages/lsp']) {
  const manifest = JSON.parse(readFileSync(join(root, pkg, 'package.json'), 'utf8'));
  for (const bin of Object.values(manifest.bin ?? {})) {
    const path = join(root, pkg, bin);
    if (existsSync(path)) chmodSync(path, 0o755);
  }
}
