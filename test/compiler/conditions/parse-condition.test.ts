import { describe, expect, it } from 'vitest';
import { MAX_CONDITION_LENGTH, MAX_NESTING, parseCondition } from '../../../packages/compiler/src/conditions/index.js';
import { expectConditionProblems, sexpr, type ExpectedProblem } from './helpers.js';

const syntax = (span: readonly [number, number], at: string): ExpectedProblem => ({ code: 'expr-syntax', span, at });

/** Syntax errors: every case asserts the exact characters underlined (an error at the end is [len, len]). */
const SYNTAX_ERRORS: { name: string; text: string; expected: ExpectedProblem[]; message?: RegExp }[] = [
  { name: 'empty condition', text: '', expected: [syntax([0, 0], '')], message: /empty/ },
  { name: 'blank condition', text: '  ', expected: [syntax([2, 2], '')], message: /empty/ },
  {
    name: 'missing right operand of and',
    text: 'a and',
    expected: [syntax([5, 5], '')],
    message: /^Expected an operand after 'and'$/,
  },
  {
    name: 'missing operand before )',
    text: 'a and )',
    expected: [syntax([6, 7], ')')],
    message: /after 'and', found '\)'/,
  },
  { name: 'missing left operand', text: '== a', expected: [syntax([0, 2], '==')], message: /before '=='/ },
  { name: 'two operators', text: 'a and or b', expected: [syntax([6, 8], 'or')] },
  { name: 'not without operand', text: 'not', expected: [syntax([3, 3], '')], message: /after 'not'/ },
  { name: 'unclosed parenthesis', text: '(a', expected: [syntax([2, 2], '')], message: /close '\('/ },
  { name: 'stray closing parenthesis', text: 'a)', expected: [syntax([1, 2], ')')], message: /^Unexpected '\)'$/ },
  { name: 'lone closing parenthesis', text: ')', expected: [syntax([0, 1], ')')], message: /^Unexpected '\)'$/ },
  { name: 'empty parentheses', text: '()', expected: [syntax([1, 2], ')')], message: /between '\(' and '\)'/ },
  { name: 'only the first parser error', text: '(a and ) or (b and )', expected: [syntax([7, 8], ')')] },
  {
    name: 'lexer errors are all reported, with the first parser error',
    text: "'x\\q' == == b @",
    expected: [syntax([2, 4], '\\q'), syntax([9, 11], '=='), syntax([14, 15], '@')],
  },
  { name: 'chained equality', text: 'a == b == c', expected: [syntax([7, 9], '==')], message: /cannot be chained/ },
  { name: 'chained ordering', text: 'a < b < c', expected: [syntax([6, 7], '<')], message: /cannot be chained/ },
  { name: 'chained in', text: 'x in y in z', expected: [syntax([7, 9], 'in')], message: /cannot be chained/ },
  { name: 'juxtaposed operands', text: 'a b', expected: [syntax([2, 3], 'b')], message: /^Unexpected 'b'$/ },
  { name: 'keywords are case-sensitive', text: 'a AND b', expected: [syntax([2, 5], 'AND')] },
  {
    name: 'unclosed single-quoted string',
    text: "'abc",
    expected: [syntax([0, 4], "'abc")],
    message: /^Unclosed string/,
  },
  {
    name: 'unclosed double-quoted string',
    text: 'x == "abc',
    expected: [syntax([5, 9], '"abc')],
    message: /^Unclosed string/,
  },
  { name: 'unclosed string stops at the line end', text: "x == 'ab\nor y", expected: [syntax([5, 8], "'ab")] },
  { name: 'unknown escape', text: "x == 'a\\qb'", expected: [syntax([7, 9], '\\q')], message: /Unknown escape '\\q'/ },
  { name: 'short \\u escape', text: "x == '\\u12'", expected: [syntax([6, 10], '\\u12')], message: /four hex digits/ },
  { name: 'stray character', text: 'a & b', expected: [syntax([2, 3], '&')], message: /^Unexpected character '&'$/ },
  {
    name: 'stray characters are reported once each run',
    text: 'a @ b # c',
    expected: [syntax([2, 3], '@'), syntax([6, 7], '#')],
  },
  { name: 'non-ASCII letter', text: 'café == 1', expected: [syntax([3, 4], 'é')] },
  { name: 'minus without digits', text: 'x == -', expected: [syntax([5, 6], '-')] },
  {
    name: '&& instead of and',
    text: 'a && b',
    expected: [syntax([2, 4], '&&')],
    message: /^Write 'and' instead of '&&'$/,
  },
  { name: '|| instead of or', text: 'a || b', expected: [syntax([2, 4], '||')], message: /'or'/ },
  { name: '! instead of not', text: '!a', expected: [syntax([0, 1], '!')], message: /'not'/ },
  { name: '= instead of ==', text: 'a = b', expected: [syntax([2, 3], '=')], message: /'=='/ },
  {
    name: 'has without parentheses',
    text: 'has resource.x',
    expected: [syntax([4, 12], 'resource')],
    message: /'\(' after 'has'/,
  },
  { name: 'has unclosed', text: 'has(resource.x', expected: [syntax([14, 14], '')], message: /close 'has\('/ },
  { name: 'has of a literal', text: 'has(1)', expected: [syntax([4, 5], '1')], message: /attribute path/ },
  {
    name: 'has of an expression',
    text: 'has(a == b)',
    expected: [syntax([6, 8], '==')],
    message: /exactly one attribute path/,
  },
  {
    name: 'path ending in a dot',
    text: 'subject.',
    expected: [syntax([8, 8], '')],
    message: /attribute name after '\.'/,
  },
  { name: 'path segment is a number', text: 'subject.1 == 1', expected: [syntax([8, 9], '1')] },
  { name: 'list of paths', text: 'x in [a]', expected: [syntax([6, 7], 'a')], message: /literal values/ },
  {
    name: 'list with a trailing comma',
    text: 'x in [1,]',
    expected: [syntax([8, 9], ']')],
    message: /value after ','/,
  },
  { name: 'list without a comma', text: 'x in [1 2]', expected: [syntax([8, 9], '2')], message: /',' or '\]'/ },
  { name: 'unclosed list', text: 'x in [1', expected: [syntax([7, 7], '')], message: /close '\['/ },
  { name: 'number with a trailing dot', text: 'x == 1.', expected: [syntax([6, 7], '.')] },
  { name: 'number with an exponent', text: 'x == 1e5', expected: [syntax([6, 8], 'e5')] },
  {
    name: 'number out of range',
    text: `x == 1${'0'.repeat(400)}`,
    expected: [syntax([5, 406], `1${'0'.repeat(400)}`)],
    message: /too large/,
  },
];

describe('parseCondition: syntax errors', () => {
  it.each(SYNTAX_ERRORS)('$name: $text', ({ text, expected, message }) => {
    expectConditionProblems(text, expected);
    const { errors } = parseCondition(text);
    if (message) expect(errors[0]?.message).toMatch(message);
  });

  it(`rejects parentheses nested deeper than ${MAX_NESTING}, at the first too-deep one`, () => {
    const text = `${'('.repeat(MAX_NESTING + 1)}a${')'.repeat(MAX_NESTING + 1)}`;
    expectConditionProblems(text, [syntax([MAX_NESTING, MAX_NESTING + 1], '(')]);
    expect(parseCondition(text).ast).toBeUndefined();
    expect(parseCondition(text).errors[0]!.message).toMatch(/nested more than 100/);
  });

  it(`accepts exactly ${MAX_NESTING} nested parentheses`, () => {
    const text = `${'('.repeat(MAX_NESTING)}a${')'.repeat(MAX_NESTING)}`;
    expect(parseCondition(text).errors).toEqual([]);
  });

  it('rejects 10,000 open parentheses without overflowing the stack', () => {
    const { ast, errors } = parseCondition('('.repeat(10_000));
    expect(ast).toBeUndefined();
    expect(errors).toEqual([{ span: [MAX_NESTING, MAX_NESTING + 1], message: expect.stringMatching(/nested/) }]);
  });

  it(`rejects conditions longer than ${MAX_CONDITION_LENGTH} characters, on the whole text`, () => {
    const text = 'a'.repeat(MAX_CONDITION_LENGTH + 1);
    expectConditionProblems(text, [syntax([0, text.length], text)]);
  });

  it('parses long chains without recursion (not, and)', () => {
    const nots = `${'not '.repeat(2000)}a`;
    const ands = Array.from({ length: 1000 }, (_, i) => `a${i}`).join(' and ');
    expect(parseCondition(nots).errors).toEqual([]);
    expect(parseCondition(ands).errors).toEqual([]);
  });
});

/** Valid conditions and their trees (see ast-shape.test.ts for precedence). */
const VALID: [text: string, tree: string][] = [
  ['true', 'true'],
  ['false', 'false'],
  ['12', '12'],
  ['-3', '-3'],
  ['1.5', '1.5'],
  ['-0', '0'],
  ["'text'", "'text'"],
  ['"text"', "'text'"],
  ["'it\\'s'", "'it's'"],
  ['"say \\"hi\\""', `'say "hi"'`],
  ["'a\\\\b'", "'a\\b'"],
  ["'tab\\there'", "'tab\there'"],
  ["'line\\nbreak'", "'line\nbreak'"],
  ["'\\u00e9\\u00E9'", "'éé'"],
  ["''", "''"],
  ['[]', '[]'],
  ["[ 'a' , 'b' ]", "['a' 'b']"],
  ['[1, -2, 3.5]', '[1 -2 3.5]'],
  ['[true, false]', '[true false]'],
  ['subject', 'subject'],
  ['a.b.c.d', 'a.b.c.d'],
  ['resource.in', 'resource.in'],
  ['resource.not.and', 'resource.not.and'],
  ['android and notes or has_x or in_x or true_', '(or (or (or (and android notes) has_x) in_x) true_)'],
  ['has(resource.x)', '(has resource.x)'],
  ['has ( resource . x )', '(has resource.x)'],
  ['subject.id in resource.members', '(in subject.id resource.members)'],
  ["subject.set in ['admin', 'owner']", "(in subject.set ['admin' 'owner'])"],
  ['resource.owner == subject.id', '(== resource.owner subject.id)'],
  ['a != b', '(!= a b)'],
  ['a <= 1', '(<= a 1)'],
  ['a >= 1', '(>= a 1)'],
  ['a<1', '(< a 1)'],
  ['a>1', '(> a 1)'],
  ['resource.client_access and subject.can_access_budgets', '(and resource.client_access subject.can_access_budgets)'],
  ['a\n  and\n  b', '(and a b)'],
  ['\ta\r\n or\tb ', '(or a b)'],
];

describe('parseCondition: valid conditions', () => {
  it.each(VALID)('%s', (text, tree) => {
    const { ast, errors } = parseCondition(text);
    expect(errors).toEqual([]);
    expect(sexpr(ast!)).toBe(tree);
  });
});

describe('parseCondition: partial results', () => {
  it.each([
    ['a and', 'a'],
    ['a b', 'a'],
    ['(a and ) or (b and )', '(or a b)'],
    ['x == 1 and (y', '(and (== x 1) y)'],
    ["x == 'abc", "(== x 'abc')"],
    ['a && b', '(and a b)'],
    ['a = b', '(== a b)'],
  ])('%s recovers as %s', (text, tree) => {
    const { ast, errors } = parseCondition(text);
    expect(errors.length).toBeGreaterThan(0);
    expect(ast && sexpr(ast)).toBe(tree);
  });

  it.each(['', ')', '('.repeat(101), '@'])('%j has no AST', (text) => {
    expect(parseCondition(text).ast).toBeUndefined();
  });
});
