interface CstItem {
  key?: CstNode | null;
  value?: CstNode | null;
}
interface CstNode {
  offset: number;
  items?: CstItem[];
}

/**
 * The offset of the first node (in document order) nested deeper than `maxDepth` below `root`
 * (a document's value in the yaml library's concrete syntax tree, at depth 0), or -1. The
 * library builds that tree without recursion but composes documents recursively, so a document
 * too deep to compose is found here, with an explicit stack, before composing: where the
 * composer would run out of stack depends on the caller, this position does not.
 */
export function firstTooDeep(root: CstNode, maxDepth: number): number {
  // Two parallel stacks rather than a [node, depth] pair per node: this walks every node of
  // every file, and the pairs were most of its time and garbage.
  const nodes: CstNode[] = [root];
  const depths: number[] = [0];
  while (nodes.length > 0) {
    const node = nodes.pop()!;
    const depth = depths.pop()!;
    if (depth > maxDepth) return node.offset;
    const items = node.items;
    if (!items) continue;
    // Pushed last item first, value before key, so the first key is popped first.
    for (let i = items.length - 1; i >= 0; i--) {
      const { key, value } = items[i]!;
      if (value && typeof value === 'object') {
        nodes.push(value);
        depths.push(depth + 1);
      }
      if (key && typeof key === 'object') {
        nodes.push(key);
        depths.push(depth + 1);
      }
    }
  }
  return -1;
}
