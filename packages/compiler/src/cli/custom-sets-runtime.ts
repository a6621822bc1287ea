import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/**
 * The bundled run time of custom-sets.js (scripts/bundle-custom-sets.mjs writes it next to the
 * compiled compiler, at dist/custom-sets-runtime.js), read once. The emit stage takes it as
 * input because it does no I/O. Found by walking up from this module, which is in dist/cli/,
 * in the CLI bundle's dist/bundle/chunks/, or in src/cli/ when run from source (tests).
 */
export function customSetsRuntime(): string {
  if (cached !== undefined) return cached;
  let dir = new URL('./', import.meta.url);
  for (;;) {
    // Only dist/'s own copy: this module's compiled file is also named custom-sets-runtime.js.
    for (const candidate of dir.pathname.endsWith('/dist/')
      ? ['custom-sets-runtime.js']
      : ['dist/custom-sets-runtime.js']) {
      const file = fileURLToPath(new URL(candidate, dir));
      if (existsSync(file)) return (cached = readFileSync(file, 'utf8'));
    }
    const up = new URL('../', dir);
    if (up.href === dir.href)
      throw new Error('the custom sets run time (dist/custom-sets-runtime.js) is missing: run npm run build');
    dir = up;
  }
}
