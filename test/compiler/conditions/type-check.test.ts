import { describe, expect, it } from 'vitest';
import { checkConditionText, parseCondition, typeCheck } from '../../../packages/compiler/src/conditions/index.js';
import { attrs, budgetEnv, expectConditionProblems, expectNoProblems, type ExpectedProblem } from './helpers.js';

const type = (span: readonly [number, number], at: string): ExpectedProblem => ({ code: 'expr-type', span, at });
const unknown = (span: readonly [number, number], at: string): ExpectedProblem => ({
  code: 'expr-unknown-attribute',
  span,
  at,
});

const WELL_TYPED = [
  'subject.id in resource.members',
  'resource.owner == subject.id',
  'resource.client_access and subject.can_access_budgets',
  'resource.amount > 1000 or context.hour <= 18',
  "subject.set in ['admin', 'owner']",
  'subject.id in []',
  "resource.type == 'budget'",
  'has(resource.approver) and not context.mfa',
  'subject.level in resource.scores',
  'true',
  'not false',
  'resource.client_access == true',
  '(1 == 1) != false',
  '3 in [1, 2, 3]',
  'context.mfa in [true]',
  'has(subject.id)',
];

describe('typeCheck: well-typed conditions', () => {
  it.each(WELL_TYPED)('%s', (text) => expectNoProblems(text));
});

/** Type problems, each on its most precise span. */
const TYPE_PROBLEMS: { name: string; text: string; expected: ExpectedProblem[] }[] = [
  { name: 'unknown root', text: "user.id == 'x'", expected: [unknown([0, 4], 'user')] },
  { name: 'unknown resource attribute', text: 'resource.ownr == subject.id', expected: [unknown([9, 13], 'ownr')] },
  { name: 'unknown subject attribute', text: "subject.idd == 'x'", expected: [unknown([8, 11], 'idd')] },
  { name: 'unknown context attribute', text: "context.ipp == 'x'", expected: [unknown([8, 11], 'ipp')] },
  { name: 'bare attribute name', text: 'owner == subject.id', expected: [unknown([0, 5], 'owner')] },
  { name: 'bare root', text: "subject == 'x'", expected: [type([0, 7], 'subject')] },
  { name: 'path below a scalar', text: "resource.owner.name == 'x'", expected: [type([15, 19], 'name')] },
  {
    name: 'unknown attribute hides the deeper path',
    text: 'resource.nope.x == 1',
    expected: [unknown([9, 13], 'nope')],
  },
  { name: 'condition is a string attribute', text: 'resource.owner', expected: [type([0, 14], 'resource.owner')] },
  { name: 'condition is a string literal', text: "'x'", expected: [type([0, 3], "'x'")] },
  { name: 'condition is a number', text: 'resource.amount', expected: [type([0, 15], 'resource.amount')] },
  { name: 'condition is a list', text: '[1]', expected: [type([0, 3], '[1]')] },
  { name: 'and with a string operand', text: 'resource.owner and true', expected: [type([0, 14], 'resource.owner')] },
  {
    name: 'parenthesized operand is underlined with its parentheses',
    text: '(resource.owner) and true',
    expected: [type([0, 16], '(resource.owner)')],
  },
  { name: 'or with a number operand', text: 'true or 1', expected: [type([8, 9], '1')] },
  { name: 'not of a string', text: 'not resource.owner', expected: [type([4, 18], 'resource.owner')] },
  { name: 'equality across types', text: 'resource.owner == 1', expected: [type([15, 17], '==')] },
  { name: 'inequality across types', text: 'context.mfa != 1', expected: [type([12, 14], '!=')] },
  {
    name: 'equality with a list on the left',
    text: "resource.members == 'a'",
    expected: [type([0, 16], 'resource.members')],
  },
  {
    name: 'equality with a list on the right',
    text: "'a' != resource.members",
    expected: [type([7, 23], 'resource.members')],
  },
  { name: 'equality with a list literal', text: "subject.id == ['a']", expected: [type([14, 19], "['a']")] },
  { name: 'ordering a string', text: 'resource.owner < 3', expected: [type([0, 14], 'resource.owner')] },
  {
    name: 'ordering two strings reports both',
    text: "'a' >= 'b'",
    expected: [type([0, 3], "'a'"), type([7, 10], "'b'")],
  },
  {
    name: 'ordering booleans',
    text: 'context.mfa > false',
    expected: [type([0, 11], 'context.mfa'), type([14, 19], 'false')],
  },
  { name: 'in with a scalar on the right', text: 'subject.id in subject.id', expected: [type([14, 24], 'subject.id')] },
  {
    name: 'in with a list on the left',
    text: 'resource.members in resource.members',
    expected: [type([0, 16], 'resource.members')],
  },
  { name: 'in across types', text: 'resource.amount in resource.members', expected: [type([16, 18], 'in')] },
  { name: 'in a list literal of another type', text: 'subject.id in [1, 2]', expected: [type([11, 13], 'in')] },
  { name: 'mixed list literal', text: "subject.id in ['a', 1]", expected: [type([20, 21], '1')] },
  { name: 'has of an unknown attribute', text: 'has(resource.nope)', expected: [unknown([13, 17], 'nope')] },
  { name: 'has of a bare root', text: 'has(subject)', expected: [type([4, 11], 'subject')] },
  { name: 'has below a scalar', text: 'has(resource.owner.x)', expected: [type([19, 20], 'x')] },
  {
    name: 'problems do not cascade',
    text: 'resource.nope == 1 and not context.nope',
    expected: [unknown([9, 13], 'nope'), unknown([35, 39], 'nope')],
  },
  // One misspelt attribute is one problem, whatever operator it sits under (it used to be reported twice under < <= > >=).
  { name: 'unknown attribute under >', text: 'resource.budjet > 5', expected: [unknown([9, 15], 'budjet')] },
  {
    name: 'unknown attribute under <=, on the right',
    text: '5 <= context.hourr',
    expected: [unknown([13, 18], 'hourr')],
  },
  {
    name: 'unknown attributes on both sides of <',
    text: 'resource.a < subject.b',
    expected: [unknown([9, 10], 'a'), unknown([21, 22], 'b')],
  },
  {
    name: 'unknown attribute under >= inside not',
    text: 'not (resource.amout >= 1)',
    expected: [unknown([14, 19], 'amout')],
  },
  { name: 'unknown root under <', text: 'user.level < 3', expected: [unknown([0, 4], 'user')] },
  {
    name: 'independent problems are all reported',
    text: 'user.x == 1 and resource.ownr',
    expected: [unknown([0, 4], 'user'), unknown([25, 29], 'ownr')],
  },
];

describe('typeCheck: problems', () => {
  it.each(TYPE_PROBLEMS)('$name: $text', ({ text, expected }) => {
    expectConditionProblems(text, expected);
  });

  it('reports resource.x when the permission has no resource type', () => {
    const env = budgetEnv({ resource: undefined, resourceTypeName: undefined });
    expectConditionProblems('resource.owner == subject.id', [unknown([0, 8], 'resource')], env);
    expectConditionProblems('has(resource.type)', [unknown([4, 12], 'resource')], env);
    expect(checkConditionText('resource.owner == subject.id', env).problems[0]!.message).toMatch(/no resource type/);
    // 'resource' is then no suggestion for a misspelled root.
    expect(checkConditionText('resourc.owner == 1', env).problems[0]!.suggestions).toEqual([]);
  });

  it('does not type-check a condition with syntax errors', () => {
    expect(checkConditionText('user.x == ', budgetEnv()).problems.map((p) => p.code)).toEqual(['expr-syntax']);
  });
});

describe('typeCheck: built-in attributes', () => {
  it('always has subject.id, subject.set and resource.type', () => {
    const env = { subject: new Map(), context: new Map(), resource: new Map() };
    expectNoProblems("subject.id == 'u1' and subject.set == 'admin' and resource.type == 'deal'", env);
  });

  it('lets the catalog declare a built-in again', () => {
    expectNoProblems("subject.id == 'u1'", budgetEnv({ subject: attrs({ id: 'string' }) }));
  });
});

describe('typeCheck: messages and suggestions', () => {
  it.each([
    ['resource.ownr == subject.id', "Resource type 'budget' has no attribute 'ownr'. Did you mean 'owner'?", ['owner']],
    ["subject.ID == 'x'", "The subject has no attribute 'ID'. Did you mean 'id'?", ['id']],
    ["resource.typ == 'x'", "Resource type 'budget' has no attribute 'typ'. Did you mean 'type'?", ['type']],
    ['context.mfaa', "The context has no attribute 'mfaa'. Did you mean 'mfa'?", ['mfa']],
    [
      "subjet.id == 'x'",
      "Unknown name 'subjet': a path starts with 'subject', 'resource' or 'context'. Did you mean 'subject'?",
      ['subject'],
    ],
    [
      "owner == 'x'",
      "Unknown name 'owner': a path starts with 'subject', 'resource' or 'context'. Did you mean 'resource.owner'?",
      ['resource.owner'],
    ],
    ["resource.zzz == 'x'", "Resource type 'budget' has no attribute 'zzz'.", []],
  ])('%s', (text, message, suggestions) => {
    const [problem] = checkConditionText(text, budgetEnv()).problems;
    expect(problem).toMatchObject({ code: 'expr-unknown-attribute', message, suggestions });
  });

  it('names "the resource" when the type has no name', () => {
    const env = budgetEnv({ resourceTypeName: undefined });
    expect(checkConditionText('resource.ownr == 1', env).problems[0]!.message).toMatch(
      /^The resource has no attribute 'ownr'/,
    );
  });

  it.each([
    ['resource.owner', "A condition must be true or false, but 'resource.owner' is a string"],
    ['resource.owner == 1', "Cannot compare a string with a number: 'resource.owner' and 1 are never equal"],
    [
      "resource.members == 'a'",
      "'==' compares single values, but 'resource.members' is a list of strings; use 'in' to test membership",
    ],
    ['resource.amount in resource.members', "'resource.amount' is a number, so it is never in a list of strings"],
    ["resource.owner.name == 'x'", "'owner' is a string; it has no attributes"],
    ['subject', "'subject' is not a value; name one of its attributes, like 'subject.id'"],
    ["'a' < 1", "'<' compares numbers, but 'a' is a string"],
  ])('%s', (text, message) => {
    expect(checkConditionText(text, budgetEnv()).problems[0]!.message).toBe(message);
  });

  it('returns problems directly from typeCheck on an AST', () => {
    const { ast } = parseCondition('resource.owner == 1');
    expect(typeCheck(ast!, budgetEnv())).toHaveLength(1);
  });
});
