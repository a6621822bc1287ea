import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from '../../helpers/cli.js';

/** The extension's folder. */
export const EXTENSION_DIR = join(REPO, 'packages', 'vscode-extension');

/**
 * Packages the extension with its `npm run package` script (vsce, which runs the production
 * esbuild build first), writing the .vsix to `out` instead of the package folder so a test run
 * leaves the working tree as it was (dist/ is gitignored). Returns the .vsix and what vsce printed.
 */
export function packageExtension(out: string): { vsix: string; output: string } {
  const r = spawnSync('npm', ['run', 'package', '--', '--out', out], {
    cwd: EXTENSION_DIR,
    encoding: 'utf8',
    timeout: 180_000,
  });
  const output = `${r.stdout}\n${r.stderr}`;
  if (r.status !== 0 || !existsSync(out)) throw new Error(`vsce package failed (${r.status ?? r.signal}):\n${output}`);
  return { vsix: out, output };
}
