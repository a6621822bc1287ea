import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CompareOp, Expr, LiteralExpr, PathExpr } from '../../../packages/compiler/src/conditions/index.js';
import {
  checkCondition,
  conditionTokens,
  parseCondition,
  printCondition,
  scalarOffsetMapper,
  ScalarSourceMap,
  typeCheck,
} from '../../../packages/compiler/src/conditions/index.js';
import type { Span } from '../../../packages/compiler/src/diagnostics/index.js';
import type { YScalar } from '../../../packages/compiler/src/load/index.js';
import { budgetEnv, nodesOf, withoutSpans } from './helpers.js';

// --- inputs --------------------------------------------------------------------------------

/** Any UTF-16 code unit, lone surrogates included. */
const anyUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
const anyText = fc.string({ unit: anyUnit, maxLength: 60 });

/** Text made of the language's own pieces, so random input reaches deep into the parser. */
const VOCABULARY = [
  'subject',
  'resource',
  'context',
  'id',
  'owner',
  'members',
  'nope',
  'and',
  'or',
  'not',
  'in',
  'has',
  'true',
  'false',
  '.',
  '(',
  ')',
  '[',
  ']',
  ',',
  '==',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
  '=',
  '&&',
  '||',
  '!',
  "'a'",
  '"b\\"c"',
  "'x",
  '"',
  "'\\q'",
  "'\\u12'",
  '12',
  '-3',
  '1.5',
  '-',
  '@',
  '#',
  'é',
  ' ',
  '  ',
  '\n',
  '\t',
  'android',
  'AND',
];
const tokenSoup = fc.array(fc.constantFrom(...VOCABULARY), { maxLength: 25 }).map((parts) => parts.join(''));
const conditionLike = fc.oneof(
  anyText,
  tokenSoup,
  tokenSoup.map((t) => t.split(' ').join(' ')),
);

function expectSpanIn(span: Span, length: number): void {
  expect(Number.isInteger(span[0]) && Number.isInteger(span[1])).toBe(true);
  expect(0 <= span[0] && span[0] <= span[1] && span[1] <= length).toBe(true);
}

describe('never throws, spans stay in bounds', () => {
  it('parseCondition, typeCheck and conditionTokens on arbitrary text', () => {
    fc.assert(
      fc.property(conditionLike, (text) => {
        const { ast, errors } = parseCondition(text);
        for (const e of errors) expectSpanIn(e.span, text.length);
        expect(ast !== undefined || errors.length > 0).toBe(true);
        if (ast) {
          for (const node of nodesOf(ast)) expectSpanIn(node.span, text.length);
          // Type checking a recovered, partial tree is not done by the compiler, but must be safe.
          for (const p of typeCheck(ast, budgetEnv())) expectSpanIn(p.span, text.length);
          for (const p of typeCheck(ast, budgetEnv({ resource: undefined }))) expectSpanIn(p.span, text.length);
        }
        let previousEnd = 0;
        for (const t of conditionTokens(text)) {
          expectSpanIn(t.span, text.length);
          expect(t.span[0]).toBeGreaterThanOrEqual(previousEnd);
          previousEnd = t.span[1];
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('scalarOffsetMapper and checkCondition on arbitrary files and scalars, even inconsistent ones', () => {
    const scalar = fc.record({
      style: fc.constantFrom('plain', 'single', 'double', 'literal', 'folded') as fc.Arbitrary<YScalar['style']>,
      start: fc.integer({ min: -5, max: 80 }),
      length: fc.integer({ min: -5, max: 80 }),
      value: fc.oneof(anyText, fc.constant(null), fc.integer(), fc.boolean()),
    });
    fc.assert(
      fc.property(fc.oneof(anyText, tokenSoup), scalar, (fileText, s) => {
        const y: YScalar = { kind: 'scalar', style: s.style, value: s.value, span: [s.start, s.start + s.length] };
        const map = scalarOffsetMapper(fileText, y);
        const text = ScalarSourceMap.of(fileText, y).text;
        for (let i = -1; i <= text.length + 1; i++) {
          const offset = map(i);
          expect(Number.isInteger(offset) && offset >= 0 && offset <= fileText.length).toBe(true);
        }
        for (const p of checkCondition('f.yaml', fileText, y, budgetEnv()).problems)
          expectSpanIn(p.span, fileText.length);
      }),
      { numRuns: 1000 },
    );
  });

  it('handles huge and deeply nested input quickly', () => {
    const inputs = [
      '('.repeat(10_000),
      `${'('.repeat(10_000)}a${')'.repeat(10_000)}`,
      ')'.repeat(10_000),
      '['.repeat(10_000),
      `${'not '.repeat(2_400)}a`,
      Array.from({ length: 1_600 }, () => 'a').join(' and '),
      Array.from({ length: 200 }, () => 'a == b').join(' == '),
      `'${'x'.repeat(9_000)}`,
      'a'.repeat(1_000_000),
      '@'.repeat(9_999),
      "'\\".repeat(4_000),
    ];
    const started = Date.now();
    for (const text of inputs) {
      const { ast, errors } = parseCondition(text);
      for (const e of errors) expectSpanIn(e.span, text.length);
      if (ast) typeCheck(ast, budgetEnv());
      if (ast) printCondition(ast);
      conditionTokens(text);
    }
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

// --- round trip ----------------------------------------------------------------------------

const NO_SPAN: Span = [0, 0];
const KEYWORDS = new Set(['true', 'false', 'and', 'or', 'not', 'in', 'has']);
const identifier = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,6}$/);
const root = identifier.filter((s) => !KEYWORDS.has(s));
const scalarValue = fc.oneof(
  fc.string({ unit: fc.oneof(anyUnit, fc.constantFrom("'", '"', '\\', '\n', '\t', 'a')), maxLength: 8 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => n || 0),
  fc.integer({ min: -1000, max: 1000 }),
  fc.boolean(),
);
const literal = scalarValue.map((value): LiteralExpr => ({ kind: 'literal', value, span: NO_SPAN }));
const path = fc
  .tuple(root, fc.array(fc.oneof(identifier, fc.constantFrom(...KEYWORDS)), { maxLength: 3 }))
  .map(([r, segments]): PathExpr => ({
    kind: 'path',
    root: r,
    segments,
    span: NO_SPAN,
    segmentSpans: [NO_SPAN, ...segments.map(() => NO_SPAN)],
  }));
const compareOp = fc.constantFrom<CompareOp>('==', '!=', '<', '<=', '>', '>=');

/** Random well-formed ASTs: every shape the grammar can produce. */
const { expr } = fc.letrec<{ expr: Expr }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    literal,
    path,
    fc.array(literal, { maxLength: 3 }).map((items): Expr => ({ kind: 'list', items, span: NO_SPAN })),
    path.map((p): Expr => ({ kind: 'has', path: p, span: NO_SPAN })),
    tie('expr').map((operand): Expr => ({ kind: 'not', operand, span: NO_SPAN })),
    fc
      .tuple(compareOp, tie('expr'), tie('expr'))
      .map(([op, left, right]): Expr => ({ kind: 'compare', op, left, right, span: NO_SPAN, opSpan: NO_SPAN })),
    fc
      .tuple(tie('expr'), tie('expr'))
      .map(([element, list]): Expr => ({ kind: 'in', element, list, span: NO_SPAN, opSpan: NO_SPAN })),
    fc
      .tuple(fc.constantFrom('and' as const, 'or' as const), tie('expr'), tie('expr'))
      .map(([kind, left, right]): Expr => ({ kind, left, right, span: NO_SPAN, opSpan: NO_SPAN })),
  ),
}));

describe('printCondition round trip', () => {
  it('parse(print(ast)) is ast, apart from spans', () => {
    fc.assert(
      fc.property(expr, (ast) => {
        const printed = printCondition(ast);
        const reparsed = parseCondition(printed);
        expect(reparsed.errors).toEqual([]);
        expect(withoutSpans(reparsed.ast)).toEqual(withoutSpans(ast));
      }),
      { numRuns: 1500 },
    );
  });

  it('print(parse(text)) is stable for any text that parses', () => {
    fc.assert(
      fc.property(tokenSoup, (text) => {
        const { ast, errors } = parseCondition(text);
        if (errors.length > 0 || !ast) return;
        const printed = printCondition(ast);
        expect(withoutSpans(parseCondition(printed).ast)).toEqual(withoutSpans(ast));
        expect(printCondition(parseCondition(printed).ast!)).toBe(printed);
      }),
      { numRuns: 3000 },
    );
  });
});
