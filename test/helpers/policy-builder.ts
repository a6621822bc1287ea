import { compile, type CompileResult } from '../../packages/compiler/src/program/index.js';

/*
 * The one place tests write policy YAML from data: a catalog, a permission set, a project held
 * in memory. Tests that pin line and column numbers read the text these builders write, so the
 * layout is fixed and documented on each function: change it and the goldens move.
 */

/** Attribute name → type (`string`, `number`, `boolean`, `string[]`, …), in the order written. */
export type AttributeTypes = Record<string, string>;

/** How attribute maps are written: one `name: type` line each, or one flow mapping. */
export type AttributeLayout = 'block' | 'flow';

/** A scope of the catalog. */
export interface ScopeSpec {
  label: string;
  when?: string;
  includes?: string[];
}

/** A seat of the catalog; `allows` lists permission ids or patterns. */
export interface SeatSpec {
  label: string;
  paid: boolean;
  allows?: string[];
}

/** A permission of an area. With `description` or `scopeLabels` it is written as a block. */
export interface PermissionSpec {
  label: string;
  description?: string;
  scopeLabels?: Record<string, string>;
  scopes: string[];
  sensitive?: boolean;
  requires?: string[];
}

/** An area of the catalog. */
export interface AreaSpec {
  label: string;
  resource?: string;
  permissions: Record<string, PermissionSpec>;
}

/** A resource type of the catalog. */
export interface ResourceSpec {
  label?: string;
  attributes: AttributeTypes;
}

/** A catalog as data; sections are written in this order (`context` left out when absent). */
export interface CatalogSpec {
  subject: AttributeTypes;
  context?: AttributeTypes;
  resources: Record<string, ResourceSpec>;
  scopes: Record<string, ScopeSpec>;
  seats: Record<string, SeatSpec>;
  areas: Record<string, AreaSpec>;
  /** Default `flow`. */
  attributeLayout?: AttributeLayout;
}

/** The keys of a permission set written before a free-form body, in this order. */
export interface SetSpec {
  name?: string;
  description?: string;
  seat?: string;
  extends?: string;
  include?: string[];
  restrict?: string;
  /** Permission id or pattern → grant value as YAML (`all`, `[own, member]`, `{ scope: all, when: … }`). */
  grants?: Record<string, string>;
}

// A plain scalar stops being one string where YAML reads an indicator: inside a flow collection
// `,[]{}` end it, `: ` and ` #` split it anywhere, and some characters may not start it.
const FLOW_UNSAFE = /[,[\]{}]|: | #|^[\s!&*|>'"%@`?#-]|\s$|^$/;
const BLOCK_UNSAFE = /: | #|^[\s!&*|>'"%@`?#[\]{},-]|\s$|^$/;

/** `text` as a YAML scalar inside a flow collection: plain when that reads back the same, else JSON-quoted. */
function flowScalar(text: string): string {
  return FLOW_UNSAFE.test(text) ? JSON.stringify(text) : text;
}

function blockScalar(text: string): string {
  return BLOCK_UNSAFE.test(text) ? JSON.stringify(text) : text;
}

function flowList(items: readonly string[]): string {
  return `[${items.map(flowScalar).join(', ')}]`;
}

/** `{ a: x, b: y }` from entries whose values are already YAML. */
function flowMap(entries: readonly [string, string | undefined][]): string {
  const written = entries.filter((e): e is [string, string] => e[1] !== undefined).map(([k, v]) => `${k}: ${v}`);
  return `{ ${written.join(', ')} }`;
}

function attributes(types: AttributeTypes, indent: string, layout: AttributeLayout): string {
  if (layout === 'flow')
    return `${indent}attributes: ${flowMap(Object.entries(types).map(([n, t]) => [n, flowScalar(t)]))}\n`;
  const lines = Object.entries(types).map(([n, t]) => `${indent}  ${n}: ${blockScalar(t)}\n`);
  return `${indent}attributes:\n${lines.join('')}`;
}

function permission(id: string, p: PermissionSpec): string {
  const tail: [string, string | undefined][] = [
    ['scopes', flowList(p.scopes)],
    ['sensitive', p.sensitive === undefined ? undefined : String(p.sensitive)],
    ['requires', p.requires && flowList(p.requires)],
  ];
  if (p.description === undefined && p.scopeLabels === undefined) {
    return `      ${id}: ${flowMap([['label', flowScalar(p.label)], ...tail])}\n`;
  }
  const lines = [
    `label: ${blockScalar(p.label)}`,
    p.description !== undefined ? `description: ${blockScalar(p.description)}` : '',
    p.scopeLabels ? `scope_labels: ${flowMap(Object.entries(p.scopeLabels).map(([s, l]) => [s, flowScalar(l)]))}` : '',
    ...tail.filter(([, v]) => v !== undefined).map(([k, v]) => `${k}: ${v}`),
  ];
  return `      ${id}:\n${lines
    .filter(Boolean)
    .map((l) => `        ${l}\n`)
    .join('')}`;
}

/**
 * A catalog's YAML. Layout: `kind`, then subject, context and resources (attributes per
 * {@link CatalogSpec.attributeLayout}), one flow line per scope and seat (seat `allows` always
 * quoted), areas as blocks with one flow line per permission unless it has a description or
 * scope labels.
 */
export function catalogText(spec: CatalogSpec): string {
  const layout = spec.attributeLayout ?? 'flow';
  let out = 'kind: Catalog\n';
  out += `subject:\n${attributes(spec.subject, '  ', layout)}`;
  if (spec.context) out += `context:\n${attributes(spec.context, '  ', layout)}`;
  out += 'resources:\n';
  for (const [id, r] of Object.entries(spec.resources)) {
    out += `  ${id}:\n${r.label !== undefined ? `    label: ${blockScalar(r.label)}\n` : ''}${attributes(r.attributes, '    ', layout)}`;
  }
  out += 'scopes:\n';
  for (const [id, s] of Object.entries(spec.scopes)) {
    const fields: [string, string | undefined][] = [
      ['label', flowScalar(s.label)],
      ['when', s.when === undefined ? undefined : flowScalar(s.when)],
      ['includes', s.includes && flowList(s.includes)],
    ];
    out += `  ${id}: ${flowMap(fields)}\n`;
  }
  out += 'seats:\n';
  for (const [id, s] of Object.entries(spec.seats)) {
    const allows = s.allows && `[${s.allows.map((a) => JSON.stringify(a)).join(', ')}]`;
    out += `  ${id}: ${flowMap([
      ['label', flowScalar(s.label)],
      ['paid', String(s.paid)],
      ['allows', allows],
    ])}\n`;
  }
  out += 'areas:\n';
  for (const [id, a] of Object.entries(spec.areas)) {
    out += `  ${id}:\n    label: ${blockScalar(a.label)}\n${a.resource !== undefined ? `    resource: ${a.resource}\n` : ''}    permissions:\n`;
    for (const [pid, p] of Object.entries(a.permissions)) out += permission(pid, p);
  }
  return out;
}

/**
 * A permission set's YAML: `kind`, `id`, `name` (the id unless given), the keys of `spec` in
 * {@link SetSpec} order (grants as a block, keys with `*` quoted), then `body` verbatim.
 */
export function permissionSet(id: string, spec: SetSpec | string = {}, body = ''): string {
  const s = typeof spec === 'string' ? {} : spec;
  const rest = typeof spec === 'string' ? spec : body;
  let out = `kind: PermissionSet\nid: ${id}\nname: ${blockScalar(s.name ?? id)}\n`;
  if (s.description !== undefined) out += `description: ${blockScalar(s.description)}\n`;
  if (s.seat !== undefined) out += `seat: ${s.seat}\n`;
  if (s.extends !== undefined) out += `extends: ${s.extends}\n`;
  if (s.include) out += `include: ${flowList(s.include)}\n`;
  if (s.restrict !== undefined) out += `restrict: ${s.restrict}\n`;
  if (s.grants) {
    const entries = Object.entries(s.grants).map(([k, v]) => `  ${k.includes('*') ? JSON.stringify(k) : k}: ${v}\n`);
    out += `grants:\n${entries.join('')}`;
  }
  return out + rest;
}

/** Files as the compiler takes them, from paths relative to `folder` (`sets/a.yaml` → `policies/sets/a.yaml`). */
export function policyFiles(files: Record<string, string>, folder = 'policies'): { uri: string; text: string }[] {
  return Object.entries(files).map(([path, text]) => ({ uri: `${folder}/${path}`, text }));
}

/** Compiles in-memory files keyed by their full URI (`policies/catalog.yaml`), as the CLI names them. */
export function compileTexts(files: Record<string, string>, projectUri = 'policies'): CompileResult {
  return compile(
    Object.entries(files).map(([uri, text]) => ({ uri, text })),
    { projectUri },
  );
}

/** Compiles an in-memory project whose file paths are relative to its policy `folder`. */
export function compileProject(files: Record<string, string>, folder = 'policies'): CompileResult {
  return compile(policyFiles(files, folder), { projectUri: folder });
}
