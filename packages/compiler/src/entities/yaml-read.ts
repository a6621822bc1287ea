import type { Span } from '../diagnostics/index.js';
import type { YEntry, YNode, YScalar } from '../load/index.js';
import { entryOf } from '../load/index.js';
import type { Located } from './entity-types.js';

// Lenient readers: the schema already reported wrong shapes, so these return `undefined` or
// skip items instead of reporting again. Building entities from half-valid documents lets
// every other file be checked against it.

/** The string at `name`, with its span. */
export function readString(map: YNode | undefined, name: string): Located<string> | undefined {
  const e = entryOf(map, name);
  return e ? stringOf(e.value) : undefined;
}

/** A scalar string node as a located string. */
export function stringOf(node: YNode): Located<string> | undefined {
  return node.kind === 'scalar' && typeof node.value === 'string' ? { value: node.value, span: node.span } : undefined;
}

/** The scalar string node itself (for conditions, which need the written style). */
export function readStringScalar(map: YNode | undefined, name: string): YScalar | undefined {
  const e = entryOf(map, name);
  return e && e.value.kind === 'scalar' && typeof e.value.value === 'string' ? e.value : undefined;
}

/** The boolean at `name`. */
export function readBoolean(map: YNode | undefined, name: string): boolean | undefined {
  const e = entryOf(map, name);
  return e && e.value.kind === 'scalar' && typeof e.value.value === 'boolean' ? e.value.value : undefined;
}

/** The list of strings at `name`; a single string counts as a one-item list. */
export function readStringList(map: YNode | undefined, name: string): Located<string>[] | undefined {
  const e = entryOf(map, name);
  if (!e) return undefined;
  if (e.value.kind === 'seq') return e.value.items.map(stringOf).filter((x): x is Located<string> => x !== undefined);
  const one = stringOf(e.value);
  return one ? [one] : [];
}

/** The entries of the mapping at `name`. */
export function readEntries(map: YNode | undefined, name: string): YEntry[] {
  const e = entryOf(map, name);
  return e && e.value.kind === 'map' ? e.value.entries : [];
}

/** The whole `key: value` span of an entry. */
export function entrySpan(e: YEntry): Span {
  return [e.key.span[0], Math.max(e.key.span[1], e.value.span[1])];
}
