#!/usr/bin/env node
// Copies what @permset/compiler ships but this repository keeps elsewhere into the package (run by
// `npm run build`; the copies are not committed):
// - schemas/*.schema.json → packages/compiler/schemas/, exported as
//   `@permset/compiler/schemas/permission-set.schema.json` for users' YAML tools;
// - policies/ (the Productive example) → packages/compiler/templates/productive/policies/, which
//   `permset init --example productive` writes.
import { cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = join(root, 'packages/compiler');

const schemas = join(pkg, 'schemas');
rmSync(schemas, { recursive: true, force: true });
mkdirSync(schemas, { recursive: true });
for (const f of readdirSync(join(root, 'schemas')))
  if (f.endsWith('.schema.json')) cpSync(join(root, 'schemas', f), join(schemas, f));

const productive = join(pkg, 'templates/productive/policies');
rmSync(productive, { recursive: true, force: true });
// The README explains the model with commands that run inside this repository only.
cpSync(join(root, 'policies'), productive, {
  recursive: true,
  filter: (src) => src !== join(root, 'policies/README.md'),
});
