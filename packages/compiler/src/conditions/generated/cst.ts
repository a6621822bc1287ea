// Generated from the grammar in ../parser.ts by chevrotain's generateCstDts. Do not edit:
// run `npm run generate` after changing the grammar.

import type { CstNode, ICstVisitor, IToken } from "chevrotain";

export interface ConditionCstNode extends CstNode {
  name: "condition";
  children: ConditionCstChildren;
}

export type ConditionCstChildren = {
  orExpr: OrExprCstNode[];
};

export interface OrExprCstNode extends CstNode {
  name: "orExpr";
  children: OrExprCstChildren;
}

export type OrExprCstChildren = {
  operands: (AndExprCstNode)[];
  OrOperator?: IToken[];
};

export interface AndExprCstNode extends CstNode {
  name: "andExpr";
  children: AndExprCstChildren;
}

export type AndExprCstChildren = {
  operands: (NotExprCstNode)[];
  AndOperator?: IToken[];
};

export interface NotExprCstNode extends CstNode {
  name: "notExpr";
  children: NotExprCstChildren;
}

export type NotExprCstChildren = {
  NotOperator?: IToken[];
  comparison: ComparisonCstNode[];
};

export interface ComparisonCstNode extends CstNode {
  name: "comparison";
  children: ComparisonCstChildren;
}

export type ComparisonCstChildren = {
  left: OperandCstNode[];
  ComparisonOperator?: IToken[];
  In?: IToken[];
  right?: OperandCstNode[];
};

export interface OperandCstNode extends CstNode {
  name: "operand";
  children: OperandCstChildren;
}

export type OperandCstChildren = {
  ScalarLiteral?: IToken[];
  list?: ListCstNode[];
  hasCall?: HasCallCstNode[];
  path?: PathCstNode[];
  parenthesized?: ParenthesizedCstNode[];
};

export interface ParenthesizedCstNode extends CstNode {
  name: "parenthesized";
  children: ParenthesizedCstChildren;
}

export type ParenthesizedCstChildren = {
  LParen: IToken[];
  orExpr: OrExprCstNode[];
  RParen: IToken[];
};

export interface ListCstNode extends CstNode {
  name: "list";
  children: ListCstChildren;
}

export type ListCstChildren = {
  LBracket: IToken[];
  items?: IToken[];
  Comma?: IToken[];
  RBracket: IToken[];
};

export interface HasCallCstNode extends CstNode {
  name: "hasCall";
  children: HasCallCstChildren;
}

export type HasCallCstChildren = {
  Has: IToken[];
  LParen: IToken[];
  path: PathCstNode[];
  RParen: IToken[];
};

export interface PathCstNode extends CstNode {
  name: "path";
  children: PathCstChildren;
}

export type PathCstChildren = {
  root: IToken[];
  Dot?: IToken[];
  segments?: IToken[];
};

export interface ICstNodeVisitor<IN, OUT> extends ICstVisitor<IN, OUT> {
  condition(children: ConditionCstChildren, param?: IN): OUT;
  orExpr(children: OrExprCstChildren, param?: IN): OUT;
  andExpr(children: AndExprCstChildren, param?: IN): OUT;
  notExpr(children: NotExprCstChildren, param?: IN): OUT;
  comparison(children: ComparisonCstChildren, param?: IN): OUT;
  operand(children: OperandCstChildren, param?: IN): OUT;
  parenthesized(children: ParenthesizedCstChildren, param?: IN): OUT;
  list(children: ListCstChildren, param?: IN): OUT;
  hasCall(children: HasCallCstChildren, param?: IN): OUT;
  path(children: PathCstChildren, param?: IN): OUT;
}
