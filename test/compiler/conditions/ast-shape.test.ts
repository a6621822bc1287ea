import { describe, expect, it } from 'vitest';
import type { Expr } from '../../../packages/compiler/src/conditions/index.js';
import { parseCondition } from '../../../packages/compiler/src/conditions/index.js';
import { nodesOf, sexpr } from './helpers.js';

function parse(text: string): Expr {
  const { ast, errors } = parseCondition(text);
  expect(errors).toEqual([]);
  return ast!;
}

/** Precedence (or < and < not < comparison/in < operand) and associativity, as trees. */
const SHAPES: [text: string, tree: string][] = [
  ['a or b and c', '(or a (and b c))'],
  ['a and b or c', '(or (and a b) c)'],
  ['a and b and c', '(and (and a b) c)'],
  ['a or b or c', '(or (or a b) c)'],
  ['a and (b and c)', '(and a (and b c))'],
  ['(a or b) and c', '(and (or a b) c)'],
  ['not a and b', '(and (not a) b)'],
  ['not a or not b', '(or (not a) (not b))'],
  ['not not a', '(not (not a))'],
  ['not a == b', '(not (== a b))'],
  ['not x in y', '(not (in x y))'],
  ['not (a and b)', '(not (and a b))'],
  ['a == b and c != d', '(and (== a b) (!= c d))'],
  ['a < 1 or b >= 2 and c', '(or (< a 1) (and (>= b 2) c))'],
  ['(a == b) == c', '(== (== a b) c)'],
  ['a == (b == c)', '(== a (== b c))'],
  ['x in [1, 2] and has(resource.y)', '(and (in x [1 2]) (has resource.y))'],
  ['has(a.b) == true', '(== (has a.b) true)'],
  ['((((a))))', 'a'],
  ['(a) and (b)', '(and a b)'],
];

describe('AST shape', () => {
  it.each(SHAPES)('%s', (text, tree) => {
    expect(sexpr(parse(text))).toBe(tree);
  });
});

describe('AST spans', () => {
  it('locates paths, segments and operators exactly', () => {
    const ast = parse('resource.owner == subject.id');
    expect(ast).toMatchObject({
      kind: 'compare',
      op: '==',
      span: [0, 28],
      opSpan: [15, 17],
      left: {
        kind: 'path',
        root: 'resource',
        segments: ['owner'],
        span: [0, 14],
        segmentSpans: [
          [0, 8],
          [9, 14],
        ],
      },
      right: {
        kind: 'path',
        root: 'subject',
        segments: ['id'],
        span: [18, 28],
        segmentSpans: [
          [18, 25],
          [26, 28],
        ],
      },
    });
  });

  it('keeps spans exact around whitespace inside paths', () => {
    expect(parse('a . b')).toMatchObject({
      span: [0, 5],
      segmentSpans: [
        [0, 1],
        [4, 5],
      ],
    });
  });

  it('widens a parenthesized node over its parentheses', () => {
    const ast = parse('(a) and ( b == 1 )');
    expect(ast).toMatchObject({
      kind: 'and',
      span: [0, 18],
      opSpan: [4, 7],
      left: { kind: 'path', span: [0, 3], segmentSpans: [[1, 2]] },
    });
    expect(ast).toMatchObject({ right: { kind: 'compare', span: [8, 18], opSpan: [12, 14] } });
  });

  it('starts a not at its keyword and a has at its name', () => {
    expect(parse('not  not a')).toMatchObject({ kind: 'not', span: [0, 10], operand: { kind: 'not', span: [5, 10] } });
    expect(parse('has( resource.x )')).toMatchObject({ kind: 'has', span: [0, 17], path: { span: [5, 15] } });
  });

  it('covers literals and lists with their quotes and brackets', () => {
    expect(parse("x in [ 'a', -1.5 ]")).toMatchObject({
      kind: 'in',
      opSpan: [2, 4],
      list: {
        kind: 'list',
        span: [5, 18],
        items: [
          { value: 'a', span: [7, 10] },
          { value: -1.5, span: [12, 16] },
        ],
      },
    });
    expect(parse("'it\\'s'")).toEqual({ kind: 'literal', value: "it's", span: [0, 7] });
  });

  it('keeps every span inside its parent', () => {
    const text = "not (a.b == 'x' or c in [1, 2]) and has(d.e) or f < -3";
    for (const node of nodesOf(parse(text))) {
      const children = nodesOf(node).slice(1);
      for (const child of children) {
        expect(child.span[0]).toBeGreaterThanOrEqual(node.span[0]);
        expect(child.span[1]).toBeLessThanOrEqual(node.span[1]);
      }
      expect(node.span[0]).toBeLessThan(node.span[1]);
      expect(node.span[1]).toBeLessThanOrEqual(text.length);
    }
  });
});
