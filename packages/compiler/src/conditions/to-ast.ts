import { tokenMatcher, type CstNode, type IToken, type TokenType } from 'chevrotain';
import type { Span } from '../diagnostics/index.js';
import type { CompareOp, Expr, ListExpr, LiteralExpr, PathExpr } from './ast.js';
import type {
  AndExprCstChildren,
  ComparisonCstChildren,
  ConditionCstChildren,
  HasCallCstChildren,
  ICstNodeVisitor,
  ListCstChildren,
  NotExprCstChildren,
  OperandCstChildren,
  OrExprCstChildren,
  ParenthesizedCstChildren,
  PathCstChildren,
} from './generated/cst.js';
import { conditionParser } from './parser.js';
import { decodeStringLiteral } from './string-literal.js';
import {
  Equals,
  False,
  Greater,
  GreaterEquals,
  Less,
  LessEquals,
  NotEquals,
  NumberLiteral,
  SingleEquals,
  StringLiteral,
  True,
  UnclosedString,
} from './tokens.js';

/** Receives the problems found while building the AST (bad escapes, out-of-range numbers). */
export type AstReport = (span: Span, message: string) => void;

const COMPARE_OPS = new Map<TokenType, CompareOp>([
  [Equals, '=='],
  [SingleEquals, '=='],
  [NotEquals, '!='],
  [Less, '<'],
  [LessEquals, '<='],
  [Greater, '>'],
  [GreaterEquals, '>='],
]);

/**
 * The span of a real token; `undefined` for a token chevrotain invented during error recovery
 * (its offsets are NaN) or a missing one.
 */
export function tokenSpan(token: IToken | undefined): Span | undefined {
  if (!token || token.isInsertedInRecovery || !Number.isFinite(token.startOffset)) return undefined;
  return [token.startOffset, token.startOffset + token.image.length];
}

/**
 * The CST-to-AST visitor. Recovered CST nodes may lack any child (the generated types claim
 * otherwise), so every child is read with `?.`; a construct with a missing part collapses to
 * the part that exists (`a and` gives `a`), and a construct with nothing left gives `undefined`.
 */
class ToAstVisitor
  extends conditionParser.getBaseCstVisitorConstructor<AstReport, Expr | undefined>()
  implements ICstNodeVisitor<AstReport, Expr | undefined>
{
  constructor() {
    super();
    this.validateVisitor();
  }

  private child(node: CstNode | undefined, report: AstReport): Expr | undefined {
    return node ? (this.visit(node, report) as Expr | undefined) : undefined;
  }

  condition(c: ConditionCstChildren, report: AstReport): Expr | undefined {
    return this.child(c.orExpr?.[0], report);
  }

  orExpr(c: OrExprCstChildren, report: AstReport): Expr | undefined {
    return this.binary('or', c.operands, c.OrOperator, report);
  }

  andExpr(c: AndExprCstChildren, report: AstReport): Expr | undefined {
    return this.binary('and', c.operands, c.AndOperator, report);
  }

  // Operators and operands are separate arrays in the CST; operator i sits between operands i and i+1.
  private binary(
    kind: 'and' | 'or',
    operands: CstNode[] | undefined,
    ops: IToken[] | undefined,
    report: AstReport,
  ): Expr | undefined {
    let acc = this.child(operands?.[0], report);
    for (let i = 0; i < (ops?.length ?? 0); i++) {
      const right = this.child(operands?.[i + 1], report);
      const opSpan = tokenSpan(ops?.[i]);
      if (acc && right && opSpan) acc = { kind, left: acc, right, span: [acc.span[0], right.span[1]], opSpan };
      else acc = acc ?? right;
    }
    return acc;
  }

  notExpr(c: NotExprCstChildren, report: AstReport): Expr | undefined {
    let inner = this.child(c.comparison?.[0], report);
    const nots = c.NotOperator ?? [];
    for (let i = nots.length - 1; i >= 0 && inner; i--) {
      const span = tokenSpan(nots[i]);
      if (span) inner = { kind: 'not', operand: inner, span: [span[0], inner.span[1]] };
    }
    return inner;
  }

  comparison(c: ComparisonCstChildren, report: AstReport): Expr | undefined {
    const left = this.child(c.left?.[0], report);
    const opToken = c.ComparisonOperator?.[0] ?? c.In?.[0];
    const opSpan = tokenSpan(opToken);
    if (!opToken) return left;
    const right = this.child(c.right?.[0], report);
    if (!left || !right || !opSpan) return left ?? right;
    const span: Span = [left.span[0], right.span[1]];
    const op = COMPARE_OPS.get(opToken.tokenType);
    return op
      ? { kind: 'compare', op, left, right, span, opSpan }
      : { kind: 'in', element: left, list: right, span, opSpan };
  }

  operand(c: OperandCstChildren, report: AstReport): Expr | undefined {
    const scalar = c.ScalarLiteral?.[0];
    if (scalar) return literal(scalar, report);
    return this.child(c.list?.[0] ?? c.hasCall?.[0] ?? c.path?.[0] ?? c.parenthesized?.[0], report);
  }

  parenthesized(c: ParenthesizedCstChildren, report: AstReport): Expr | undefined {
    const inner = this.child(c.orExpr?.[0], report);
    const open = tokenSpan(c.LParen?.[0]);
    const close = tokenSpan(c.RParen?.[0]);
    if (!inner || !open) return inner;
    // The node takes the parentheses' place in the text (see ast.ts).
    return { ...inner, span: [open[0], close ? close[1] : inner.span[1]] };
  }

  list(c: ListCstChildren, report: AstReport): ListExpr | undefined {
    const open = tokenSpan(c.LBracket?.[0]);
    if (!open) return undefined;
    const items: LiteralExpr[] = [];
    for (const token of c.items ?? []) {
      const item = literal(token, report);
      if (item) items.push(item);
    }
    const close = tokenSpan(c.RBracket?.[0]);
    const end = close ? close[1] : (items.at(-1)?.span[1] ?? open[1]);
    return { kind: 'list', items, span: [open[0], end] };
  }

  hasCall(c: HasCallCstChildren, report: AstReport): Expr | undefined {
    const has = tokenSpan(c.Has?.[0]);
    const path = this.child(c.path?.[0], report);
    if (!has || path?.kind !== 'path') return undefined;
    const close = tokenSpan(c.RParen?.[0]);
    return { kind: 'has', path, span: [has[0], close ? close[1] : path.span[1]] };
  }

  path(c: PathCstChildren): PathExpr | undefined {
    const root = c.root?.[0];
    const rootSpan = tokenSpan(root);
    if (!root || !rootSpan) return undefined;
    const segments: string[] = [];
    const segmentSpans: Span[] = [rootSpan];
    for (const token of c.segments ?? []) {
      const span = tokenSpan(token);
      if (!span) break;
      segments.push(token.image);
      segmentSpans.push(span);
    }
    return { kind: 'path', root: root.image, segments, span: [rootSpan[0], segmentSpans.at(-1)![1]], segmentSpans };
  }
}

function literal(token: IToken, report: AstReport): LiteralExpr | undefined {
  const span = tokenSpan(token);
  if (!span) return undefined;
  if (tokenMatcher(token, True)) return { kind: 'literal', value: true, span };
  if (tokenMatcher(token, False)) return { kind: 'literal', value: false, span };
  if (tokenMatcher(token, NumberLiteral)) {
    const value = Number(token.image);
    if (!Number.isFinite(value)) {
      report(
        span,
        `The number ${token.image.length > 20 ? `${token.image.slice(0, 16)}...` : token.image} is too large`,
      );
      return undefined;
    }
    // `x || 0` turns -0 into 0: the two compare equal, and printing must round-trip.
    return { kind: 'literal', value: value || 0, span };
  }
  if (tokenMatcher(token, StringLiteral)) {
    const closed = !tokenMatcher(token, UnclosedString);
    return { kind: 'literal', value: decodeStringLiteral(token.image, span[0], closed, report), span };
  }
  return undefined;
}

const visitor = new ToAstVisitor();

/**
 * The typed AST of a condition's CST (see `ast.ts`), or `undefined` when recovery left nothing
 * usable. Problems that only show once a token is decoded go to `report`.
 */
export function toAst(cst: CstNode, report: AstReport): Expr | undefined {
  return visitor.visit(cst, report) as Expr | undefined;
}
