import type { Position, Range, TextEdit } from 'vscode-languageserver';
import { schemaRegistry } from '@permset/compiler';
import type { SymbolKind, SymbolRef } from './classify.js';
import { innerSpan, rangeIn, rangeOf, type DocumentContext } from './document-context.js';
import { symbolAt } from './find-references.js';
import { declarationsOf, occurrencesOf } from './symbol-index.js';
import { baseName } from './uri.js';

/** The schema definition that says what a valid name of each kind is. */
const NAME_DEFS: Partial<Record<SymbolKind, string>> = {
  set: 'setId',
  fragment: 'fragmentId',
  permission: 'permissionId',
  scope: 'scopeName',
  seat: 'name',
  'resource-type': 'name',
};

const WORDS: Record<SymbolKind, string> = {
  set: 'permission set',
  fragment: 'fragment',
  permission: 'permission',
  scope: 'scope',
  seat: 'seat',
  'resource-type': 'resource type',
  guard: 'guard',
};

/** What can be renamed at a position: its range (without quotes) and current name. */
export function prepareRename(ctx: DocumentContext, position: Position): { range: Range; placeholder: string } | null {
  const ref = symbolAt(ctx, position);
  if (!ref || !renamable(ref)) return null;
  return { range: rangeOf(ctx, innerSpan(ctx.text, ref.span)), placeholder: ref.name };
}

/** A rename's edits by file, or why the new name is refused. */
export type RenameResult = { changes: Map<string, TextEdit[]> } | { error: string };

/**
 * Renames a set, fragment, permission, scope, seat or resource type across the workspace: its
 * declaration and every reference (never a wildcard pattern, which is not the name). The new
 * name must be valid for its kind (the schema's pattern for ids) and not taken.
 */
export function doRename(ctx: DocumentContext, position: Position, newName: string): RenameResult {
  const ref = symbolAt(ctx, position);
  if (!ref || !renamable(ref))
    return { error: 'Only a permission set, fragment, permission, scope, seat or resource type can be renamed here.' };
  const problem = validateName(ctx, ref.kind, newName);
  if (problem) return { error: problem };
  const result = ctx.ws.lastCompiled();
  const changes = new Map<string, TextEdit[]>();
  if (newName === ref.name) return { changes };
  for (const o of occurrencesOf(ctx.ws, ref.kind, ref.name)) {
    const edits = changes.get(o.uri) ?? [];
    edits.push({
      range: rangeIn(ctx.ws, result, o.uri, innerSpan(ctx.ws.sourceFile(o.uri)?.text ?? '', o.ref.span)),
      newText: newName,
    });
    changes.set(o.uri, edits);
  }
  return { changes };
}

function renamable(ref: SymbolRef): boolean {
  return NAME_DEFS[ref.kind] !== undefined && !ref.pattern && ref.name !== '';
}

/** Why a new name cannot be used, if it cannot. */
export function validateName(ctx: DocumentContext, kind: SymbolKind, name: string): string | undefined {
  const def = NAME_DEFS[kind];
  if (!def) return `A ${WORDS[kind]} cannot be renamed.`;
  const schema = schemaRegistry().resolve({ $ref: `common.schema.json#/$defs/${def}` }).schema;
  const pattern = typeof schema['pattern'] === 'string' ? new RegExp(schema['pattern'] as string) : undefined;
  const max = typeof schema['maxLength'] === 'number' ? (schema['maxLength'] as number) : Infinity;
  if ((pattern && !pattern.test(name)) || name.length > max) {
    const description = typeof schema['description'] === 'string' ? (schema['description'] as string) : '';
    return `'${name}' is not a valid ${WORDS[kind]} name${description ? `: ${description.charAt(0).toLowerCase()}${description.slice(1)}` : '.'}`;
  }
  const taken = declarationsOf(ctx.ws, kind, name)[0];
  if (taken) {
    const line = (ctx.ws.sourceFile(taken.uri)?.positionAt(taken.ref.span[0]).line ?? 0) + 1;
    return `A ${WORDS[kind]} named '${name}' already exists (${baseName(taken.uri)}:${line}).`;
  }
  return undefined;
}
