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
  const stack: [CstNode, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > maxDepth) return node.offset;
    if (!node.items) continue;
    const children: CstNode[] = [];
    for (const item of node.items) {
      if (item.key && typeof item.key === 'object') children.push(item.key);
      if (item.value && typeof item.value === 'object') children.push(item.value);
    }
    // Reversed so the first child is popped first.
    for (let i = children.length - 1; i >= 0; i--) stack.push([children[i]!, depth + 1]);
  }
  return -1;
}
