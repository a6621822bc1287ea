import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The bundled run time of custom-sets.js (scripts/bundle-custom-sets.mjs), which the builder
 * view's page embeds so the builder checks each change with the compiler's rules. Read once;
 * `undefined` when this installation has none (then the builder is checked on save only).
 *
 * Where it is: next to this code in the VS Code extension's bundle (its esbuild.mjs writes
 * dist/custom-sets-runtime.js beside dist/server.js), else in the compiler package's dist/
 * (`npm run build` writes it there), which the language server depends on.
 */
export function findCustomSetsRuntime(): string | undefined {
  if (cached !== undefined) return cached ?? undefined;
  for (const file of candidates()) {
    try {
      return (cached = readFileSync(file, 'utf8'));
    } catch {
      // not in this place; try the next
    }
  }
  cached = null;
  return undefined;
}

let cached: string | null | undefined;

function candidates(): string[] {
  const here = fileURLToPath(import.meta.url);
  const list = [join(dirname(here), 'custom-sets-runtime.js')];
  try {
    list.push(
      join(dirname(createRequire(here).resolve('@permset/compiler/package.json')), 'dist', 'custom-sets-runtime.js'),
    );
  } catch {
    // no compiler package to resolve (the extension's bundle carries everything)
  }
  return list;
}
