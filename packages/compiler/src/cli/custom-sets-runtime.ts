import { readFileSync } from 'node:fs';

let cached: string | undefined;

/**
 * The bundled run time of custom-sets.js (scripts/bundle-custom-sets.mjs writes it next to the
 * compiled compiler, at dist/custom-sets-runtime.js), read once. The emit stage takes it as
 * input because it does no I/O.
 */
export function customSetsRuntime(): string {
  return (cached ??= readFileSync(new URL('../custom-sets-runtime.js', import.meta.url), 'utf8'));
}
