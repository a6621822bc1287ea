import type { YNode } from './yaml-tree.js';

/**
 * The plain JSON value of a tree, for schema validation. Mappings become null-prototype objects,
 * so keys such as `__proto__` or `constructor` are ordinary own properties and can never reach
 * `Object.prototype`. Shared (aliased) nodes map to one shared value: the tree was bounded when
 * it was parsed.
 */
export function toValue(node: YNode | null): unknown {
  const memo = new Map<YNode, unknown>();
  const go = (n: YNode): unknown => {
    const known = memo.get(n);
    if (known !== undefined) return known;
    let value: unknown;
    if (n.kind === 'scalar') value = n.value;
    else if (n.kind === 'seq') {
      const arr: unknown[] = [];
      memo.set(n, arr);
      for (const item of n.items) arr.push(go(item));
      value = arr;
    } else {
      const obj = Object.create(null) as Record<string, unknown>;
      memo.set(n, obj);
      for (const e of n.entries) obj[e.name] = go(e.value);
      value = obj;
    }
    memo.set(n, value);
    return value;
  };
  return node ? go(node) : null;
}
