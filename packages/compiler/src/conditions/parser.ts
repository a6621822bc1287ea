/**
 * The grammar of permset's condition language: a pure chevrotain grammar (no actions; the CST
 * becomes an AST in `to-ast.ts`).
 *
 * ```text
 * condition   := orExpr EOF
 * orExpr      := andExpr ( "or" andExpr )*                 left-associative
 * andExpr     := notExpr ( "and" notExpr )*                left-associative
 * notExpr     := "not"* comparison                         `not a == b` is `not (a == b)`
 * comparison  := operand ( ( "==" | "!=" | "<" | "<=" | ">" | ">=" | "in" ) operand )?
 * operand     := scalar | list | has | path | "(" orExpr ")"
 * list        := "[" ( scalar ( "," scalar )* )? "]"
 * has         := "has" "(" path ")"
 * path        := Identifier ( "." Name )*
 * scalar      := "true" | "false" | Number | String
 * ```
 *
 * Choices, beyond the product spec:
 * - **Precedence**, low to high: `or` < `and` < `not` < comparison and `in` < operand, as in
 *   SQL and Cedar. Comparisons are *non-associative*: `a == b == c` and `a < b < c` are syntax
 *   errors ("comparisons cannot be chained"), because every reading of them is a bug.
 * - **Keywords** (`true false and or not in has`) are case-sensitive (`AND` is an identifier,
 *   then a syntax error) and never swallow identifiers: `android`, `notes` and `has_x` are
 *   identifiers (`longer_alt`). After a `.` a keyword is an ordinary attribute name
 *   (`resource.in`), so the catalog's attribute names are not restricted by the language.
 * - **Paths**: any dotted identifier path is accepted here, even a single identifier; the type
 *   checker reports wrong roots and depths with precise messages.
 * - **Numbers** are decimal: `12`, `-3`, `1.5`; the `-` belongs to the literal (there is no
 *   arithmetic, so no unary minus), and no exponents, `.5` or `1.`. Numbers beyond the double
 *   range are errors. `-0` is `0`.
 * - **Strings** use `'...'` or `"..."`, with the escapes `\\ \' \" \n \t \uXXXX` (exactly four
 *   hex digits); any other escape is an error. A string cannot contain a raw line break, so an
 *   unclosed quote is reported at the end of its line, not at the end of a multi-line condition.
 * - **Lists** (`[ 'a', 'b' ]`, `[]`) are our extension: scalars only, no trailing comma. They
 *   exist for `subject.set in ['admin', 'owner']`.
 * - **`has(path)`** is a call form taking exactly one path; `has` without `(` is an error.
 * - **Mistakes from other languages** (`&&`, `||`, `!`, a single `=`) are lexed as the operator
 *   they obviously mean, reported with a hint, and parsed on, so one typo yields one error.
 * - **Limits** (in `parse-condition.ts`): at most {@link MAX_CONDITION_LENGTH} characters and
 *   {@link MAX_NESTING} nested parentheses, so hostile input cannot overflow the stack. Chains
 *   (`a and b and ...`, `not not ...`) are loops in the grammar, not recursion.
 *
 * @module
 */
import { CstParser } from 'chevrotain';
import { conditionErrorMessages } from './error-messages.js';
import {
  allTokens,
  AndOperator,
  Comma,
  ComparisonOperator,
  Dot,
  Has,
  Identifier,
  In,
  LBracket,
  LParen,
  Name,
  NotOperator,
  OrOperator,
  RBracket,
  RParen,
  ScalarLiteral,
} from './tokens.js';
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- named by the {@link}s of the TSDoc below
import type { MAX_CONDITION_LENGTH, MAX_NESTING } from './limits.js';

/** Options of {@link ConditionParser}. */
export interface ConditionParserOptions {
  /**
   * Run chevrotain's grammar validations (ambiguities, left recursion, unreachable
   * alternatives) while building the parser. They only check the grammar, which is fixed at
   * build time, and take most of the construction time; a test builds the parser with them
   * on, so every run of the CLI and the language server may skip them (chevrotain's advice
   * for production).
   */
  validate?: boolean;
}

/** The chevrotain parser of conditions. Use the shared {@link conditionParser} instance. */
export class ConditionParser extends CstParser {
  constructor(options: ConditionParserOptions = {}) {
    super(allTokens, {
      recoveryEnabled: true,
      errorMessageProvider: conditionErrorMessages,
      skipValidations: options.validate !== true,
    });
    // Very important (chevrotain's words): the grammar is analysed once, here, after every rule
    // has been defined; parsing before it would fail, and repeating it per parse is expensive.
    this.performSelfAnalysis();
  }

  /** The entry rule: a whole condition. */
  condition = this.RULE('condition', () => {
    this.SUBRULE(this.orExpr);
  });

  orExpr = this.RULE('orExpr', () => {
    this.SUBRULE(this.andExpr, { LABEL: 'operands' });
    this.MANY(() => {
      this.CONSUME(OrOperator);
      this.SUBRULE2(this.andExpr, { LABEL: 'operands' });
    });
  });

  andExpr = this.RULE('andExpr', () => {
    this.SUBRULE(this.notExpr, { LABEL: 'operands' });
    this.MANY(() => {
      this.CONSUME(AndOperator);
      this.SUBRULE2(this.notExpr, { LABEL: 'operands' });
    });
  });

  notExpr = this.RULE('notExpr', () => {
    // A loop, not recursion: `not not not ... x` costs no stack.
    this.MANY(() => this.CONSUME(NotOperator));
    this.SUBRULE(this.comparison);
  });

  comparison = this.RULE('comparison', () => {
    this.SUBRULE(this.operand, { LABEL: 'left' });
    // OPTION, not MANY: comparisons are non-associative.
    this.OPTION(() => {
      this.OR([{ ALT: () => this.CONSUME(ComparisonOperator) }, { ALT: () => this.CONSUME(In) }]);
      this.SUBRULE2(this.operand, { LABEL: 'right' });
    });
  });

  operand = this.RULE('operand', () => {
    this.OR([
      { ALT: () => this.CONSUME(ScalarLiteral) },
      { ALT: () => this.SUBRULE(this.list) },
      { ALT: () => this.SUBRULE(this.hasCall) },
      { ALT: () => this.SUBRULE(this.path) },
      { ALT: () => this.SUBRULE(this.parenthesized) },
    ]);
  });

  parenthesized = this.RULE('parenthesized', () => {
    this.CONSUME(LParen);
    this.SUBRULE(this.orExpr);
    this.CONSUME(RParen);
  });

  list = this.RULE('list', () => {
    this.CONSUME(LBracket);
    this.MANY_SEP({ SEP: Comma, DEF: () => this.CONSUME(ScalarLiteral, { LABEL: 'items' }) });
    this.CONSUME(RBracket);
  });

  hasCall = this.RULE('hasCall', () => {
    this.CONSUME(Has);
    this.CONSUME(LParen);
    this.SUBRULE(this.path);
    this.CONSUME(RParen);
  });

  path = this.RULE('path', () => {
    this.CONSUME(Identifier, { LABEL: 'root' });
    this.MANY(() => {
      this.CONSUME(Dot);
      this.CONSUME(Name, { LABEL: 'segments' });
    });
  });
}

/**
 * The one parser instance: chevrotain parsers are built for reuse (set `input`, call a rule,
 * read `errors`), and building one runs the grammar analysis.
 */
export const conditionParser = new ConditionParser();
