import { isAlias, isMap, isScalar, isSeq, parseAllDocuments, type Node as YamlNode } from 'yaml';
import { writtenComments } from './cst-comments.js';

/**
 * Whether two YAML texts hold the same documents with the same data (mapping key order aside:
 * the formatter reorders keys on purpose) and the same comments. The formatter checks its output
 * with this before handing it out, so a printer quirk can cost formatting, never meaning or a
 * comment. Trees are compared as written, aliases by name, so an alias bomb costs nothing here.
 */
export function sameYaml(before: string, after: string): boolean {
  try {
    const a = parseAllDocuments(before, { uniqueKeys: false });
    const b = parseAllDocuments(after, { uniqueKeys: false });
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    if (b.some((d) => d.errors.length > 0 || d.warnings.length > 0)) return false;
    for (let i = 0; i < a.length; i++) {
      if (!sameNode(a[i]!.contents as YamlNode | null, b[i]!.contents as YamlNode | null)) return false;
    }
    return sameMultiset(comments(before), comments(after));
  } catch {
    return false;
  }
}

function comments(text: string): string[] {
  return writtenComments(text).map((c) => c.source.slice(1).trim());
}

function sameMultiset(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  const x = [...a].sort();
  const y = [...b].sort();
  return x.every((v, i) => v === y[i]);
}

/** Structural equality of two nodes; mapping entries match by key whatever their order. */
function sameNode(a: YamlNode | null | undefined, b: YamlNode | null | undefined): boolean {
  if (a == null || b == null)
    return (a == null || (isScalar(a) && a.value === null)) && (b == null || (isScalar(b) && b.value === null));
  if (a.anchor !== b.anchor || a.tag !== b.tag) return false;
  if (isAlias(a) || isAlias(b)) return isAlias(a) && isAlias(b) && a.source === b.source;
  if (isScalar(a) || isScalar(b)) return isScalar(a) && isScalar(b) && Object.is(a.value, b.value);
  if (isSeq(a) || isSeq(b))
    return (
      isSeq(a) &&
      isSeq(b) &&
      a.items.length === b.items.length &&
      a.items.every((item, i) => sameNode(item as YamlNode, b.items[i] as YamlNode))
    );
  if (isMap(a) && isMap(b)) {
    if (a.items.length !== b.items.length) return false;
    // Match entries by key; duplicate keys (reported by the compiler, kept by the formatter) each match once.
    const rest = new Map<string, (typeof b.items)[number][]>();
    for (const pair of b.items) {
      const k = keyOf(pair.key as YamlNode | null);
      rest.set(k, [...(rest.get(k) ?? []), pair]);
    }
    return a.items.every((pair) => {
      const candidates = rest.get(keyOf(pair.key as YamlNode | null)) ?? [];
      const i = candidates.findIndex(
        (other) =>
          sameNode(pair.key as YamlNode, other.key as YamlNode) &&
          sameNode(pair.value as YamlNode, other.value as YamlNode),
      );
      if (i < 0) return false;
      candidates.splice(i, 1);
      return true;
    });
  }
  return false;
}

function keyOf(key: YamlNode | null): string {
  return key && isScalar(key) ? `${typeof key.value}:${String(key.value)}` : key ? 'collection' : 'null';
}
