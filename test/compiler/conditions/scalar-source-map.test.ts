import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ScalarSourceMap, scalarOffsetMapper } from '../../../packages/compiler/src/conditions/index.js';
import type { YScalar } from '../../../packages/compiler/src/load/index.js';
import { onlyScalar, valueScalars } from './helpers.js';

/**
 * Hand-checked maps: `[valueIndex, fileOffset, what the file holds there]`. The third column is
 * asserted too, so each row reads as "value char i comes from this text".
 */
const EXAMPLES: { name: string; yaml: string; value: string; at: [number, number, string][] }[] = [
  {
    name: 'plain, one line',
    yaml: 'k: a == b\n',
    value: 'a == b',
    at: [
      [0, 3, 'a'],
      [5, 8, 'b'],
      [6, 9, '\n'],
    ],
  },
  {
    name: 'plain, folded lines',
    yaml: 'k: a and\n    b\n\n  c\n',
    value: 'a and b\nc',
    at: [
      [4, 7, 'd'],
      [5, 8, '\n'],
      [6, 13, 'b'],
      [7, 14, '\n'],
      [8, 18, 'c'],
      [9, 19, '\n'],
    ],
  },
  {
    name: 'single-quoted with a doubled quote',
    yaml: "k: 'it''s x'\n",
    value: "it's x",
    at: [
      [0, 4, 'i'],
      [2, 6, "''"],
      [3, 8, 's'],
      [5, 10, 'x'],
      [6, 11, "'"],
    ],
  },
  {
    name: 'single-quoted, folded',
    yaml: "k: 'a  \n   b'\n",
    value: 'a b',
    at: [
      [0, 4, 'a'],
      [1, 5, '  \n'],
      [2, 11, 'b'],
      [3, 12, "'"],
    ],
  },
  {
    name: 'double-quoted escapes',
    yaml: 'k: "a\\x41\\u00e9\\U0001F600\\"b"\n',
    value: 'aAé😀"b',
    at: [
      [0, 4, 'a'],
      [1, 5, '\\x41'],
      [2, 9, '\\u00e9'],
      [3, 15, '\\U0001F600'],
      [4, 15, '\\U0001F600'],
      [5, 25, '\\"'],
      [6, 27, 'b'],
      [7, 28, '"'],
    ],
  },
  {
    name: 'double-quoted escaped line break',
    yaml: 'k: "ab \\\n    cd"\n',
    value: 'ab cd',
    at: [
      [2, 6, ' '],
      [3, 13, 'c'],
      [4, 14, 'd'],
      [5, 15, '"'],
    ],
  },
  {
    name: 'double-quoted fold',
    yaml: 'k: "a\n\n   b"\n',
    value: 'a\nb',
    at: [
      [0, 4, 'a'],
      [1, 5, '\n'],
      [2, 10, 'b'],
    ],
  },
  {
    name: 'literal block, clip',
    yaml: 'k: |\n  a ==\n    b\nz: 1\n',
    value: 'a ==\n  b\n',
    at: [
      [0, 7, 'a'],
      [4, 11, '\n'],
      [5, 14, '  b'],
      [7, 16, 'b'],
      [8, 17, '\n'],
      [9, 18, 'z'],
    ],
  },
  {
    name: 'literal block, strip, nested',
    yaml: 'a:\n  k: |-\n    x\n    y\n',
    value: 'x\ny',
    at: [
      [0, 15, 'x'],
      [1, 16, '\n'],
      [2, 21, 'y'],
      [3, 22, '\n'],
    ],
  },
  {
    name: 'literal block, explicit indentation',
    yaml: 'k: |2\n   x\n',
    value: ' x\n',
    at: [
      [0, 8, ' x'],
      [1, 9, 'x'],
      [2, 10, '\n'],
    ],
  },
  {
    name: 'literal block, explicit indentation in a sequence',
    yaml: 'a:\n  - |1\n     x\n',
    value: '  x\n',
    at: [
      [0, 13, '  x'],
      [2, 15, 'x'],
      [3, 16, '\n'],
    ],
  },
  {
    name: 'folded block, keep',
    yaml: 'k: >+ # note\n  a\n  b\n\n',
    value: 'a b\n\n',
    at: [
      [0, 15, 'a'],
      [1, 16, '\n'],
      [2, 19, 'b'],
      [3, 20, '\n'],
      [4, 21, '\n'],
    ],
  },
  {
    name: 'folded block, more-indented line',
    yaml: 'k: >\n a\n   b\n c\n',
    value: 'a\n  b\nc\n',
    at: [
      [0, 6, 'a'],
      [2, 9, '  b'],
      [4, 11, 'b'],
      [6, 14, 'c'],
    ],
  },
  {
    name: 'CRLF plain',
    yaml: 'k: a\r\n  b\r\n',
    value: 'a b',
    at: [
      [0, 3, 'a'],
      [1, 4, '\r\n'],
      [2, 8, 'b'],
    ],
  },
  {
    name: 'CRLF literal block',
    yaml: 'k: |\r\n  a\r\n  b\r\n',
    value: 'a\nb\n',
    at: [
      [0, 8, 'a'],
      [1, 9, '\r\n'],
      [2, 13, 'b'],
      [3, 14, '\r\n'],
    ],
  },
];

describe('scalarOffsetMapper: examples', () => {
  it.each(EXAMPLES)('$name', ({ yaml, value, at }) => {
    const { scalars, errors } = valueScalars(yaml);
    expect(errors).toEqual([]);
    const scalar = scalars[0]!;
    expect(scalar.value).toBe(value);
    const map = scalarOffsetMapper(yaml, scalar);
    for (const [index, offset, text] of at) {
      expect([index, map(index)]).toEqual([index, offset]);
      expect(yaml.startsWith(text, offset)).toBe(true);
    }
    expect(ScalarSourceMap.of(yaml, scalar).exact).toBe(true);
  });

  it('maps an empty value to where it would be', () => {
    expect(scalarOffsetMapper("k: ''\n", onlyScalar("k: ''\n"))(0)).toBe(4);
    expect(scalarOffsetMapper('k: ""\n', onlyScalar('k: ""\n'))(0)).toBe(4);
    expect(scalarOffsetMapper('k: |-\n\nz: 1\n', valueScalars('k: |-\n\nz: 1\n').scalars[0]!)(0)).toBe(6);
    // `k:` without value: the loader's empty scalar [at, at].
    const empty: YScalar = { kind: 'scalar', value: null, style: 'plain', span: [2, 2] };
    expect(ScalarSourceMap.of('k:\n', empty).text).toBe('');
    expect(scalarOffsetMapper('k:\n', empty)(0)).toBe(2);
  });

  it('maps a plain scalar of another type as written', () => {
    for (const yaml of ['k: true\n', 'k: 12\n', 'k: null\n', 'k: ~\n']) {
      const scalar = onlyScalar(yaml);
      const map = ScalarSourceMap.of(yaml, scalar);
      expect(map.text).toBe(yaml.slice(3, -1));
      expect(map.offsetAt(1)).toBe(4);
    }
  });

  it('clamps indexes outside the value', () => {
    const yaml = "k: 'ab'\n";
    const map = scalarOffsetMapper(yaml, onlyScalar(yaml));
    expect([map(-5), map(2), map(99), map(Number.NaN)]).toEqual([4, 6, 6, 4]);
  });

  it('estimates, without claiming exactness, when the value does not match the token', () => {
    const yaml = "k: 'abc'\n";
    const wrong: YScalar = { kind: 'scalar', value: 'something else entirely', style: 'single', span: [3, 8] };
    const map = ScalarSourceMap.of(yaml, wrong);
    expect(map.exact).toBe(false);
    expect(map.isVerbatim([0, 1])).toBe(false);
    for (let i = 0; i <= 23; i++) {
      expect(map.offsetAt(i)).toBeGreaterThanOrEqual(3);
      expect(map.offsetAt(i)).toBeLessThanOrEqual(8);
    }
  });

  it('tells verbatim spans from escaped or folded ones', () => {
    const yaml = 'k: "ab\\x41c\n  de"\n';
    const map = ScalarSourceMap.of(yaml, onlyScalar(yaml)); // value 'abAc de'
    expect(map.text).toBe('abAc de');
    expect(map.isVerbatim([0, 2])).toBe(true);
    expect(map.isVerbatim([1, 3])).toBe(false); // through \x41
    expect(map.isVerbatim([3, 5])).toBe(false); // through the fold
    expect(map.isVerbatim([5, 7])).toBe(true);
    expect(map.spanOf([5, 7])).toEqual([14, 16]);
    expect(map.spanOf([2, 3])).toEqual([6, 10]);
    expect(map.spanOf([7, 7])).toEqual([16, 16]);
  });
});

// --- generated documents -------------------------------------------------------------------

/** Where a scalar sits: text before it (ending where it starts), a sibling after it, indentation. */
interface Context {
  before: string;
  after: string;
  /** Column of the collection holding the scalar (the YAML library's block `indent`). */
  parent: number;
  /** Whether it is inside a flow collection (plain scalars may not contain `[]{},` there). */
  flow?: boolean;
}

const CONTEXTS: Context[] = [
  { before: 'k: ', after: '\nz: 1\n', parent: 0 },
  { before: 'a:\n  k: ', after: '\n  z: 1\n', parent: 2 },
  { before: '- ', after: '\n- 2\n', parent: 0 },
  { before: 'a:\n  - k: ', after: '\n    z: 1\n', parent: 4 },
  { before: 'k: ', after: '', parent: 0 },
  { before: '{ k: ', after: ' }\n', parent: 0, flow: true },
];

type Piece =
  | { kind: 'marker' }
  | { kind: 'markerEscape' }
  | { kind: 'text'; text: string }
  | { kind: 'fold'; trailing: string; blanks: string[]; extra: number }
  | { kind: 'escapedBreak'; extra: number };

const word = (chars: string) => fc.string({ unit: fc.constantFrom(...chars), minLength: 1, maxLength: 4 });
const fold = fc.record({
  kind: fc.constant('fold' as const),
  trailing: fc.constantFrom('', ' ', '  ', '\t', ' \t'),
  blanks: fc.array(fc.constantFrom('', ' ', '   '), { maxLength: 2 }),
  extra: fc.nat(2),
});
const marker = fc.constant({ kind: 'marker' as const });
const text = (chars: string) => word(chars).map((t) => ({ kind: 'text' as const, text: t }));

const plainPieces = (flow: boolean) =>
  fc
    .array(
      fc.tuple(
        fc.oneof(
          fc.constantFrom(' ', '  ').map((t) => ({ kind: 'text' as const, text: t })),
          fold,
        ),
        text(flow ? 'ab_.()=<>1' : 'ab_.()=<>[]1'),
        fc.boolean(),
      ),
      { maxLength: 6 },
    )
    // Every line and word starts with a marker: plain scalars must not start with an indicator.
    .map((rest): Piece[] => {
      const m: Piece = { kind: 'marker' };
      return [m, ...rest.flatMap(([sep, t, withText]): Piece[] => [sep, m, ...(withText ? [t] : [])])];
    });

const singlePieces = fc.array(
  fc.oneof(marker, text('ab #:"\\-[]{},!&*|>%@`é😀'), fc.constant({ kind: 'text' as const, text: "''" }), fold),
  { maxLength: 10 },
);
const doublePieces = fc.array(
  fc.oneof(
    marker,
    fc.constant({ kind: 'markerEscape' as const }),
    text("ab #:'-[]{},!&*|>%@`é😀"),
    fc
      .constantFrom('\\"', '\\\\', '\\n', '\\t', '\\/', '\\x41', '\\U0001F600', '\\ ', '\\0', '\\_', '\\e')
      .map((t) => ({ kind: 'text' as const, text: t })),
    fold,
    fc.record({ kind: fc.constant('escapedBreak' as const), extra: fc.nat(2) }),
  ),
  { maxLength: 10 },
);

/** Writes pieces as flow-scalar source; each marker is a fresh CJK character, so it occurs once. */
function renderFlow(pieces: Piece[], indent: number, markers: { next: number }): string {
  return pieces
    .map((p) => {
      switch (p.kind) {
        case 'marker':
          return String.fromCharCode(0x4e00 + markers.next++);
        case 'markerEscape':
          return `\\u${(0x4e00 + markers.next++).toString(16)}`;
        case 'text':
          return p.text;
        case 'fold':
          return `${p.trailing}\n${p.blanks.map((b) => `${b}\n`).join('')}${' '.repeat(indent + p.extra)}`;
        case 'escapedBreak':
          return `\\\n${' '.repeat(indent + p.extra)}`;
      }
    })
    .join('');
}

const blockDoc = fc.record({
  folded: fc.boolean(),
  indicator: fc.boolean(),
  chomp: fc.constantFrom('', '-', '+'),
  comment: fc.boolean(),
  depth: fc.nat(2),
  leading: fc.array(fc.nat(3), { maxLength: 2 }),
  lines: fc.array(
    fc.record({
      extra: fc.nat(2),
      blank: fc.boolean(),
      parts: fc.array(fc.oneof(marker, text('ab #:\'"\\-\t')), { minLength: 1, maxLength: 4 }),
    }),
    { minLength: 1, maxLength: 5 },
  ),
  trailing: fc.array(fc.nat(4), { maxLength: 3 }),
  finalBreak: fc.boolean(),
});

function renderBlock(doc: BlockDoc, ctx: Context, markers: { next: number }): string {
  const indent = ctx.parent + 1 + doc.depth;
  const header = `${doc.folded ? '>' : '|'}${doc.indicator ? indent - ctx.parent : ''}${doc.chomp}${doc.comment ? ' # c' : ''}\n`;
  const lines: string[] = doc.leading.map((n) => ' '.repeat(Math.min(n, indent)));
  doc.lines.forEach((line, i) => {
    if (line.blank && i > 0) lines.push(' '.repeat(Math.min(line.extra, indent)));
    const extra = i === 0 ? 0 : line.extra;
    lines.push(' '.repeat(indent + extra) + renderFlow(line.parts, 0, markers));
  });
  for (const n of doc.trailing) lines.push(' '.repeat(n));
  // Without a sibling after it, the scalar may end the file with or without a line break.
  return header + lines.join('\n') + (doc.finalBreak && ctx.after === '' ? '\n' : '');
}

type BlockDoc = {
  folded: boolean;
  indicator: boolean;
  chomp: string;
  comment: boolean;
  depth: number;
  leading: number[];
  lines: { extra: number; blank: boolean; parts: Piece[] }[];
  trailing: number[];
  finalBreak: boolean;
};

/**
 * The oracle. The map must reproduce the library's value exactly; every marker must map to its
 * single occurrence in the file (as itself, or as its `\uXXXX` escape); every other character
 * must map to itself, to the backslash of its escape, or (for a fold) to whitespace or a line
 * break; offsets never go backwards and stay inside the scalar.
 */
function expectExactMap(file: string, scalar: YScalar): void {
  const map = ScalarSourceMap.of(file, scalar);
  expect(map.exact).toBe(true);
  expect(map.text).toBe(scalar.value);
  const value = map.text;
  let previous = scalar.span[0];
  for (let i = 0; i < value.length; i++) {
    const offset = map.offsetAt(i);
    const ch = value[i]!;
    const code = ch.charCodeAt(0);
    if (code >= 0x4e00 && code < 0x9fff) {
      const written = file.indexOf(ch) >= 0 ? ch : `\\u${code.toString(16)}`;
      expect({ i, offset }).toEqual({ i, offset: file.indexOf(written) });
    } else if (file[offset] !== ch) {
      // A fold's space or break comes from whitespace, or from the scalar's very end (a block
      // scalar's clipped break when the file ends without one).
      const folded = (ch === ' ' || ch === '\n') && (/\s/.test(file[offset] ?? '') || offset === scalar.span[1]);
      expect({ i, ch, at: file[offset], ok: folded || file[offset] === '\\' }).toEqual({
        i,
        ch,
        at: file[offset],
        ok: true,
      });
    }
    expect(offset).toBeGreaterThanOrEqual(previous);
    previous = offset;
  }
  expect(map.offsetAt(value.length)).toBeGreaterThanOrEqual(previous);
  expect(map.offsetAt(value.length)).toBeLessThanOrEqual(scalar.span[1]);
}

function checkGenerated(ctx: Context, scalarSource: string): void {
  const file = ctx.before + scalarSource + ctx.after;
  const { scalars, errors } = valueScalars(file);
  // The generators aim at valid YAML; the few invalid documents are skipped (fast-check fails
  // the run if it has to skip too many).
  fc.pre(errors.length === 0);
  const scalar = scalars.find((s) => s.span[0] === ctx.before.length);
  fc.pre(scalar !== undefined && typeof scalar.value === 'string');
  expectExactMap(file, scalar!);
}

describe('scalarOffsetMapper: generated YAML, every style', () => {
  const context = fc.constantFrom(...CONTEXTS);
  const runs = { numRuns: 400 };

  it('plain scalars', () => {
    const doc = context.chain((ctx) => fc.tuple(fc.constant(ctx), plainPieces(!!ctx.flow)));
    fc.assert(
      fc.property(doc, ([ctx, pieces]) => checkGenerated(ctx, renderFlow(pieces, ctx.parent + 1, { next: 0 }))),
      runs,
    );
  });

  it('single-quoted scalars', () => {
    fc.assert(
      fc.property(context, singlePieces, (ctx, pieces) =>
        checkGenerated(ctx, `'${renderFlow(pieces, ctx.parent + 1, { next: 0 })}'`),
      ),
      runs,
    );
  });

  it('double-quoted scalars', () => {
    fc.assert(
      fc.property(context, doublePieces, (ctx, pieces) =>
        checkGenerated(ctx, `"${renderFlow(pieces, ctx.parent + 1, { next: 0 })}"`),
      ),
      runs,
    );
  });

  it('literal and folded block scalars, with indentation indicators and chomping', () => {
    const blockContexts = fc.constantFrom(...CONTEXTS.filter((c) => !c.flow));
    fc.assert(
      fc.property(blockContexts, blockDoc, (ctx, doc) => checkGenerated(ctx, renderBlock(doc, ctx, { next: 0 }))),
      { numRuns: 600 },
    );
  });
});
