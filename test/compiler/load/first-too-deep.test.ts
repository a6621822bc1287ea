import { Parser } from 'yaml';
import { describe, expect, it } from 'vitest';
import { firstTooDeep } from '../../../packages/compiler/src/load/first-too-deep.js';

interface CstNode {
  offset: number;
  items?: { key?: CstNode | null; value?: CstNode | null }[];
}

/** The definition, written plainly (recursive, document order): what the stack walk must match. */
function reference(node: CstNode, maxDepth: number, depth = 0): number {
  if (depth > maxDepth) return node.offset;
  for (const item of node.items ?? []) {
    for (const child of [item.key, item.value]) {
      if (!child || typeof child !== 'object') continue;
      const found = reference(child, maxDepth, depth + 1);
      if (found >= 0) return found;
    }
  }
  return -1;
}

/** The value of each document of `text` in the yaml library's concrete syntax tree. */
function documentValues(text: string): CstNode[] {
  return [...new Parser().parse(text)].flatMap((token) =>
    token.type === 'document' && token.value ? [token.value as unknown as CstNode] : [],
  );
}

const TEXTS = [
  'a: 1\nb:\n  c: [1, [2, [3]]]\n  d: { e: { f: 1 } }\n',
  '- - - x\n  - y\n- z\n',
  '? [a, b]\n: { c: [d] }\n? e\n: f\n',
  '[[[[[]]]]]',
  '{ a: { b: { c: { d: {} } } }, x: 1 }',
  'plain',
  'a:\n  - b: [1, 2]\n    c:\n      - - d\n---\nx: { y: [z] }\n',
];

describe('firstTooDeep', () => {
  it.each(TEXTS)('finds the first node deeper than the limit, as the plain definition does: %j', (text) => {
    for (const value of documentValues(text)) {
      for (let maxDepth = 0; maxDepth <= 6; maxDepth++)
        expect(firstTooDeep(value, maxDepth)).toBe(reference(value, maxDepth));
    }
  });

  it('gives exact offsets', () => {
    const [value] = documentValues('a: [1, [2, [3]]]\n');
    expect(firstTooDeep(value!, 0)).toBe(0); // the key `a`
    expect(firstTooDeep(value!, 1)).toBe(4); // the `1` inside the first list
    expect(firstTooDeep(value!, 2)).toBe(8); // the `2`
    expect(firstTooDeep(value!, 3)).toBe(12); // the `3`
    expect(firstTooDeep(value!, 4)).toBe(-1);
  });

  it('walks 20,000 levels without recursion', () => {
    const depth = 20_000;
    const [value] = documentValues('['.repeat(depth) + ']'.repeat(depth));
    expect(firstTooDeep(value!, depth)).toBe(-1);
    expect(firstTooDeep(value!, 200)).toBe(201);
  });
});
