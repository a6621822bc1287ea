import {
  attributesOf,
  type AttrType,
  type AttributeEnv,
  type CompareOp,
  type Expr,
  type PathExpr,
} from '../../conditions/index.js';
import type { Formula, FormulaBuilder } from './cedar-formula.js';
import { wellFormed } from '../../runtime/index.js';
import { attributeAccess, cedarString, hasAttribute } from './cedar-text.js';

/**
 * The optional attributes that carry, per entity (and in the context), the names of attributes
 * that are present but unreadable. permset's `has(x)` is true for any present value, while a
 * read of a value of the wrong type is an error; Cedar only has absent or well-typed. So the
 * entities helper omits an unreadable value and lists its name here instead:
 *
 * - `$invalid`: present (not missing or null) but not a value of the declared type, or not
 *   representable in Cedar (a non-integer or unsafe number, a string with a lone surrogate):
 *   `has()` is true, a read is an error;
 * - `$error`: reading it threw (a getter, a proxy trap): `has()` and reads are errors.
 *
 * They are declared only on the entity types (and context) whose attributes some exported
 * condition tests with `has()`.
 */
export const MARKER_INVALID = '$invalid';
/** See {@link MARKER_INVALID}. */
export const MARKER_ERROR = '$error';

/** A permset root and the Cedar variable it is read from. */
export type Root = 'subject' | 'resource' | 'context';
export const ROOT_VARIABLE: Readonly<Record<Root, string>> = {
  subject: 'principal',
  resource: 'resource',
  context: 'context',
};

/** What the translation of one condition instance needs. */
export interface TranslationEnv {
  /** The attributes (the condition is well typed against them). */
  attributes: AttributeEnv;
  /** Whether each root's entity (or the context) declares the marker attributes. */
  markers: Readonly<Record<Root, boolean>>;
}

/**
 * A permset condition as two error-free Cedar formulas: `t` holds when the condition evaluates
 * to true, `f` when it evaluates to false. When it evaluates to an error (a missing or mistyped
 * attribute on the evaluated path), neither holds. permset's errors propagate like Cedar's,
 * but a strictly validated Cedar policy cannot err, so errors are made explicit: a read of
 * `resource.x` is guarded by `resource has x` (the helper omits unreadable values), `and`/`or`
 * keep their short-circuit order (`a or b` is true when a is true, or when a is false and b is
 * true), and `not` swaps `t` and `f`.
 */
export interface Truth {
  t: Formula;
  f: Formula;
}

/** The largest integer permset numbers and Cedar `Long`s both represent exactly. */
export const MAX_EXACT = Number.MAX_SAFE_INTEGER;

/** Whether a runtime number is represented in Cedar (the entities helper's rule). */
export function isExactInteger(n: number): boolean {
  return Number.isSafeInteger(n);
}

type Operand =
  | { kind: 'literal'; value: string | number | boolean }
  | { kind: 'attribute'; type: AttrType; guard: Formula; access: string }
  | { kind: 'truth'; truth: Truth };

/**
 * Translates a WELL-TYPED condition (no `typeCheck` problems against `env.attributes`).
 *
 * Numbers: Cedar has 64-bit integers only, and the entities helper passes only safe integers
 * (|n| ≤ 2^53 − 1), marking other numbers unreadable. Against that domain every permset
 * literal has an exact integer equivalent: `x < 2.5` is `x <= 2`, `x == 2.5` is false (still
 * an error when x is), `x < 1e300` is true. Likewise a string literal with a lone surrogate
 * equals no Cedar string.
 */
export function translateCondition(ast: Expr, env: TranslationEnv, fb: FormulaBuilder): Truth {
  const truth = (e: Expr): Truth => {
    switch (e.kind) {
      case 'literal':
        return constant(e.value === true);
      case 'path':
        return truthOf(operand(e));
      case 'list':
        throw new Error('translateCondition: a list is not a condition (type-check first)');
      case 'has':
        return hasTruth(e.path);
      case 'not': {
        const inner = truth(e.operand);
        return { t: inner.f, f: inner.t };
      }
      case 'and': {
        const a = truth(e.left);
        const b = truth(e.right);
        return { t: fb.and(a.t, b.t), f: fb.or(a.f, fb.and(a.t, b.f)) };
      }
      case 'or': {
        const a = truth(e.left);
        const b = truth(e.right);
        return { t: fb.or(a.t, fb.and(a.f, b.t)), f: fb.and(a.f, b.f) };
      }
      case 'compare':
        return compare(e.op, operand(e.left), operand(e.right));
      case 'in':
        return membership(operand(e.element), e.list);
    }
  };

  const constant = (value: boolean): Truth => ({ t: fb.constant(value), f: fb.constant(!value) });

  /** A relation that holds or not once its guards hold: true when guards ∧ holds, false when guards ∧ ¬holds. */
  const guarded = (guards: Formula[], holds: Formula): Truth => ({
    t: fb.and(...guards, holds),
    f: fb.and(...guards, fb.not(holds)),
  });

  const operand = (e: Expr): Operand => {
    if (e.kind === 'literal') return { kind: 'literal', value: e.value };
    if (e.kind === 'path') {
      const name = e.segments[0]!;
      const type = attributesOf(env.attributes, e.root)?.get(name);
      if (!type) throw new Error(`translateCondition: '${e.root}.${name}' is not declared (type-check first)`);
      const variable = ROOT_VARIABLE[e.root as Root];
      return {
        kind: 'attribute',
        type,
        guard: fb.atom(hasAttribute(variable, name), `!(${hasAttribute(variable, name)})`),
        access: attributeAccess(variable, name),
      };
    }
    return { kind: 'truth', truth: truth(e) };
  };

  const truthOf = (o: Operand): Truth => {
    if (o.kind === 'truth') return o.truth;
    if (o.kind === 'literal') return constant(o.value === true);
    return guarded([o.guard], fb.atom(o.access, `!${o.access}`));
  };

  const hasTruth = (path: PathExpr): Truth => {
    const root = path.root as Root;
    const variable = ROOT_VARIABLE[root];
    const name = path.segments[0]!;
    const present = fb.atom(hasAttribute(variable, name), `!(${hasAttribute(variable, name)})`);
    if (!env.markers[root]) return { t: present, f: fb.not(present) };
    const listed = (marker: string) => {
      const test = hasAttribute(variable, marker);
      const contains = `${attributeAccess(variable, marker)}.contains(${cedarString(name)})`;
      return fb.and(fb.atom(test, `!(${test})`), fb.atom(contains, `!${contains}`));
    };
    const p = fb.or(present, listed(MARKER_INVALID));
    const ok = fb.not(listed(MARKER_ERROR));
    return { t: fb.and(ok, p), f: fb.and(ok, fb.not(p)) };
  };

  const compare = (op: CompareOp, left: Operand, right: Operand): Truth => {
    if (left.kind === 'truth' || right.kind === 'truth') {
      // Booleans computed by sub-conditions: equal when both are true or both false.
      const a = truthOf(left);
      const b = truthOf(right);
      const equal = fb.or(fb.and(a.t, b.t), fb.and(a.f, b.f));
      const different = fb.or(fb.and(a.t, b.f), fb.and(a.f, b.t));
      return op === '==' ? { t: equal, f: different } : { t: different, f: equal };
    }
    const guards = [left, right].flatMap((o) => (o.kind === 'attribute' ? [o.guard] : []));
    return guarded(guards, relation(op, left, right));
  };

  /** `left op right` once both are readable. */
  const relation = (
    op: CompareOp,
    left: Operand & { kind: 'literal' | 'attribute' },
    right: Operand & { kind: 'literal' | 'attribute' },
  ): Formula => {
    if (left.kind === 'literal' && right.kind === 'literal') return fb.constant(fold(op, left.value, right.value));
    if (left.kind === 'attribute' && right.kind === 'attribute') return comparison(left.access, op, right.access);
    // One attribute, one literal: written in the user's order when the literal is exact.
    const attr = (left.kind === 'attribute' ? left : right) as Operand & { kind: 'attribute' };
    const lit = (left.kind === 'literal' ? left : right) as Operand & { kind: 'literal' };
    const exact = literalText(lit.value);
    if (exact !== undefined)
      return left.kind === 'attribute' ? comparison(attr.access, op, exact) : comparison(exact, op, attr.access);
    // Seen from the attribute: `2.5 < x` is `x > 2.5`.
    const fromAttr = left.kind === 'attribute' ? op : MIRROR[op];
    if (typeof lit.value === 'string') return fb.constant(fromAttr === '!=');
    const bound = integerBound(fromAttr, lit.value as number);
    return typeof bound === 'boolean' ? fb.constant(bound) : comparison(attr.access, bound.op, String(bound.value));
  };

  const comparison = (l: string, op: CompareOp, r: string): Formula =>
    fb.atom(`${l} ${op} ${r}`, `${l} ${NEGATE[op]} ${r}`);

  const membership = (element: Operand, list: Expr): Truth => {
    if (list.kind === 'path') {
      const l = operand(list) as Operand & { kind: 'attribute' };
      if (element.kind === 'truth') throw new Error('translateCondition: a list attribute holds strings or numbers');
      const guards = element.kind === 'attribute' ? [element.guard, l.guard] : [l.guard];
      const item = element.kind === 'attribute' ? element.access : literalText(element.value);
      // A literal Cedar cannot hold is in no list the helper passes.
      if (item === undefined) return guarded(guards, fb.FALSE);
      const call = `${l.access}.contains(${item})`;
      return guarded(guards, fb.atom(call, `!${call}`));
    }
    if (list.kind !== 'list') throw new Error(`translateCondition: 'in' needs a list, got ${list.kind}`);
    const values = list.items.map((i) => i.value);
    if (element.kind === 'literal') return constant(values.some((v) => v === element.value));
    if (element.kind === 'truth' || element.type === 'boolean') {
      const b = truthOf(element);
      const hasTrue = values.includes(true);
      const hasFalse = values.includes(false);
      return {
        t: fb.or(hasTrue ? b.t : fb.FALSE, hasFalse ? b.f : fb.FALSE),
        f: fb.or(hasTrue ? fb.FALSE : b.t, hasFalse ? fb.FALSE : b.f),
      };
    }
    const items = [...new Set(values.map(literalText).filter((t): t is string => t !== undefined))];
    if (items.length === 0) return guarded([element.guard], fb.FALSE);
    if (items.length === 1) return guarded([element.guard], comparison(element.access, '==', items[0]!));
    const call = `[${items.join(', ')}].contains(${element.access})`;
    return guarded([element.guard], fb.atom(call, `!${call}`));
  };

  return truth(ast);
}

const NEGATE: Readonly<Record<CompareOp, CompareOp>> = {
  '==': '!=',
  '!=': '==',
  '<': '>=',
  '<=': '>',
  '>': '<=',
  '>=': '<',
};
const MIRROR: Readonly<Record<CompareOp, CompareOp>> = {
  '==': '==',
  '!=': '!=',
  '<': '>',
  '<=': '>=',
  '>': '<',
  '>=': '<=',
};

/** A literal as Cedar source, or `undefined` when no value the helper passes can equal it. */
function literalText(value: string | number | boolean): string | undefined {
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return wellFormed(value) ? cedarString(value) : undefined;
  return isExactInteger(value) ? String(value === 0 ? 0 : value) : undefined;
}

/** A comparison of two literals, as permset evaluates it. */
function fold(op: CompareOp, a: string | number | boolean, b: string | number | boolean): boolean {
  switch (op) {
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
  }
}

/**
 * `x op c` for a safe integer x and a literal c that is not one: a constant, or an equivalent
 * comparison with an integer (`x < 2.5` is `x <= 2`, `x >= 2.5` is `x >= 3`).
 */
function integerBound(op: CompareOp, c: number): boolean | { op: CompareOp; value: number } {
  if (op === '==') return false;
  if (op === '!=') return true;
  if (c > MAX_EXACT) return op === '<' || op === '<=';
  if (c < -MAX_EXACT) return op === '>' || op === '>=';
  return op === '<' || op === '<=' ? { op: '<=', value: Math.floor(c) } : { op: '>=', value: Math.ceil(c) };
}
