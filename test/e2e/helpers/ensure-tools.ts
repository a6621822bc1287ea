import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

let updated = false;

/**
 * Makes sure a program from Debian's packages is installed, installing it with apt-get if not.
 * End-to-end tests call this in `beforeAll`, so `npm test` works on a fresh machine with nothing
 * but Node (CI runs as root; the machine reaches Debian's mirrors). Returns the program's path.
 */
export function ensureAptTool(binary: string, packages: string[], timeoutMs = 600_000): string {
  const found = which(binary);
  if (found) return found;
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!updated) {
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env, timeout: timeoutMs });
    updated = true;
  }
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], {
    stdio: 'inherit',
    env,
    timeout: timeoutMs,
  });
  const installed = which(binary);
  if (!installed) throw new Error(`apt-get installed ${packages.join(' ')} but '${binary}' is still not on PATH`);
  return installed;
}

/** The full path of a program on PATH (or an absolute path that exists), if any. */
export function which(binary: string): string | undefined {
  if (binary.startsWith('/')) return existsSync(binary) ? binary : undefined;
  const r = spawnSync('sh', ['-c', `command -v ${JSON.stringify(binary)}`], { encoding: 'utf8' });
  const path = r.stdout.trim();
  return r.status === 0 && path ? path : undefined;
}
