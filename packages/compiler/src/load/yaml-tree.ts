import type { Span } from '../diagnostics/index.js';

/** How a scalar was written: the condition language needs it to map value offsets to source. */
export type ScalarStyle = 'plain' | 'single' | 'double' | 'literal' | 'folded';

/** A scalar. `span` covers the written token (quotes and block header included). */
export interface YScalar {
  kind: 'scalar';
  value: string | number | boolean | null;
  style: ScalarStyle;
  span: Span;
}

/** One `key: value` entry of a mapping. Keys are always scalars (others are reported and dropped). */
export interface YEntry {
  key: YScalar;
  /** The key as a string, whatever the key scalar's type (`1:` is the key "1"). */
  name: string;
  value: YNode;
}

/** A mapping, block or flow. */
export interface YMap {
  kind: 'map';
  entries: YEntry[];
  span: Span;
  flow: boolean;
}

/** A sequence, block or flow. */
export interface YSeq {
  kind: 'seq';
  items: YNode[];
  span: Span;
  flow: boolean;
}

/**
 * permset's own small YAML tree: positions as offsets, aliases already followed (so the tree is
 * a DAG that may share nodes), duplicate keys removed. Every stage after `load` reads this, never
 * the yaml library's classes, so the library stays an implementation detail of one folder.
 */
export type YNode = YScalar | YMap | YSeq;

/** The value of the entry `name` of a mapping, if the node is a mapping holding it. */
export function entryOf(node: YNode | null | undefined, name: string): YEntry | undefined {
  if (!node || node.kind !== 'map') return undefined;
  for (const e of node.entries) if (e.name === name) return e;
  return undefined;
}

/** The node at a JSON pointer's segments below `root` (for ajv's `instancePath`). */
export function nodeAtPath(
  root: YNode | null,
  segments: readonly string[],
): { node: YNode; entry?: YEntry } | undefined {
  let node: YNode | null = root;
  let entry: YEntry | undefined;
  for (const seg of segments) {
    if (!node) return undefined;
    if (node.kind === 'map') {
      entry = entryOf(node, seg);
      if (!entry) return undefined;
      node = entry.value;
    } else if (node.kind === 'seq') {
      const i = Number(seg);
      if (!Number.isInteger(i) || i < 0 || i >= node.items.length) return undefined;
      node = node.items[i]!;
      entry = undefined;
    } else return undefined;
  }
  return node ? (entry ? { node, entry } : { node }) : undefined;
}

/** Splits an ajv `instancePath` ("/grants/contacts.view") into unescaped segments. */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The innermost node whose span contains `offset`, with the chain of nodes leading to it. */
export function nodePathAt(root: YNode | null, offset: number): YNode[] {
  const path: YNode[] = [];
  let node: YNode | null = root;
  // A DAG from aliases can revisit nodes; positions strictly nest in the written text, so the
  // walk follows only children that contain the offset and ends in at most depth steps.
  while (node && node.span[0] <= offset && offset <= node.span[1]) {
    path.push(node);
    let next: YNode | null = null;
    if (node.kind === 'map') {
      for (const e of node.entries) {
        if (e.key.span[0] <= offset && offset <= e.key.span[1]) {
          next = e.key;
          break;
        }
        if (e.value.span[0] <= offset && offset <= e.value.span[1] && e.value !== node) {
          next = e.value;
          break;
        }
      }
    } else if (node.kind === 'seq') {
      for (const item of node.items) {
        if (item.span[0] <= offset && offset <= item.span[1] && item !== node) {
          next = item;
          break;
        }
      }
    }
    if (!next || path.includes(next)) break;
    node = next;
  }
  return path;
}

/** A node's span, or for an empty scalar (`key:` with no value) the key's, so a diagnostic is visible. */
export function visibleSpan(node: YNode, entry?: YEntry): Span {
  if (node.span[0] === node.span[1] && entry) return entry.key.span;
  return node.span;
}
