import { tokenMatcher, type IToken } from 'chevrotain';
import type { ConditionError } from './condition-error.js';
import { conditionLexer, MISTAKEN_OPERATORS, UnclosedString } from './tokens.js';

/** The tokens of a condition and the problems found while lexing it. */
export interface LexedCondition {
  tokens: IToken[];
  errors: ConditionError[];
  /**
   * Where each run of unlexable characters ends: a parser error on the next token is an echo of
   * the lexer error (`a & b` reports `&`, not also "Unexpected 'b'").
   */
  skippedEnds: number[];
}

/**
 * Lexes a condition. Never throws: characters no token matches are skipped and reported, an
 * unclosed string is kept as a string token and reported, and `&&`, `||`, `!`, `=` are kept as
 * the operator they stand for and reported with the one to write instead.
 */
export function lexCondition(text: string): LexedCondition {
  const result = conditionLexer.tokenize(text);
  const errors: ConditionError[] = [];
  const skippedEnds: number[] = [];
  for (const e of result.errors) {
    const chars = text.substr(e.offset, e.length);
    const shown = chars.length > 20 ? `${chars.slice(0, 16)}...` : chars;
    errors.push({
      span: [e.offset, e.offset + e.length],
      message: `Unexpected character${chars.length > 1 ? 's' : ''} '${shown}'`,
    });
    skippedEnds.push(e.offset + e.length);
  }
  for (const token of result.tokens) {
    const span = [token.startOffset, token.startOffset + token.image.length] as const;
    if (tokenMatcher(token, UnclosedString)) {
      errors.push({ span, message: `Unclosed string: add the closing ${token.image[0]}` });
      continue;
    }
    const instead = MISTAKEN_OPERATORS.get(token.tokenType);
    if (instead) errors.push({ span, message: `Write '${instead}' instead of '${token.image}'` });
  }
  return { tokens: result.tokens, errors, skippedEnds };
}
