import type { Expr } from './ast.js';
import { quoteString } from './string-literal.js';

// Binding strength, as in the grammar: or < and < not < comparison/in < operand.
const PRECEDENCE: Record<Expr['kind'], number> = {
  or: 1,
  and: 2,
  not: 3,
  compare: 4,
  in: 4,
  literal: 5,
  list: 5,
  path: 5,
  has: 5,
};

/**
 * Writes an AST back as condition text, with single spaces and only the parentheses the tree's
 * shape needs: `parseCondition(printCondition(e)).ast` equals `e` apart from spans. Strings are
 * single-quoted; numbers are written in plain decimal (never `1e+21`).
 *
 * Used by the Cedar exporter and the language server (hover, quick fixes), so the output is
 * meant for people as much as for the parser.
 */
export function printCondition(expr: Expr): string {
  switch (expr.kind) {
    case 'literal':
      return printScalar(expr.value);
    case 'list':
      return `[${expr.items.map((i) => printScalar(i.value)).join(', ')}]`;
    case 'path':
      return [expr.root, ...expr.segments].join('.');
    case 'has':
      return `has(${printCondition(expr.path)})`;
    case 'not':
      // `not` chains (`not not a`) bind as the grammar reads them, so an equal level needs no parentheses.
      return `not ${wrap(expr.operand, PRECEDENCE.not)}`;
    case 'compare':
      // Non-associative: an operand at the comparison's own level must be parenthesized.
      return `${wrap(expr.left, PRECEDENCE.compare + 1)} ${expr.op} ${wrap(expr.right, PRECEDENCE.compare + 1)}`;
    case 'in':
      return `${wrap(expr.element, PRECEDENCE.in + 1)} in ${wrap(expr.list, PRECEDENCE.in + 1)}`;
    case 'and':
    case 'or': {
      // Left-associative: the left operand may be at the same level, the right one may not.
      const level = PRECEDENCE[expr.kind];
      return `${wrap(expr.left, level)} ${expr.kind} ${wrap(expr.right, level + 1)}`;
    }
  }
}

function wrap(expr: Expr, minLevel: number): string {
  const text = printCondition(expr);
  return PRECEDENCE[expr.kind] >= minLevel ? text : `(${text})`;
}

/** A literal value as condition text. */
export function printScalar(value: string | number | boolean): string {
  if (typeof value === 'string') return quoteString(value);
  if (typeof value === 'number') return printNumber(value);
  return value ? 'true' : 'false';
}

/**
 * A finite number in the language's decimal syntax. `String(n)` gives the shortest digits that
 * read back as `n` but may use exponent notation (`1e+21`, `1e-7`), which the language lacks;
 * moving the decimal point in that digit string keeps it exact.
 */
export function printNumber(n: number): string {
  const s = String(n);
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const [, sign, lead, frac = '', exp] = m;
  const digits = `${lead}${frac}`;
  const point = 1 + Number(exp);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}
