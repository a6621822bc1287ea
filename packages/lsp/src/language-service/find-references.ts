import type { Location, Position } from 'vscode-languageserver';
import { classify, type SymbolRef } from './classify.js';
import { innerSpan, offsetAt, rangeIn, type DocumentContext } from './document-context.js';
import { occurrencesOf } from './symbol-index.js';
import { locate } from './yaml-location.js';

/** The name (a symbol, not a condition) at a position. */
export function symbolAt(ctx: DocumentContext, position: Position): SymbolRef | undefined {
  const loc = locate(ctx.loaded.documents, offsetAt(ctx, position));
  if (!loc || loc.node.kind !== 'scalar') return undefined;
  const c = classify(loc.kind, loc.path, loc.onKey, loc.node);
  return c?.type === 'symbol' ? c : undefined;
}

/**
 * Find references: every place the workspace writes a permission, set, fragment, scope, seat or
 * resource type — grants, `extends`, `include`, `requires`, seats' `allows`, guards and tests.
 * A permission's references include the wildcard patterns that match it.
 */
export function findReferences(ctx: DocumentContext, position: Position, includeDeclaration: boolean): Location[] {
  const ref = symbolAt(ctx, position);
  if (!ref) return [];
  const result = ctx.ws.lastCompiled();
  // On a pattern, the references of the pattern text itself.
  const found = occurrencesOf(ctx.ws, ref.kind, ref.name, ref.kind === 'permission' && !ref.pattern);
  return found
    .filter((o) => includeDeclaration || !o.ref.declaration)
    .map((o) => ({
      uri: o.uri,
      range: rangeIn(ctx.ws, result, o.uri, innerSpan(ctx.ws.sourceFile(o.uri)?.text ?? '', o.ref.span)),
    }));
}
