import type { Span } from '../diagnostics/index.js';

/*
 * The typed AST of a condition. Every node carries `span`: offsets into the condition TEXT
 * (the YAML scalar's value, not the file), 0-based and half-open. `scalarOffsetMapper` turns
 * them into file offsets.
 *
 * Nodes are plain readonly data: `checkCondition` caches and shares parsed ASTs between every
 * permission set that uses the same condition, so nothing may mutate them.
 *
 * A parenthesized expression has no node of its own; the inner node's `span` is widened to
 * cover the parentheses, so `(a) and b` starts at offset 0 and a diagnostic on an operand
 * underlines what the user wrote, parentheses included.
 */

/** `true`, `false`, a number or a string (already unescaped). `-0` is read as `0`. */
export interface LiteralExpr {
  readonly kind: 'literal';
  readonly value: string | number | boolean;
  readonly span: Span;
}

/** `[ 'a', 'b' ]`: a list literal of scalars, possibly empty (an extension of the spec). */
export interface ListExpr {
  readonly kind: 'list';
  readonly items: readonly LiteralExpr[];
  readonly span: Span;
}

/**
 * A dotted path such as `resource.owner`. The parser accepts any path (`a`, `a.b.c`); the type
 * checker decides which roots and depths are meaningful.
 */
export interface PathExpr {
  readonly kind: 'path';
  /** The first identifier (`subject`, `resource`, `context` when well-typed). */
  readonly root: string;
  /** The identifiers after the root. */
  readonly segments: readonly string[];
  readonly span: Span;
  /** One span per identifier, the root's first (so `segmentSpans.length === segments.length + 1`). */
  readonly segmentSpans: readonly Span[];
}

/** A comparison operator. */
export type CompareOp = '==' | '!=' | '<' | '<=' | '>' | '>=';

/** `left op right`. Comparisons do not chain: `a == b == c` is a syntax error. */
export interface CompareExpr {
  readonly kind: 'compare';
  readonly op: CompareOp;
  readonly left: Expr;
  readonly right: Expr;
  readonly span: Span;
  /** The operator's characters. */
  readonly opSpan: Span;
}

/** `element in list`: membership of a scalar in a list. */
export interface InExpr {
  readonly kind: 'in';
  readonly element: Expr;
  readonly list: Expr;
  readonly span: Span;
  readonly opSpan: Span;
}

/** `left and right` (left-associative). */
export interface AndExpr {
  readonly kind: 'and';
  readonly left: Expr;
  readonly right: Expr;
  readonly span: Span;
  readonly opSpan: Span;
}

/** `left or right` (left-associative). */
export interface OrExpr {
  readonly kind: 'or';
  readonly left: Expr;
  readonly right: Expr;
  readonly span: Span;
  readonly opSpan: Span;
}

/** `not operand`; its span starts at `not`. */
export interface NotExpr {
  readonly kind: 'not';
  readonly operand: Expr;
  readonly span: Span;
}

/** `has(path)`: whether the attribute is set on this request. */
export interface HasExpr {
  readonly kind: 'has';
  readonly path: PathExpr;
  readonly span: Span;
}

/** A condition expression. */
export type Expr = LiteralExpr | ListExpr | PathExpr | CompareExpr | InExpr | AndExpr | OrExpr | NotExpr | HasExpr;

/** The attribute types a catalog can declare (and so the types of paths). */
export type AttrType = 'string' | 'number' | 'boolean' | 'string[]' | 'number[]';
