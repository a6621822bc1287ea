import { expect } from 'vitest';
import { isMap, isPair, isScalar, isSeq, parseDocument, type Node as YamlNode, type Scalar } from 'yaml';
import type {
  AttrType,
  AttributeEnv,
  ConditionProblem,
  Expr,
} from '../../../packages/compiler/src/conditions/index.js';
import { checkConditionText } from '../../../packages/compiler/src/conditions/index.js';
import type { ScalarStyle, YScalar } from '../../../packages/compiler/src/load/index.js';

/** The catalog of the spec's example (budget resources), as an attribute environment. */
export function budgetEnv(overrides: Partial<AttributeEnv> = {}): AttributeEnv {
  return {
    subject: attrs({ subsidiary: 'string', reports: 'string[]', can_access_budgets: 'boolean', level: 'number' }),
    context: attrs({ ip: 'string', hour: 'number', mfa: 'boolean' }),
    resource: attrs({
      owner: 'string',
      members: 'string[]',
      approver: 'string',
      client_access: 'boolean',
      amount: 'number',
      scores: 'number[]',
    }),
    resourceTypeName: 'budget',
    ...overrides,
  };
}

/** An attribute map from an object literal. */
export function attrs(record: Record<string, AttrType>): ReadonlyMap<string, AttrType> {
  return new Map(Object.entries(record));
}

/** One expected problem of a table: its code, its exact span, and (as a readable check) the text it covers. */
export interface ExpectedProblem {
  code: ConditionProblem['code'];
  span: readonly [number, number];
  /** `text.slice(...span)`, stated so a table's spans can be read and reviewed. */
  at: string;
}

/** Checks a condition's text and asserts exactly the expected problems (code, span, covered text). */
export function expectConditionProblems(
  text: string,
  expected: readonly ExpectedProblem[],
  env: AttributeEnv = budgetEnv(),
): ConditionProblem[] {
  const { problems } = checkConditionText(text, env);
  const actual = problems.map((p) => ({ code: p.code, span: [...p.span], at: text.slice(p.span[0], p.span[1]) }));
  expect(actual).toEqual(expected.map((e) => ({ code: e.code, span: [...e.span], at: e.at })));
  return problems;
}

/** Asserts that a condition has no problem at all. */
export function expectNoProblems(text: string, env: AttributeEnv = budgetEnv()): void {
  expect(checkConditionText(text, env).problems).toEqual([]);
}

/** An S-expression of an AST, to assert shapes compactly: `(and (== subject.id 'a') (not b))`. */
export function sexpr(e: Expr): string {
  switch (e.kind) {
    case 'literal':
      return typeof e.value === 'string' ? `'${e.value}'` : String(e.value);
    case 'list':
      return `[${e.items.map(sexpr).join(' ')}]`;
    case 'path':
      return [e.root, ...e.segments].join('.');
    case 'has':
      return `(has ${sexpr(e.path)})`;
    case 'not':
      return `(not ${sexpr(e.operand)})`;
    case 'compare':
      return `(${e.op} ${sexpr(e.left)} ${sexpr(e.right)})`;
    case 'in':
      return `(in ${sexpr(e.element)} ${sexpr(e.list)})`;
    case 'and':
    case 'or':
      return `(${e.kind} ${sexpr(e.left)} ${sexpr(e.right)})`;
  }
}

/** An AST without its spans, for "same tree" comparisons. */
export function withoutSpans(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSpans);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => k !== 'span' && k !== 'opSpan' && k !== 'segmentSpans')
        .map(([k, v]) => [k, withoutSpans(v)]),
    );
  }
  return value;
}

/** Every node of an AST, parents first. */
export function nodesOf(e: Expr): Expr[] {
  const out: Expr[] = [];
  const stack: Expr[] = [e];
  while (stack.length) {
    const n = stack.pop()!;
    out.push(n);
    if (n.kind === 'list') stack.push(...n.items);
    else if (n.kind === 'has') stack.push(n.path);
    else if (n.kind === 'not') stack.push(n.operand);
    else if (n.kind === 'compare' || n.kind === 'and' || n.kind === 'or') stack.push(n.left, n.right);
    else if (n.kind === 'in') stack.push(n.element, n.list);
  }
  return out;
}

const STYLES: Record<string, ScalarStyle> = {
  PLAIN: 'plain',
  QUOTE_SINGLE: 'single',
  QUOTE_DOUBLE: 'double',
  BLOCK_LITERAL: 'literal',
  BLOCK_FOLDED: 'folded',
};

/** A {@link YScalar} built the way the loader builds it: span from `range`, style from `type`. */
export function toYScalar(node: Scalar): YScalar {
  const v = node.value;
  const value =
    v === null || v === undefined
      ? null
      : typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'
        ? v
        : String(v);
  const range = node.range ?? [0, 0, 0];
  return { kind: 'scalar', value, style: STYLES[node.type ?? 'PLAIN'] ?? 'plain', span: [range[0], range[1]] };
}

/**
 * The value scalars of a YAML text (mapping keys excluded), in document order, with the parse
 * errors, so a test can insist the YAML it generated is valid.
 */
export function valueScalars(fileText: string): { scalars: YScalar[]; errors: string[] } {
  const doc = parseDocument(fileText, { uniqueKeys: false, strict: true });
  const scalars: YScalar[] = [];
  const visit = (node: unknown): void => {
    if (isScalar(node)) scalars.push(toYScalar(node));
    else if (isMap(node)) for (const pair of node.items) visit(isPair(pair) ? pair.value : undefined);
    else if (isSeq(node)) for (const item of node.items) visit(item as YamlNode);
  };
  visit(doc.contents);
  return { scalars, errors: doc.errors.map((e) => e.message) };
}

/** The single value scalar of a YAML text (asserting the YAML is valid and has exactly one). */
export function onlyScalar(fileText: string): YScalar {
  const { scalars, errors } = valueScalars(fileText);
  expect(errors).toEqual([]);
  expect(scalars).toHaveLength(1);
  return scalars[0]!;
}
