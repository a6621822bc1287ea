import { describe, expect, it } from 'vitest';
import {
  closest,
  describeValue,
  distance,
  printNode,
  quote,
  showValue,
} from '../../../../packages/compiler/src/runtime/evaluator/text.js';

describe('runtime/evaluator/text: how explain() writes values and conditions', () => {
  it('quotes with escapes for quotes, backslashes and invisible characters', () => {
    expect(quote("it's \\ \u0007\u2028")).toBe("'it\\'s \\\\ \\u0007\\u2028'");
  });

  it('shows values without calling into them', () => {
    const hostile = {
      toString: () => {
        throw new Error('called');
      },
    };
    expect(showValue(hostile)).toBe('an object');
    expect(showValue('x'.repeat(100))).toBe(`'${'x'.repeat(77)}...'`);
    expect(showValue([1, 2, 3, 4, 5, 6, 7])).toBe('[1, 2, 3, 4, 5, ... (2 more)]');
    expect([
      describeValue(undefined),
      describeValue(null),
      describeValue(() => 1),
      describeValue([]),
      describeValue(1n),
    ]).toEqual(['undefined', 'null', 'a function', 'a list', 'a bigint']);
  });

  it('prints condition ASTs back with the parentheses precedence needs', () => {
    expect(
      printNode([
        'and',
        ['or', ['path', 'subject', 'a'], ['has', 'resource', 'b']],
        ['not', ['cmp', '==', ['path', 'subject', 'n'], ['lit', 1]]],
      ]),
    ).toBe('(subject.a or has(resource.b)) and not subject.n == 1');
    expect(printNode(['in', ['lit', 'x'], ['list', ['x', 2]]])).toBe("'x' in ['x', 2]");
  });

  it('suggests up to three close ids, closest first', () => {
    expect(closest('budgets.veiw', ['budgets.view', 'budgets.edit', 'deals.view', 'budgets.vie'])).toEqual([
      'budgets.vie',
      'budgets.view',
      'budgets.edit',
    ]); // ties by id
    expect(closest('x'.repeat(201), ['x'])).toEqual([]);
    expect(distance('kitten', 'sitting', 5)).toBe(3);
    expect(distance('abcdef', 'uvwxyz', 2)).toBe(3);
  });
});
