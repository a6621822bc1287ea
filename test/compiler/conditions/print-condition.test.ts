import { describe, expect, it } from 'vitest';
import { parseCondition, printCondition, printNumber } from '../../../packages/compiler/src/conditions/index.js';
import { withoutSpans } from './helpers.js';

describe('printCondition', () => {
  it.each([
    ['a  and(b)', 'a and b'],
    ['a and (b and c)', 'a and (b and c)'],
    ['(a and b) and c', 'a and b and c'],
    ['(a or b) and c', '(a or b) and c'],
    ['a or (b and c)', 'a or b and c'],
    ['not (a and b)', 'not (a and b)'],
    ['not(a == b)', 'not a == b'],
    ['(not a) == b', '(not a) == b'],
    ['(a == b) == c', '(a == b) == c'],
    ['not not a', 'not not a'],
    ['x in[ 1,2 ]', 'x in [1, 2]'],
    ['x in []', 'x in []'],
    ['has ( a . b )', 'has(a.b)'],
    ["\"it's\" == 'a\\\\b'", "'it\\'s' == 'a\\\\b'"],
    ["'tab\\tline\\nend' == 'x'", "'tab\\tline\\nend' == 'x'"],
    ["'\\u0001\\u2028' == 'é'", "'\\u0001\\u2028' == 'é'"],
    ['-0 == 1.50', '0 == 1.5'],
  ])('%s prints as %s', (text, printed) => {
    const { ast, errors } = parseCondition(text);
    expect(errors).toEqual([]);
    expect(printCondition(ast!)).toBe(printed);
    expect(withoutSpans(parseCondition(printed).ast)).toEqual(withoutSpans(ast));
  });

  it.each([
    [1e21, '1000000000000000000000'],
    [1.5e-7, '0.00000015'],
    [-2.5e25, '-25000000000000000000000000'],
    [123.456, '123.456'],
    [1.7976931348623157e308, `17976931348623157${'0'.repeat(292)}`],
    [5e-324, `0.${'0'.repeat(323)}5`],
  ])('writes %d in plain decimal', (n, text) => {
    expect(printNumber(n)).toBe(text);
    expect(Number(text)).toBe(n);
  });
});
