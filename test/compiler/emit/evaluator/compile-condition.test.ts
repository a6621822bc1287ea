import { describe, expect, it } from 'vitest';
import { parseCondition, type AttributeEnv } from '../../../../packages/compiler/src/conditions/index.js';
import { compileCondition } from '../../../../packages/compiler/src/emit/evaluator/index.js';

const env: AttributeEnv = {
  subject: new Map([
    ['id', 'string'],
    ['level', 'number'],
    ['teams', 'string[]'],
  ]),
  context: new Map([['plan', 'string']]),
  resource: new Map([
    ['owner', 'string'],
    ['members', 'string[]'],
    ['scores', 'number[]'],
    ['open', 'boolean'],
  ]),
  resourceTypeName: 'doc',
};

const compile = (text: string) => compileCondition(parseCondition(text).ast!, env);

// The exact JavaScript of each construct: values are plain JS values, errors the marker E,
// every operand evaluated once (temporaries), policy strings embedded with JSON.stringify.
describe('compileCondition', () => {
  it.each([
    ['resource.owner == subject.id', '((t0 = rs(r, "owner")) === E || (t1 = rs(s, "id")) === E ? E : t0 === t1)'],
    ["context.plan != 'standard'", '((t0 = rs(c, "plan")) === E ? E : t0 !== "standard")'],
    ['subject.level >= -2', '((t0 = rn(s, "level")) === E ? E : t0 >= (-2))'],
    ['subject.id in resource.members', 'inS(rs(s, "id"), r, "members")'],
    ['1 in resource.scores', 'inN(1, r, "scores")'],
    ["subject.id in ['a', 'b']", '((t0 = rs(s, "id")) === E ? E : (t0 === "a" || t0 === "b"))'],
    ['subject.id in []', '((t0 = rs(s, "id")) === E ? E : false)'],
    ['resource.open and has(resource.owner)', '((t0 = rb(r, "open")) === true ? hasA(r, "owner") : t0)'],
    [
      'resource.open or not resource.open',
      '((t0 = rb(r, "open")) === false ? ((t1 = rb(r, "open")) === E ? E : !t1) : t0)',
    ],
    [
      '(resource.open == true) == false',
      '((t0 = ((t1 = rb(r, "open")) === E ? E : t1 === true)) === E ? E : t0 === false)',
    ],
    [`resource.owner == '"]);x(//'`, '((t0 = rs(r, "owner")) === E ? E : t0 === "\\"]);x(//")'],
  ])('%s', (text, expected) => {
    expect(compile(text).expression).toBe(expected);
  });

  it('lists the temporaries it assigns', () => {
    expect(compile('resource.owner == subject.id').temps).toEqual(['t0', 't1']);
    expect(compile('subject.id in resource.members').temps).toEqual([]);
  });

  it('refuses (throws on) an AST that did not type-check, so the planner can fail closed', () => {
    expect(() => compile('resource.nope == 1')).toThrow(
      "compileCondition: 'resource.nope' is not a declared attribute (type-check first)",
    );
  });
});
