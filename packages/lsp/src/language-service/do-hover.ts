import type { Hover, Position } from 'vscode-languageserver';
import type { CompileResult } from '@permset/compiler';
import { parseCondition } from '@permset/compiler';
import { schemaAtPath } from './compiler-format.js';
import type { SymbolRef } from './classify.js';
import { classify } from './classify.js';
import { attributesOfRoot, conditionCursor, envOf, pathAt } from './condition-at.js';
import {
  describeFragment,
  describeGuard,
  describePattern,
  describePermission,
  describeResourceType,
  describeScope,
  describeSeat,
  describeSet,
} from './describe.js';
import { offsetAt, ownerOf, rangeOf, type DocumentContext } from './document-context.js';
import { code } from './markdown.js';
import { locate, nodeAt, shapeOf } from './yaml-location.js';

/**
 * Hover at a position: a permission's label, description, area, scopes, `requires` and the sets
 * granting it; a set's effective permissions; a fragment, scope, seat, resource type or guard;
 * a condition attribute's type; a key's schema description. Reads the last compilation (names,
 * grants) and the current text (positions), so it answers at once while the user types.
 */
export function doHover(ctx: DocumentContext, position: Position): Hover | null {
  const offset = offsetAt(ctx, position);
  const loc = locate(ctx.loaded.documents, offset);
  if (!loc || loc.node.kind !== 'scalar') return null;
  const result = ctx.ws.lastCompiled();
  const c = classify(loc.kind, loc.path, loc.onKey, loc.node);
  let value: string | undefined;
  let span = loc.node.span;
  if (c?.type === 'symbol')
    value = describeSymbol(
      result,
      c,
      loc.kind === 'PermissionSet' && loc.path[0] === 'grants' ? ownerOf(loc.document.root) : undefined,
    );
  else if (c?.type === 'condition') {
    const cursor = conditionCursor(ctx.text, c, offset);
    const path = pathAt(parseCondition(cursor.text).ast, cursor.index);
    if (path) {
      const env = envOf(result.resolved.catalog, c);
      const attrs = attributesOfRoot(env, path.root);
      const name = path.segments[0];
      const type = name !== undefined ? attrs?.get(name) : undefined;
      const owner =
        path.root === 'resource'
          ? env.resourceTypeName
            ? `resource type ${code(env.resourceTypeName)}`
            : 'any resource type'
          : `the ${path.root}`;
      value = type
        ? `${code(`${path.root}.${name}`)}: ${code(type)} — an attribute of ${owner}`
        : `${code([path.root, ...path.segments].join('.'))}: not an attribute of ${owner}`;
      span = cursor.map.spanOf(path.span);
    }
  } else if (loc.kind && (loc.onKey || (loc.path.length === 1 && loc.path[0] === 'kind'))) {
    const root = loc.document.root;
    const schema = schemaAtPath(loc.kind, loc.onKey ? loc.path : [], (depth) =>
      shapeOf(nodeAt(root, loc.path.slice(0, depth))),
    );
    if (schema?.description)
      value = `${loc.onKey ? `${code(String(loc.path[loc.path.length - 1]))} — ` : ''}${schema.description}`;
  }
  if (!value) return null;
  return { contents: { kind: 'markdown', value }, range: rangeOf(ctx, span) };
}

/** The Markdown of a name's hover. */
export function describeSymbol(result: CompileResult, ref: SymbolRef, inSet?: string): string | undefined {
  switch (ref.kind) {
    case 'permission':
      return ref.pattern ? describePattern(result, ref.name) : describePermission(result, ref.name, inSet);
    case 'set':
      return describeSet(result, ref.name);
    case 'fragment':
      return describeFragment(result, ref.name);
    case 'scope':
      return describeScope(
        result,
        ref.name,
        ref.permission && !ref.permission.includes('*') ? ref.permission : undefined,
      );
    case 'seat':
      return describeSeat(result, ref.name);
    case 'resource-type':
      return describeResourceType(result, ref.name);
    case 'guard':
      return describeGuard(result, ref.name);
  }
}
