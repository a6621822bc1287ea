import { tokenMatcher, type TokenType } from 'chevrotain';
import type { Span } from '../diagnostics/index.js';
import { lexCondition } from './lex-condition.js';
import {
  AndOperator,
  ComparisonOperator,
  Dot,
  Has,
  Identifier,
  Keyword,
  Name,
  NotOperator,
  NumberLiteral,
  OrOperator,
  StringLiteral,
} from './tokens.js';

/** A classified token of a condition, for an editor's semantic highlighting. */
export interface ConditionToken {
  /** Offsets in the condition text. */
  span: Span;
  /** LSP semantic token type names; paths' roots are `variable`, later segments `property`. */
  type: 'keyword' | 'operator' | 'string' | 'number' | 'variable' | 'property' | 'function';
}

// Tested in order: `has` is also a keyword, and keywords after a dot are properties.
const CLASSES: [TokenType, ConditionToken['type']][] = [
  [Has, 'function'],
  [Keyword, 'keyword'],
  [ComparisonOperator, 'operator'],
  [AndOperator, 'operator'],
  [OrOperator, 'operator'],
  [NotOperator, 'operator'],
  [StringLiteral, 'string'],
  [NumberLiteral, 'number'],
  [Identifier, 'variable'],
];

/**
 * The highlightable tokens of a condition, in order. Works on broken text (what cannot be lexed
 * is skipped, an unclosed string is still a string) and never throws. Punctuation (`( ) [ ] , .`)
 * is left to the editor's grammar.
 */
export function conditionTokens(text: string): ConditionToken[] {
  try {
    const { tokens } = lexCondition(text);
    const result: ConditionToken[] = [];
    tokens.forEach((token, i) => {
      const span: Span = [token.startOffset, token.startOffset + token.image.length];
      const previous = tokens[i - 1];
      if (previous && tokenMatcher(previous, Dot) && tokenMatcher(token, Name)) {
        result.push({ span, type: 'property' });
        return;
      }
      const type = CLASSES.find(([tokenType]) => tokenMatcher(token, tokenType))?.[1];
      if (type) result.push({ span, type });
    });
    return result;
  } catch {
    return [];
  }
}
