import { existsSync, readFileSync } from 'node:fs';

let cached: string | undefined;

/**
 * The bundled run time of custom-sets.js (scripts/bundle-custom-sets.mjs writes it next to the
 * compiled compiler, at dist/custom-sets-runtime.js), read once. The emit stage takes it as
 * input because it does no I/O.
 */
export function customSetsRuntime(): string {
  if (cached !== undefined) return cached;
  // dist/cli/ in the package; src/cli/ when run from source (tests), with the build's dist next to it.
  const built = new URL('../custom-sets-runtime.js', import.meta.url);
  const file = existsSync(built) ? built : new URL('../../dist/custom-sets-runtime.js', import.meta.url);
  return (cached = readFileSync(file, 'utf8'));
}
