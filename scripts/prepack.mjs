#!/usr/bin/env node
// `prepack` of the published packages: a clean build, so the tarball holds exactly the current
// sources' output (tsc -b never deletes the output of a source file that was moved or removed).
// Run in the package's folder by `npm pack` / `npm publish`.
import { execSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
rmSync(join(process.cwd(), 'dist'), { recursive: true, force: true });
execSync('npm run build', { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
