import type { PolicyModel } from '../policy-model/index.js';

/**
 * How many sets extend each set, directly or through other sets. Computed bottom-up over the
 * `extends` forest without recursion, so a 10,000-deep chain costs one pass. Sets in an `extends`
 * cycle, which no root reaches, count 0.
 */
export function descendantCounts(model: PolicyModel): Map<string, number> {
  const ids = new Set(model.sets.map((s) => s.id));
  const children = new Map<string, string[]>();
  const roots: string[] = [];
  for (const s of model.sets) {
    if (s.extends !== undefined && ids.has(s.extends) && s.extends !== s.id) {
      const list = children.get(s.extends) ?? [];
      list.push(s.id);
      children.set(s.extends, list);
    } else roots.push(s.id);
  }
  const counts = new Map<string, number>(model.sets.map((s) => [s.id, 0]));
  // Post-order: a node is finished after all its children, then adds its subtree to its parent.
  const stack: { id: string; parent: string | undefined; expanded: boolean }[] = roots.map((id) => ({
    id,
    parent: undefined,
    expanded: false,
  }));
  const visited = new Set<string>();
  while (stack.length) {
    const top = stack[stack.length - 1]!;
    if (!top.expanded) {
      top.expanded = true;
      if (visited.has(top.id)) {
        stack.pop();
        continue;
      }
      visited.add(top.id);
      for (const child of children.get(top.id) ?? []) stack.push({ id: child, parent: top.id, expanded: false });
      continue;
    }
    stack.pop();
    if (top.parent !== undefined) counts.set(top.parent, counts.get(top.parent)! + counts.get(top.id)! + 1);
  }
  return counts;
}
