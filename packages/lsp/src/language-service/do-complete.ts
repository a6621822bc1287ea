import type { CompletionItem, CompletionList, Position, TextEdit } from 'vscode-languageserver';
import type { CompileResult, Kind, Span, YNode, YScalar } from '@permset/compiler';
import { KINDS, SourceFile, patternMatcher } from '@permset/compiler';
import { classify, type ConditionRef, type SymbolRef } from './classify.js';
import { declaredKeys, propertySchema, schemaAtPath } from './compiler-format.js';
import { completionSite, existingKeys, type CompletionSite } from './completion-site.js';
import { attributesOfRoot, conditionCursor, envOf } from './condition-at.js';
import { offsetAt, ownerOf, rangeOf, type DocumentContext } from './document-context.js';
import { locate, nodeAt, shapeOf } from './yaml-location.js';

// LSP CompletionItemKind values (numbers, so this module needs no runtime import of the protocol).
const ItemKind = {
  Property: 10,
  Value: 12,
  Enum: 13,
  Keyword: 14,
  Reference: 18,
  Field: 5,
  Variable: 6,
  Constant: 21,
  Module: 9,
  Class: 7,
} as const;

/** Makes the edit that puts a completion's text in place of the word at the cursor. */
type EditOf = (text: string) => TextEdit;

/**
 * Completion at a position: the schema's keys where a key goes; permission ids (with labels,
 * only those the set's seat allows) as grant keys; the scopes a permission allows as its value;
 * set and fragment ids for `extends`/`include`; seats, scopes and resource types where those go;
 * attribute paths and keywords inside conditions; enum values from the schema.
 */
export function doComplete(ctx: DocumentContext, position: Position): CompletionList {
  const offset = offsetAt(ctx, position);
  const result = ctx.ws.lastCompiled();
  const items = conditionItems(ctx, result, offset) ?? siteItems(ctx, result, offset);
  return { isIncomplete: false, items };
}

/**
 * Completion in a YAML file of the policy folder that is not a policy file yet (a new file):
 * `kind: …` for each kind where the first top-level key goes, and the kinds as the value of a
 * `kind:` being typed. A YAML file that already has other keys (a CI workflow, a manifest) is
 * not a policy file in the making and gets nothing.
 */
export function kindCompletions(text: string, position: Position): CompletionItem[] {
  const source = new SourceFile('', text);
  const site = completionSite(text, source.offsetAt(position));
  if (!site || site.path.length !== 1) return [];
  const range = source.rangeOf(site.replace);
  const lead = site.lead;
  if (!site.onKey)
    return site.path[0] === 'kind'
      ? KINDS.map((k) => ({ label: k, kind: ItemKind.Class, textEdit: { range, newText: lead + k } }))
      : [];
  if ((site.parent?.entries.length ?? 0) > 1) return [];
  return KINDS.map((k, i) => ({
    label: `kind: ${k}`,
    kind: ItemKind.Class,
    sortText: String(i),
    filterText: `kind ${k}`,
    textEdit: { range, newText: `kind: ${k}\n` },
  }));
}

/** Inside an existing condition: attributes after `root.`, else roots and keywords. */
function conditionItems(ctx: DocumentContext, result: CompileResult, offset: number): CompletionItem[] | undefined {
  const loc = locate(ctx.loaded.documents, offset);
  if (!loc || loc.node.kind !== 'scalar' || loc.onKey) return undefined;
  const c = classify(loc.kind, loc.path, false, loc.node);
  if (c?.type !== 'condition' || loc.node.span[0] === loc.node.span[1]) return undefined;
  return conditionCompletions(ctx, result, c, offset);
}

function conditionCompletions(
  ctx: DocumentContext,
  result: CompileResult,
  ref: ConditionRef,
  offset: number,
  at?: Span,
): CompletionItem[] {
  const env = envOf(result.resolved.catalog, ref);
  let before = '';
  let after = '';
  let spanOf = (s: Span): Span => s;
  if (!at) {
    const cursor = conditionCursor(ctx.text, ref, offset);
    before = cursor.text.slice(0, cursor.index);
    after = cursor.text.slice(cursor.index);
    spanOf = (s) => cursor.map.spanOf(s);
  }
  const tail = /[A-Za-z0-9_]*/.exec(after)![0].length;
  const index = before.length;
  const member = /([A-Za-z_][A-Za-z0-9_]*)\.([A-Za-z0-9_]*)$/.exec(before);
  if (member) {
    const attrs = attributesOfRoot(env, member[1]!);
    if (!attrs) return [];
    const range = rangeOf(ctx, at ?? spanOf([index - member[2]!.length, index + tail]));
    return [...attrs].map(([name, type]) => ({
      label: name,
      kind: ItemKind.Field,
      detail: type,
      textEdit: { range, newText: name },
    }));
  }
  const word = /[A-Za-z_][A-Za-z0-9_]*$/.exec(before)?.[0] ?? '';
  const range = rangeOf(ctx, at ?? spanOf([index - word.length, index + tail]));
  const roots = ['subject', 'resource', 'context'].filter((r) => attributesOfRoot(env, r));
  const keywords = ['and', 'or', 'not', 'in', 'has', 'true', 'false'];
  return [
    ...roots.map((r) => ({
      label: r,
      kind: ItemKind.Variable,
      detail: r === 'resource' && env.resourceTypeName ? `resource type ${env.resourceTypeName}` : `${r} attributes`,
      textEdit: { range, newText: r },
    })),
    ...keywords.map((k) => ({
      label: k,
      kind: ItemKind.Keyword,
      textEdit: { range, newText: k === 'has' ? 'has(' : k },
    })),
  ];
}

function siteItems(ctx: DocumentContext, result: CompileResult, offset: number): CompletionItem[] {
  const site = completionSite(ctx.text, offset);
  if (!site) return [];
  const range = rangeOf(ctx, site.replace);
  const edit: EditOf = (text) => ({ range, newText: site.lead + text });
  // The document the cursor is in, as parsed with the placeholder: the loaded tree's document
  // span can end before a trailing empty line, which is where a new grant is most often typed.
  const root =
    site.chain[0] ?? ctx.loaded.documents.find((d) => d.span[0] <= offset && offset <= d.span[1])?.root ?? null;
  // Any non-empty name: classification depends on where the node is, not on what it says.
  const fake: YScalar = { kind: 'scalar', value: '_', style: 'plain', span: site.replace };
  const c = classify(site.kind, site.path, site.onKey, fake);

  if (site.onKey) {
    if (c?.type === 'symbol' && c.kind === 'permission') return permissionItems(result, site, root, edit, true);
    if (!site.kind)
      return site.path.length === 1
        ? [{ label: 'kind', kind: ItemKind.Property, detail: 'The document kind', textEdit: edit('kind: ') }]
        : [];
    return keyItems(site.kind, site.path.slice(0, -1), site, edit);
  }
  if (c?.type === 'condition') return conditionCompletions(ctx, result, c, offset, site.replace);
  if (c?.type === 'symbol') return symbolItems(result, c, site, root, edit);
  if (site.path.length === 1 && site.path[0] === 'kind')
    return KINDS.map((k) => ({ label: k, kind: ItemKind.Class, textEdit: edit(k) }));
  if (!site.kind) return [];
  const schema = schemaAtPath(site.kind, site.path, (d) => (d < site.path.length ? shapeAt(site, d) : 'scalar'));
  if (!schema) return [];
  // A scalar typed where a mapping goes (a new list item of mappings): its keys.
  if (schema.schema['type'] === 'object')
    return keyItems(site.kind, site.path, { ...site, needsColon: true, parent: undefined }, edit);
  const values = enumValues(schema.schema);
  return values.map((v) => ({ label: v, kind: ItemKind.Enum, textEdit: edit(v) }));
}

/** The schema's keys for the mapping at `mapPath`, minus those it already has. */
function keyItems(
  kind: Kind,
  mapPath: readonly (string | number)[],
  site: CompletionSite,
  edit: EditOf,
): CompletionItem[] {
  const schema = schemaAtPath(kind, mapPath, (d) => shapeAt(site, d) ?? 'map');
  if (!schema) return [];
  const have = existingKeys(site);
  return declaredKeys(schema.schema)
    .filter((k) => !have.has(k))
    .map((k, i) => {
      const doc = propertySchema(schema.schema, k)?.description;
      const item: CompletionItem = {
        label: k,
        kind: ItemKind.Property,
        sortText: String(i).padStart(3, '0'),
        textEdit: edit(site.needsColon ? `${k}: ` : k),
      };
      if (doc) item.documentation = { kind: 'markdown', value: doc };
      return item;
    });
}

function symbolItems(
  result: CompileResult,
  ref: SymbolRef,
  site: CompletionSite,
  root: YNode | null,
  edit: EditOf,
): CompletionItem[] {
  const { project, catalog } = result.resolved;
  const self = ownerOf(root);
  switch (ref.kind) {
    case 'permission':
      return permissionItems(result, site, root, edit, false);
    case 'set':
      return [...project.sets.values()]
        .filter((s) => s.id.value !== self)
        .map((s) =>
          item(
            s.id.value,
            ItemKind.Reference,
            s.name?.value,
            [
              s.seat ? `seat ${s.seat.value}` : undefined,
              s.extends ? `extends ${s.extends.value}` : undefined,
              s.description,
            ]
              .filter(Boolean)
              .join(' · '),
            edit,
          ),
        );
    case 'fragment': {
      const included = new Set(
        (nodeAt(root, ['include'])?.kind === 'seq'
          ? (nodeAt(root, ['include']) as { items: { kind: string; value?: unknown }[] }).items
          : []
        ).map((i) => String(i.value)),
      );
      return [...project.fragments.values()]
        .filter((f) => !included.has(f.id.value))
        .map((f) => item(f.id.value, ItemKind.Module, 'fragment', f.description, edit));
    }
    case 'seat':
      return [...(catalog.def?.seats.values() ?? [])].map((s) =>
        item(s.name, ItemKind.Enum, s.label, s.description, edit),
      );
    case 'resource-type':
      return [...(catalog.def?.resources.values() ?? [])].map((r) =>
        item(r.name, ItemKind.Class, r.label, r.description, edit),
      );
    case 'scope': {
      const permission = ref.permission;
      let scopes = [...(catalog.def?.scopes.keys() ?? [])];
      // In the catalog a permission's `scopes` declare what it allows: every scope goes there.
      if (permission !== undefined && site.kind !== 'Catalog') {
        const targets = permission.split('.').includes('*') ? catalog.matches(permission) : [permission];
        const allowed = new Set(targets.flatMap((p) => catalog.permission(p)?.scopes.map((s) => s.value) ?? []));
        if (catalog.permission(permission) || targets.length > 0) scopes = scopes.filter((s) => allowed.has(s));
      }
      const items = scopes.map((s) => {
        const def = catalog.scope(s)!;
        const perScope = permission ? catalog.permission(permission)?.scopeLabels.get(s)?.value : undefined;
        return item(
          s,
          ItemKind.Value,
          perScope ?? def.label,
          def.when ? `when ${def.when.text.trim()}` : 'always holds',
          edit,
        );
      });
      // `none` removes an inherited grant: only as a whole grant value.
      if (site.path.length === 2 && site.path[0] === 'grants')
        items.push(item('none', ItemKind.Keyword, 'remove the inherited grant', undefined, edit));
      return items;
    }
    case 'guard':
      return [];
  }
}

/**
 * Permission ids (and area wildcards) in catalog order. In a set, only what its seat allows; as a
 * grant key, not those the mapping already grants.
 */
function permissionItems(
  result: CompileResult,
  site: CompletionSite,
  root: YNode | null,
  edit: EditOf,
  asKey: boolean,
): CompletionItem[] {
  const { catalog, resolution } = result.resolved;
  let allowed: ((id: string) => boolean) | undefined;
  if (site.kind === 'PermissionSet') {
    const own = nodeAt(root, ['seat']);
    const seatName =
      resolution.sets.get(ownerOf(root) ?? '')?.seat ??
      (own?.kind === 'scalar' && typeof own.value === 'string' ? own.value : undefined);
    const seat = seatName ? catalog.def?.seats.get(seatName) : undefined;
    if (seat?.allows) {
      const matchers = seat.allows.map((a) => patternMatcher(a.value));
      allowed = (id) => matchers.some((m) => m(id));
    }
  }
  const have = asKey ? existingKeys(site) : new Set<string>();
  const colon = asKey && site.needsColon ? ': ' : '';
  const items: CompletionItem[] = [];
  let i = 0;
  const prefixes = new Map<string, number>();
  for (const id of catalog.permissionIds()) {
    if (allowed && !allowed(id)) continue;
    const area = id.split('.')[0]!;
    prefixes.set(area, (prefixes.get(area) ?? 0) + 1);
    if (have.has(id)) continue;
    const p = catalog.permission(id)!;
    const doc = [
      p.description,
      `Scopes: ${p.scopes.map((s) => s.value).join(', ')}`,
      p.requires.length ? `Requires: ${p.requires.map((r) => r.value).join(', ')}` : undefined,
    ]
      .filter(Boolean)
      .join('\n\n');
    items.push({
      label: id,
      kind: ItemKind.Field,
      detail: p.label,
      documentation: { kind: 'markdown', value: doc },
      sortText: `a${String(i++).padStart(5, '0')}`,
      textEdit: edit(id + colon),
    });
  }
  for (const [area, count] of prefixes) {
    const pattern = `${area}.*`;
    if (count < 2 || have.has(pattern)) continue;
    const text = site.quoted ? pattern : `"${pattern}"`;
    items.push({
      label: pattern,
      kind: ItemKind.Constant,
      detail: `every ${area} permission (${count})`,
      sortText: `b${area}`,
      filterText: pattern,
      textEdit: edit(text + colon),
    });
  }
  return items;
}

function item(
  label: string,
  kind: number,
  detail: string | undefined,
  documentation: string | undefined,
  edit: EditOf,
): CompletionItem {
  const out: CompletionItem = { label, kind: kind as CompletionItem['kind'], textEdit: edit(label) };
  if (detail) out.detail = detail;
  if (documentation) out.documentation = { kind: 'markdown', value: documentation };
  return out;
}

function enumValues(schema: Record<string, unknown>): string[] {
  if (Array.isArray(schema['enum'])) return (schema['enum'] as unknown[]).map(String);
  if (schema['const'] !== undefined) return [String(schema['const'])];
  if (schema['type'] === 'boolean') return ['true', 'false'];
  return [];
}

/** The shape of the value at depth `d` of the site's path (in the placeholder text). */
function shapeAt(site: CompletionSite, d: number): 'map' | 'seq' | 'scalar' | undefined {
  return shapeOf(nodeAt(site.chain[0] ?? null, site.path.slice(0, d)));
}
