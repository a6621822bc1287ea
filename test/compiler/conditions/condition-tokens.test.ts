import { describe, expect, it } from 'vitest';
import { conditionTokens, type ConditionToken } from '../../../packages/compiler/src/conditions/index.js';

/** Tokens as `text:type`, for compact tables. */
function classified(text: string): string[] {
  return conditionTokens(text).map((t: ConditionToken) => `${text.slice(t.span[0], t.span[1])}:${t.type}`);
}

describe('conditionTokens', () => {
  it.each([
    [
      'subject.id in resource.members',
      ['subject:variable', 'id:property', 'in:keyword', 'resource:variable', 'members:property'],
    ],
    [
      "has(resource.x) and not a == 'b'",
      [
        'has:function',
        'resource:variable',
        'x:property',
        'and:keyword',
        'not:keyword',
        'a:variable',
        '==:operator',
        "'b':string",
      ],
    ],
    [
      'x >= -1.5 or y != true',
      ['x:variable', '>=:operator', '-1.5:number', 'or:keyword', 'y:variable', '!=:operator', 'true:keyword'],
    ],
    ['resource.in.has', ['resource:variable', 'in:property', 'has:property']],
    ['android', ['android:variable']],
    ["x in ['a', 2]", ['x:variable', 'in:keyword', "'a':string", '2:number']],
  ])('%s', (text, expected) => {
    expect(classified(text)).toEqual(expected);
  });

  it.each([
    ["a && 'unclosed", ['a:variable', '&&:operator', "'unclosed:string"]],
    ['a @ b', ['a:variable', 'b:variable']],
    ['!x', ['!:operator', 'x:variable']],
    ['((', []],
    ['', []],
  ])('works on broken text: %j', (text, expected) => {
    expect(classified(text)).toEqual(expected);
  });

  it('gives exact spans', () => {
    expect(conditionTokens(' a  ==\n"b"')).toEqual([
      { span: [1, 2], type: 'variable' },
      { span: [4, 6], type: 'operator' },
      { span: [7, 10], type: 'string' },
    ]);
  });
});
