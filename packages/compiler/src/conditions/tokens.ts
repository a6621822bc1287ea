import { createToken, Lexer, type TokenType } from 'chevrotain';

/*
 * The tokens of the condition language. The grammar itself is documented in `parser.ts`.
 *
 * Abstract tokens (`Lexer.NA`) are *categories*: the parser consumes a category, so one
 * grammar rule covers an operator family (`CONSUME(ComparisonOperator)` matches `==`, `<`...),
 * and the CST records the concrete token, whose `tokenType` tells which member it was.
 */

// --- categories --------------------------------------------------------------------------

/** Any token that may follow `.` in a path: identifiers and keywords (`resource.in` is a path). */
export const Name = createToken({ name: 'Name', pattern: Lexer.NA });
/** The reserved words, for highlighting and for "a keyword cannot start a path" messages. */
export const Keyword = createToken({ name: 'Keyword', pattern: Lexer.NA });
/** `==` `!=` `<` `<=` `>` `>=` (and the mistaken `=`, see {@link SingleEquals}). */
export const ComparisonOperator = createToken({ name: 'ComparisonOperator', pattern: Lexer.NA });
/** `and`, plus the mistaken `&&`. */
export const AndOperator = createToken({ name: 'AndOperator', pattern: Lexer.NA });
/** `or`, plus the mistaken `||`. */
export const OrOperator = createToken({ name: 'OrOperator', pattern: Lexer.NA });
/** `not`, plus the mistaken `!`. */
export const NotOperator = createToken({ name: 'NotOperator', pattern: Lexer.NA });
/** A single scalar: string, number, `true` or `false`. */
export const ScalarLiteral = createToken({ name: 'ScalarLiteral', pattern: Lexer.NA });
/** A string, closed or not (an unclosed one is reported by the lexing step, then parsed as if closed). */
export const StringLiteral = createToken({ name: 'StringLiteral', pattern: Lexer.NA, categories: [ScalarLiteral] });

// --- identifiers and keywords --------------------------------------------------------------

/** `[A-Za-z_][A-Za-z0-9_]*`: a path segment. */
export const Identifier = createToken({ name: 'Identifier', pattern: /[A-Za-z_][A-Za-z0-9_]*/, categories: [Name] });

// `longer_alt` makes `android`, `notes` and `has_owner` identifiers, not a keyword plus a tail.
function keyword(word: string, categories: TokenType[]): TokenType {
  const name = word[0]!.toUpperCase() + word.slice(1);
  return createToken({ name, pattern: word, longer_alt: Identifier, categories: [Keyword, Name, ...categories] });
}

/** `true`. */
export const True = keyword('true', [ScalarLiteral]);
/** `false`. */
export const False = keyword('false', [ScalarLiteral]);
/** `and`. */
export const And = keyword('and', [AndOperator]);
/** `or`. */
export const Or = keyword('or', [OrOperator]);
/** `not`. */
export const Not = keyword('not', [NotOperator]);
/** `in`: membership in a list. */
export const In = keyword('in', []);
/** `has`, the one function: `has(resource.x)`. */
export const Has = keyword('has', []);

// --- literals ------------------------------------------------------------------------------

/** `12`, `-3`, `1.5`: the sign belongs to the literal (there is no arithmetic, hence no unary minus). */
export const NumberLiteral = createToken({
  name: 'NumberLiteral',
  pattern: /-?\d+(?:\.\d+)?/,
  categories: [ScalarLiteral],
});

// Strings may not span lines: an unclosed quote then stops at the line end instead of swallowing
// the rest of a multi-line condition. Escapes are validated when the token is decoded.
/** `'text'`. */
export const SingleQuoted = createToken({
  name: 'SingleQuoted',
  pattern: /'(?:[^'\\\n\r]|\\[^\n\r])*'/,
  categories: [StringLiteral],
});
/** `"text"`. */
export const DoubleQuoted = createToken({
  name: 'DoubleQuoted',
  pattern: /"(?:[^"\\\n\r]|\\[^\n\r])*"/,
  categories: [StringLiteral],
});
/** A string whose closing quote is missing before the line end (tried after the closed forms). */
export const UnclosedString = createToken({
  name: 'UnclosedString',
  pattern: /'(?:[^'\\\n\r]|\\[^\n\r])*\\?|"(?:[^"\\\n\r]|\\[^\n\r])*\\?/,
  categories: [StringLiteral],
});

// --- operators and punctuation ---------------------------------------------------------------

/** `==`. */
export const Equals = createToken({ name: 'Equals', pattern: '==', categories: [ComparisonOperator] });
/** `!=`. */
export const NotEquals = createToken({ name: 'NotEquals', pattern: '!=', categories: [ComparisonOperator] });
/** `<=`. */
export const LessEquals = createToken({ name: 'LessEquals', pattern: '<=', categories: [ComparisonOperator] });
/** `<`. */
export const Less = createToken({ name: 'Less', pattern: '<', categories: [ComparisonOperator] });
/** `>=`. */
export const GreaterEquals = createToken({ name: 'GreaterEquals', pattern: '>=', categories: [ComparisonOperator] });
/** `>`. */
export const Greater = createToken({ name: 'Greater', pattern: '>', categories: [ComparisonOperator] });

// Habits from other languages. They are lexed as the operator they obviously mean, so the parse
// goes on as intended, and `lexCondition` reports each with a hint ("write 'and'").
/** `=`, read as `==` and reported. */
export const SingleEquals = createToken({ name: 'SingleEquals', pattern: '=', categories: [ComparisonOperator] });
/** `&&`, read as `and` and reported. */
export const AmpAmp = createToken({ name: 'AmpAmp', pattern: '&&', categories: [AndOperator] });
/** `||`, read as `or` and reported. */
export const PipePipe = createToken({ name: 'PipePipe', pattern: '||', categories: [OrOperator] });
/** `!`, read as `not` and reported. */
export const Bang = createToken({ name: 'Bang', pattern: '!', categories: [NotOperator] });

/** `(`. */
export const LParen = createToken({ name: 'LParen', pattern: '(' });
/** `)`. */
export const RParen = createToken({ name: 'RParen', pattern: ')' });
/** `[`, opening a list literal. */
export const LBracket = createToken({ name: 'LBracket', pattern: '[' });
/** `]`. */
export const RBracket = createToken({ name: 'RBracket', pattern: ']' });
/** `,` between list items. */
export const Comma = createToken({ name: 'Comma', pattern: ',' });
/** `.` between path segments. */
export const Dot = createToken({ name: 'Dot', pattern: '.' });

/** Spaces, tabs and line breaks (a folded or literal YAML block may spread a condition over lines). */
export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /\s+/, group: Lexer.SKIPPED });

/** Tokens that are written as a mistake for another operator, with the operator to write instead. */
export const MISTAKEN_OPERATORS: ReadonlyMap<TokenType, string> = new Map([
  [SingleEquals, '=='],
  [AmpAmp, 'and'],
  [PipePipe, 'or'],
  [Bang, 'not'],
]);

/**
 * Every token type, in lexing order: the lexer takes the first pattern that matches, so longer
 * operators come before their prefixes (`<=` before `<`, `!=` before `!`) and closed strings
 * before unclosed ones. Categories are listed too, as the parser must know them.
 */
export const allTokens: TokenType[] = [
  WhiteSpace,
  NumberLiteral,
  SingleQuoted,
  DoubleQuoted,
  UnclosedString,
  Equals,
  NotEquals,
  LessEquals,
  Less,
  GreaterEquals,
  Greater,
  SingleEquals,
  AmpAmp,
  PipePipe,
  Bang,
  LParen,
  RParen,
  LBracket,
  RBracket,
  Comma,
  Dot,
  True,
  False,
  And,
  Or,
  Not,
  In,
  Has,
  Identifier,
  Name,
  Keyword,
  ComparisonOperator,
  AndOperator,
  OrOperator,
  NotOperator,
  ScalarLiteral,
  StringLiteral,
];

/**
 * A lexer of conditions. `positionTracking: 'onlyOffset'` because spans are offsets; lines and
 * columns are computed once, at the edge. `validate` runs chevrotain's checks of the token
 * definitions: a test does; they cost most of the construction and the tokens are fixed at
 * build time, so the shared instance skips them.
 */
export function createConditionLexer(options: { validate?: boolean } = {}): Lexer {
  return new Lexer(allTokens, {
    positionTracking: 'onlyOffset',
    ensureOptimizations: false,
    skipValidations: options.validate !== true,
  });
}

/** The one lexer instance (stateless between calls). */
export const conditionLexer = createConditionLexer();
