#!/usr/bin/env node
// `npm run package:vscode [-- --out DIR]` (from the repository root): packages the extension as a
// .vsix (vsce, through this package's `package` script) into DIR, a folder relative to where npm
// was run (default: packages/vscode-extension/). The folder is created if needed.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const extension = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { out: { type: 'string' } } });
const args = ['run', 'package'];
if (values.out !== undefined) {
  const out = resolve(process.env.INIT_CWD ?? process.cwd(), values.out);
  mkdirSync(out, { recursive: true });
  args.push('--', '--out', out);
}
execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', args, { cwd: extension, stdio: 'inherit' });
