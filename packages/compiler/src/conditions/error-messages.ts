import { EOF, tokenMatcher, type IParserErrorMessageProvider, type IToken, type TokenType } from 'chevrotain';
import {
  AndOperator,
  ComparisonOperator,
  Dot,
  Has,
  Identifier,
  In,
  LParen,
  Name,
  OrOperator,
  RBracket,
  RParen,
  ScalarLiteral,
} from './tokens.js';

/*
 * Plain-word parser messages. Chevrotain's defaults ("Expecting: one of these possible Token
 * sequences: ...") name grammar internals; these name what the user typed and what is missing.
 * The parser reports an error on its token; `parse-condition.ts` turns an EOF token into the
 * span [len, len].
 */

/** Whether a token is the end of input (chevrotain's EOF, also used as "no token"). */
export function isEof(token: IToken | undefined): boolean {
  return !token || token.tokenType === EOF;
}

// At the start of input chevrotain passes an invalid token as `previous`.
function hasPrevious(token: IToken | undefined): token is IToken {
  return !!token && !isEof(token) && Number.isFinite(token.startOffset) && token.image !== '';
}

/** `'text'` for a token, shortened so a long string does not drown the message. */
export function quoteToken(token: IToken): string {
  if (isEof(token)) return 'the end of the condition';
  const image = token.image.length > 24 ? `${token.image.slice(0, 20)}...` : token.image;
  return `'${image}'`;
}

function isBinaryOperator(token: IToken): boolean {
  return [AndOperator, OrOperator, ComparisonOperator, In].some((t) => tokenMatcher(token, t));
}

function mismatch(expected: TokenType, actual: IToken, previous: IToken, ruleName: string): string {
  const end = isEof(actual);
  if (expected === RParen && ruleName === 'hasCall') {
    return end ? "Expected ')' to close 'has('" : "'has' takes exactly one attribute path, like has(resource.owner)";
  }
  if (expected === RParen) return end ? "Expected ')' to close '('" : `Expected ')' but found ${quoteToken(actual)}`;
  if (ruleName === 'list' && tokenMatcher(actual, Name)) {
    return `List items must be literal values (strings, numbers, true or false), not ${quoteToken(actual)}`;
  }
  if (expected === RBracket)
    return end ? "Expected ']' to close '['" : `Expected ',' or ']' but found ${quoteToken(actual)}`;
  if (expected === ScalarLiteral) return `Expected a value after ','${end ? '' : `, found ${quoteToken(actual)}`}`;
  if (expected === LParen && tokenMatcher(previous, Has)) return "Expected '(' after 'has'";
  if (expected === Identifier) return "'has' takes an attribute path, like has(resource.owner)";
  if (expected === Name && tokenMatcher(previous, Dot)) return "Expected an attribute name after '.'";
  return `Expected '${expected.name}' but found ${quoteToken(actual)}`;
}

function noOperand(actual: IToken, previous: IToken): string {
  if (!hasPrevious(previous)) {
    if (isEof(actual)) return 'The condition is empty';
    return isBinaryOperator(actual)
      ? `Expected an operand before ${quoteToken(actual)}`
      : `Unexpected ${quoteToken(actual)}`;
  }
  if (tokenMatcher(previous, LParen) && tokenMatcher(actual, RParen)) return "Expected a condition between '(' and ')'";
  const after = `Expected an operand after ${quoteToken(previous)}`;
  return isEof(actual) ? after : `${after}, found ${quoteToken(actual)}`;
}

/** The condition parser's {@link IParserErrorMessageProvider}. */
export const conditionErrorMessages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage: ({ expected, actual, previous, ruleName }) =>
    mismatch(expected, actual, previous, ruleName),
  buildNotAllInputParsedMessage: ({ firstRedundant }) => {
    if (tokenMatcher(firstRedundant, ComparisonOperator) || tokenMatcher(firstRedundant, In)) {
      return `Comparisons cannot be chained: join two comparisons with 'and', or add parentheses`;
    }
    return `Unexpected ${quoteToken(firstRedundant)}`;
  },
  buildNoViableAltMessage: ({ actual, previous }) => noOperand(actual[0] ?? previous, previous),
  // The grammar has no AT_LEAST_ONE; kept total for safety.
  buildEarlyExitMessage: ({ actual }) => `Unexpected ${actual[0] ? quoteToken(actual[0]) : 'the end of the condition'}`,
};
