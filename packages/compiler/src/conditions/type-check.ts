import type { Span } from '../diagnostics/index.js';
import type { Expr, ListExpr } from './ast.js';
import { article, pathType, type AttributeEnv, type TypeProblem } from './attribute-env.js';
import { printCondition } from './print-condition.js';

export type { AttributeEnv, TypeProblem } from './attribute-env.js';

/**
 * The types an expression can have: the attribute types, plus what only literals produce
 * (`[true]`, and `[]`, which fits a list of any type).
 */
type ExprType = 'string' | 'number' | 'boolean' | 'string[]' | 'number[]' | 'boolean[]' | 'empty[]';

/**
 * Type-checks a parsed condition against the catalog's attributes; returns no problems when it
 * is well typed. Rules:
 * - the whole condition, and the operands of `and`, `or`, `not`, are booleans;
 * - `==` and `!=` compare two scalars of one type (string, number or boolean), never lists;
 * - `<` `<=` `>` `>=` compare numbers;
 * - `e in l`: `e` is a scalar of type T and `l` a list of T (an attribute or a list literal,
 *   whose items share one type; `[]` fits any T);
 * - `has(p)`: `p` is a declared `root.attribute`;
 * - paths are `subject.x`, `resource.x` or `context.x` with `x` declared (see `pathType`).
 *
 * Each problem is reported once, on the most precise span (the unknown segment, the operator,
 * the offending operand); an expression whose type is unknown after a problem is not
 * re-reported by the expressions around it. Spans are in the condition text.
 */
export function typeCheck(ast: Expr, env: AttributeEnv): TypeProblem[] {
  const problems: TypeProblem[] = [];
  const report = (p: TypeProblem): void => void problems.push(p);
  // The type is passed in, never recomputed: `typeOf` reports what it finds, so calling it twice
  // on one operand (e.g. when the first call gave `undefined` for an unknown attribute) would
  // report that problem twice.
  const expectType = (expr: Expr, type: ExprType | undefined, want: ExprType, what: string): void => {
    if (type && type !== want) report(typeError(expr.span, `${what}, but ${describe(expr)} is ${article(type)}`));
  };
  expectType(ast, typeOf(ast), 'boolean', 'A condition must be true or false');
  return problems;

  function typeOf(expr: Expr): ExprType | undefined {
    switch (expr.kind) {
      case 'literal':
        return typeof expr.value as 'string' | 'number' | 'boolean';
      case 'list':
        return listType(expr, report);
      case 'path':
        return pathType(expr, env, report);
      case 'has':
        pathType(expr.path, env, report);
        return 'boolean';
      case 'not':
        expectType(expr.operand, typeOf(expr.operand), 'boolean', "'not' needs true or false");
        return 'boolean';
      case 'and':
      case 'or':
        expectType(expr.left, typeOf(expr.left), 'boolean', `'${expr.kind}' needs true or false on both sides`);
        expectType(expr.right, typeOf(expr.right), 'boolean', `'${expr.kind}' needs true or false on both sides`);
        return 'boolean';
      case 'compare': {
        const left = typeOf(expr.left);
        const right = typeOf(expr.right);
        if (expr.op === '==' || expr.op === '!=') {
          offerText(expr.left, right);
          offerText(expr.right, left);
          checkEquality(expr.op, expr.left, left, expr.right, right, expr.opSpan);
        } else {
          expectType(expr.left, left, 'number', `'${expr.op}' compares numbers`);
          expectType(expr.right, right, 'number', `'${expr.op}' compares numbers`);
        }
        return 'boolean';
      }
      case 'in': {
        const element = typeOf(expr.element);
        const list = typeOf(expr.list);
        if (element && isList(element))
          report(
            typeError(
              expr.element.span,
              `'in' looks for one value in a list, but ${describe(expr.element)} is ${article(element)}`,
            ),
          );
        else if (list && !isList(list))
          report(
            typeError(expr.list.span, `'in' needs a list on its right, but ${describe(expr.list)} is ${article(list)}`),
          );
        else if (element && list && list !== 'empty[]' && `${element}[]` !== list) {
          report(
            typeError(
              expr.opSpan,
              `${describe(expr.element)} is ${article(element)}, so it is never in ${article(list)}`,
            ),
          );
        }
        return 'boolean';
      }
    }
  }

  // `resource.visibility == public`: a bare unknown name compared with a string was most likely
  // meant as text, so its problem offers the string literal first.
  function offerText(side: Expr, other: ExprType | undefined): void {
    if (other !== 'string' || side.kind !== 'path' || side.segments.length > 0) return;
    const i = problems.findIndex(
      (p) => p.code === 'expr-unknown-attribute' && p.span[0] === side.span[0] && p.span[1] === side.span[1],
    );
    const problem = problems[i];
    // `owner == 'x'` names an attribute without its root: `resource.owner` is the better guess.
    if (!problem || problem.suggestions?.some((s) => s.includes('.'))) return;
    const literal = `"${side.root}"`;
    const message = `${problem.message.replace(/ Did you mean .*$/, '')} To compare with the text ${side.root}, quote it: ${literal}.`;
    problems[i] = { ...problem, message, suggestions: [literal, ...(problem.suggestions ?? [])] };
  }

  function checkEquality(
    op: string,
    left: Expr,
    lt: ExprType | undefined,
    right: Expr,
    rt: ExprType | undefined,
    opSpan: Span,
  ): void {
    const listSide =
      lt && isList(lt) ? { expr: left, type: lt } : rt && isList(rt) ? { expr: right, type: rt } : undefined;
    if (listSide) {
      report(
        typeError(
          listSide.expr.span,
          `'${op}' compares single values, but ${describe(listSide.expr)} is ${article(listSide.type)}; use 'in' to test membership`,
        ),
      );
    } else if (lt && rt && lt !== rt) {
      report(
        typeError(
          opSpan,
          `Cannot compare ${article(lt)} with ${article(rt)}: ${describe(left)} and ${describe(right)} are never equal`,
        ),
      );
    }
  }
}

function listType(list: ListExpr, report: (p: TypeProblem) => void): ExprType | undefined {
  const first = list.items[0];
  if (!first) return 'empty[]';
  const type = typeof first.value;
  const odd = list.items.find((i) => typeof i.value !== type);
  if (odd) {
    report(
      typeError(
        odd.span,
        `A list holds values of one type: ${describe(first)} is a ${type} but ${describe(odd)} is a ${typeof odd.value}`,
      ),
    );
    return undefined;
  }
  return `${type as 'string' | 'number' | 'boolean'}[]`;
}

function isList(type: ExprType): boolean {
  return type.endsWith('[]');
}

function typeError(span: Span, message: string): TypeProblem {
  return { code: 'expr-type', span, message };
}

// The expression as the user reads it, shortened: messages quote what is underlined.
function describe(expr: Expr): string {
  const text = printCondition(expr);
  // Literals already read as themselves (`'a'`, `12`); everything else is quoted.
  const quoted = expr.kind === 'literal' ? text : `'${text}'`;
  return quoted.length > 42 ? 'this expression' : quoted;
}
