import type { DocumentSymbol, SymbolInformation, WorkspaceSymbol } from 'vscode-languageserver';
import type { Span, YEntry, YNode } from '@permset/compiler';
import { entryOf } from '@permset/compiler';
import type { SymbolKind as RefKind } from './classify.js';
import { ownerOf, rangeIn, rangeOf, type DocumentContext } from './document-context.js';
import type { PolicyWorkspace } from './policy-workspace.js';
import { allDeclarations } from './symbol-index.js';
import { kindOf } from './yaml-location.js';

// LSP SymbolKind values.
const S = {
  Module: 2,
  Namespace: 3,
  Class: 5,
  Method: 6,
  Property: 7,
  Field: 8,
  Enum: 10,
  Interface: 11,
  Constant: 14,
  Key: 20,
  EnumMember: 22,
  Struct: 23,
  Event: 24,
} as const;

const KIND_OF_REF: Record<RefKind, number> = {
  set: S.Class,
  fragment: S.Module,
  permission: S.Field,
  scope: S.EnumMember,
  seat: S.Enum,
  'resource-type': S.Struct,
  guard: S.Interface,
};

/**
 * The outline of a policy file: one symbol per document (`PermissionSet manager`), with its
 * grants, the catalog's areas and permissions, scopes, seats and resource types, a guard's
 * patterns, a test suite's cases.
 */
export function documentSymbols(ctx: DocumentContext): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  for (const doc of ctx.loaded.documents) {
    const root = doc.root;
    if (!root || root.kind !== 'map') continue;
    const kind = kindOf(root);
    const kindEntry = entryOf(root, 'kind');
    if (!kind || !kindEntry) continue;
    const id = ownerOf(root) ?? str(entryOf(root, 'name')?.value);
    const idNode = entryOf(root, 'id')?.value ?? entryOf(root, 'name')?.value;
    const children: DocumentSymbol[] = [];
    const add = (list: DocumentSymbol[], e: YEntry, k: number, detail?: string, kids?: DocumentSymbol[]) =>
      list.push(symbol(ctx, e.name, k, entrySpan(e), e.key.span, detail, kids));
    for (const e of entries(entryOf(root, 'grants')?.value)) add(children, e, S.Property, grantWords(e.value));
    if (kind === 'Catalog') {
      for (const group of ['resources', 'scopes', 'seats'] as const) {
        const list: DocumentSymbol[] = [];
        for (const e of entries(entryOf(root, group)?.value))
          add(
            list,
            e,
            group === 'resources' ? S.Struct : group === 'scopes' ? S.EnumMember : S.Enum,
            str(entryOf(e.value, 'label')?.value),
          );
        const g = entryOf(root, group);
        if (g) add(children, g, S.Namespace, undefined, list);
      }
      const areas: DocumentSymbol[] = [];
      for (const a of entries(entryOf(root, 'areas')?.value)) {
        const perms: DocumentSymbol[] = [];
        for (const p of entries(entryOf(a.value, 'permissions')?.value))
          add(perms, p, S.Field, str(entryOf(p.value, 'label')?.value));
        add(areas, a, S.Namespace, str(entryOf(a.value, 'label')?.value), perms);
      }
      const g = entryOf(root, 'areas');
      if (g) add(children, g, S.Namespace, undefined, areas);
    }
    if (kind === 'Guard') {
      for (const key of ['never', 'exclusive'] as const) {
        const e = entryOf(root, key);
        if (e?.value.kind === 'seq')
          for (const item of e.value.items)
            if (item.kind === 'scalar')
              children.push(symbol(ctx, String(item.value), S.Constant, item.span, item.span, key));
      }
    }
    if (kind === 'TestSuite') {
      const cases = entryOf(root, 'cases')?.value;
      if (cases?.kind === 'seq') {
        cases.items.forEach((c, i) => {
          const name = str(entryOf(c, 'name')?.value) ?? str(entryOf(c, 'permission')?.value) ?? `case ${i + 1}`;
          children.push(symbol(ctx, name, S.Event, c.span, c.span, str(entryOf(c, 'expect')?.value)));
        });
      }
    }
    for (const key of ['extends', 'include'] as const) {
      const e = entryOf(root, key);
      if (e && kind === 'PermissionSet')
        children.unshift(symbol(ctx, `${key} ${describe(e.value)}`, S.Key, entrySpan(e), e.key.span));
    }
    const selection = idNode && idNode.span[0] !== idNode.span[1] ? idNode.span : kindEntry.key.span;
    out.push(
      symbol(
        ctx,
        id ?? kind,
        kind === 'PermissionSet'
          ? S.Class
          : kind === 'Fragment'
            ? S.Module
            : kind === 'Guard'
              ? S.Interface
              : kind === 'TestSuite'
                ? S.Method
                : S.Namespace,
        doc.span,
        selection,
        kind,
        children,
      ),
    );
  }
  return out;
}

/** Workspace symbols: every declared set, fragment, guard, permission, scope, seat and resource type matching the query. */
export function workspaceSymbols(
  workspaces: readonly PolicyWorkspace[],
  query: string,
  limit = 1000,
): WorkspaceSymbol[] {
  const q = query.toLowerCase();
  const out: SymbolInformation[] = [];
  for (const ws of workspaces) {
    const result = ws.lastCompiled();
    for (const d of allDeclarations(ws)) {
      if (!fuzzy(d.ref.name.toLowerCase(), q)) continue;
      out.push({
        name: d.ref.name,
        kind: KIND_OF_REF[d.ref.kind] as SymbolInformation['kind'],
        location: { uri: d.uri, range: rangeIn(ws, result, d.uri, d.ref.span) },
        containerName: d.ref.kind,
      });
      if (out.length >= limit) return out;
    }
  }
  return out;
}

/** Whether every character of the query appears in order in the name. */
function fuzzy(name: string, query: string): boolean {
  let i = 0;
  for (const ch of name) if (i < query.length && ch === query[i]) i++;
  return i === query.length;
}

function symbol(
  ctx: DocumentContext,
  name: string,
  kind: number,
  span: Span,
  selection: Span,
  detail?: string,
  children?: DocumentSymbol[],
): DocumentSymbol {
  const range = rangeOf(ctx, span);
  let sel = rangeOf(ctx, selection);
  // The selection must lie inside the range.
  if (selection[0] < span[0] || selection[1] > span[1]) sel = range;
  const s: DocumentSymbol = {
    name: name === '' ? '(empty)' : name,
    kind: kind as DocumentSymbol['kind'],
    range,
    selectionRange: sel,
  };
  if (detail) s.detail = detail;
  if (children && children.length) s.children = children;
  return s;
}

function entries(node: YNode | undefined): YEntry[] {
  return node?.kind === 'map' ? node.entries : [];
}

function entrySpan(e: YEntry): Span {
  return [e.key.span[0], Math.max(e.key.span[1], e.value.span[1])];
}

function str(node: YNode | undefined): string | undefined {
  return node?.kind === 'scalar' && node.value !== null ? String(node.value) : undefined;
}

function describe(node: YNode): string {
  if (node.kind === 'scalar') return String(node.value ?? '');
  if (node.kind === 'seq') return node.items.map(describe).join(', ');
  return '{…}';
}

function grantWords(node: YNode): string {
  if (node.kind === 'scalar') return String(node.value ?? '');
  if (node.kind === 'seq')
    return node.items
      .map((i) => (i.kind === 'map' ? (str(entryOf(i, 'scope')?.value) ?? '{…}') : describe(i)))
      .join(', ');
  return `${str(entryOf(node, 'scope')?.value) ?? describe(entryOf(node, 'scope')?.value ?? node)} (when …)`;
}
