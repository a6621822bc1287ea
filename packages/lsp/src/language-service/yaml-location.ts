import type { Kind, ParsedDocument, YEntry, YNode, YScalar } from '@permset/compiler';
import { KINDS, entryOf, nodePathAt } from '@permset/compiler';

/** A step from the document root: a mapping key or a sequence index. */
export type PathSegment = string | number;

/** What sits at an offset of a policy file, in YAML terms. */
export interface YamlLocation {
  document: ParsedDocument;
  /** The document's kind, when it names one. */
  kind: Kind | undefined;
  /** From the root to `node`; for a key, the path ends with that key. */
  path: PathSegment[];
  /** The innermost node at the offset: a key scalar when `onKey`. */
  node: YNode;
  onKey: boolean;
  /** The entry whose key or value `node` is, if it is one. */
  entry: YEntry | undefined;
  /** The chain of nodes from the root to `node`. */
  chain: YNode[];
}

/** The document of a file that holds `offset` (the last one starting before it). */
export function documentAt(documents: readonly ParsedDocument[], offset: number): ParsedDocument | undefined {
  let found: ParsedDocument | undefined;
  for (const doc of documents) if (doc.span[0] <= offset) found = doc;
  return found;
}

/** The document's kind, when its `kind` names one of permset's kinds. */
export function kindOf(root: YNode | null): Kind | undefined {
  const v = entryOf(root, 'kind')?.value;
  return v && v.kind === 'scalar' && typeof v.value === 'string' && (KINDS as string[]).includes(v.value)
    ? (v.value as Kind)
    : undefined;
}

/**
 * The node at `offset` with its path from the document root: the single "what is here" query
 * that hover, completion, definition, references and rename start from. Built on the compiler's
 * `nodePathAt`, so it sees exactly the tree the compiler checked.
 */
export function locate(documents: readonly ParsedDocument[], offset: number): YamlLocation | undefined {
  const document = documentAt(documents, offset);
  if (!document?.root) return undefined;
  const chain = nodePathAt(document.root, offset);
  const node = chain[chain.length - 1];
  if (!node) return undefined;
  const path: PathSegment[] = [];
  let onKey = false;
  let entry: YEntry | undefined;
  for (let i = 1; i < chain.length; i++) {
    const parent = chain[i - 1]!;
    const child = chain[i]!;
    entry = undefined;
    onKey = false;
    if (parent.kind === 'map') {
      const e = parent.entries.find((x) => x.key === child || x.value === child);
      if (!e) break;
      path.push(e.name);
      entry = e;
      onKey = e.key === child && e.value !== child;
    } else if (parent.kind === 'seq') {
      const index = parent.items.indexOf(child);
      if (index < 0) break;
      path.push(index);
    }
  }
  return { document, kind: kindOf(document.root), path, node, onKey, entry, chain };
}

/**
 * Every scalar of a tree (keys and values) with its path, in document order. An aliased node is
 * visited once, at its first (anchor) position.
 */
export function forEachScalar(
  root: YNode | null,
  visit: (scalar: YScalar, path: PathSegment[], onKey: boolean) => void,
): void {
  if (!root) return;
  const seen = new Set<YNode>();
  const walk = (node: YNode, path: PathSegment[]): void => {
    if (seen.has(node)) return;
    seen.add(node);
    if (node.kind === 'scalar') visit(node, path, false);
    else if (node.kind === 'map') {
      for (const e of node.entries) {
        const p = [...path, e.name];
        visit(e.key, p, true);
        walk(e.value, p);
      }
    } else node.items.forEach((item, i) => walk(item, [...path, i]));
  };
  walk(root, []);
}

/** A node's shape, as the schema lookups take it. */
export function shapeOf(node: YNode | null | undefined): 'map' | 'seq' | 'scalar' | undefined {
  return node ? (node.kind === 'map' ? 'map' : node.kind === 'seq' ? 'seq' : 'scalar') : undefined;
}

/** The node at a path below `root`, if there is one. */
export function nodeAt(root: YNode | null, path: readonly PathSegment[]): YNode | undefined {
  let node: YNode | null | undefined = root;
  for (const seg of path) {
    if (!node) return undefined;
    if (node.kind === 'map' && typeof seg === 'string') node = entryOf(node, seg)?.value;
    else if (node.kind === 'seq' && typeof seg === 'number') node = node.items[seg];
    else return undefined;
  }
  return node ?? undefined;
}
