#!/usr/bin/env node
// Validates the GitHub Action (action.yml) and every workflow file this repository holds or
// writes (`permset init`'s template) against GitHub's schemas with action-validator, so a typo in
// a key fails `npm run lint` instead of a run on GitHub. One process per file: the CLI takes one.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const workflowDirs = ['.github/workflows', 'packages/compiler/templates/common/.github/workflows'];
const files = ['action.yml'];
for (const dir of workflowDirs) {
  if (!existsSync(join(root, dir))) continue;
  for (const name of readdirSync(join(root, dir)).sort()) if (/\.ya?ml$/.test(name)) files.push(`${dir}/${name}`);
}
const validator = join(root, 'node_modules/@action-validator/cli/cli.mjs');
let failed = 0;
for (const file of files) {
  const r = spawnSync(process.execPath, [validator, file], { cwd: root, encoding: 'utf8' });
  if (r.status === 0) continue;
  failed++;
  console.error(
    `${relative(root, join(root, file))}: not a valid GitHub ${file === 'action.yml' ? 'action' : 'workflow'}\n${r.stdout}${r.stderr}`,
  );
}
if (failed > 0) process.exit(1);
console.log(`action-validator: ${files.length} files valid (${files.join(', ')})`);
