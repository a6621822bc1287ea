import type { Location, Position } from 'vscode-languageserver';
import { parseCondition } from '@permset/compiler';
import { classify, type SymbolRef } from './classify.js';
import { conditionCursor, envOf, pathAt } from './condition-at.js';
import { innerSpan, offsetAt, rangeIn, type DocumentContext } from './document-context.js';
import { declarationsOf } from './symbol-index.js';
import { locate } from './yaml-location.js';

/** The most locations a pattern's definition lists. */
const MAX_TARGETS = 100;

/**
 * Go to definition: a permission id to its catalog entry (a pattern to every permission it
 * matches), a set or fragment id to its file, a scope, seat or resource type to its catalog
 * entry, and an attribute in a condition to its declaration in the catalog.
 */
export function findDefinition(ctx: DocumentContext, position: Position): Location[] {
  const offset = offsetAt(ctx, position);
  const loc = locate(ctx.loaded.documents, offset);
  if (!loc || loc.node.kind !== 'scalar') return [];
  const c = classify(loc.kind, loc.path, loc.onKey, loc.node);
  if (c?.type === 'symbol') return definitionsOf(ctx, c);
  if (c?.type !== 'condition') return [];
  const result = ctx.ws.lastCompiled();
  const cursor = conditionCursor(ctx.text, c, offset);
  const path = pathAt(parseCondition(cursor.text).ast, cursor.index);
  const name = path?.segments[0];
  const def = result.resolved.catalog.def;
  if (!path || name === undefined || !def) return [];
  const env = envOf(result.resolved.catalog, c);
  const attr =
    path.root === 'subject'
      ? def.subjectAttributes.get(name)
      : path.root === 'context'
        ? def.contextAttributes.get(name)
        : path.root === 'resource'
          ? env.resourceTypeName
            ? def.resources.get(env.resourceTypeName)?.attributes.get(name)
            : [...def.resources.values()].find((r) => r.attributes.has(name))?.attributes.get(name)
          : undefined;
  return attr ? [{ uri: def.origin.uri, range: rangeIn(ctx.ws, result, def.origin.uri, attr.span) }] : [];
}

/** Where a name is declared (every permission a pattern matches). */
export function definitionsOf(ctx: DocumentContext, ref: SymbolRef): Location[] {
  const result = ctx.ws.lastCompiled();
  const names =
    ref.kind === 'permission' && ref.pattern
      ? result.resolved.catalog.matches(ref.name).slice(0, MAX_TARGETS)
      : [ref.name];
  const out: Location[] = [];
  for (const name of names) {
    // The first declaration is the one the compiler uses (files compile in sorted order).
    const d = declarationsOf(ctx.ws, ref.kind, name)[0];
    if (d)
      out.push({
        uri: d.uri,
        range: rangeIn(ctx.ws, result, d.uri, innerSpan(ctx.ws.sourceFile(d.uri)?.text ?? '', d.ref.span)),
      });
  }
  return out;
}
