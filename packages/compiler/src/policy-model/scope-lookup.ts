import type { CompileResult } from '../program/index.js';
import type { ModelLocation } from './policy-model-types.js';

/** Where the catalog defines a scope (its name), or `undefined` for a scope it does not define. */
export type ScopeLookup = (scope: string) => ModelLocation | undefined;

/**
 * A {@link ScopeLookup} over a compilation. The {@link PolicyModel} carries no scope positions
 * (nothing that reads the model needs them), so a diff that points a gate at the catalog line of
 * a scope whose meaning changed asks the compilation. `fileName` names files as the model does.
 */
export function scopeLookup(result: CompileResult, fileName: (uri: string) => string = (u) => u): ScopeLookup {
  const catalog = result.resolved.catalog.def;
  return (scope) => {
    const def = catalog?.scopes.get(scope);
    if (!catalog || !def) return undefined;
    const pos = result.files.get(catalog.origin.uri)?.positionAt(def.nameSpan[0]);
    return pos ? { file: fileName(catalog.origin.uri), line: pos.line + 1, column: pos.character + 1 } : undefined;
  };
}
