import { tokenMatcher, type IRecognitionException, type IToken } from 'chevrotain';
import type { Span } from '../diagnostics/index.js';
import type { Expr } from './ast.js';
import type { ConditionError } from './condition-error.js';
import { lexCondition } from './lex-condition.js';
import { MAX_CONDITION_LENGTH, MAX_NESTING } from './limits.js';
import { conditionParser } from './parser.js';
import { toAst } from './to-ast.js';
import { LParen, RParen } from './tokens.js';

export type { ConditionError } from './condition-error.js';

/** What {@link parseCondition} returns. */
export interface ParsedCondition {
  /**
   * The AST. Without errors it is the complete, exact tree. With errors it is best effort, for
   * editor features only (hover, highlighting), never for type checking: chevrotain's recovery
   * skips or invents tokens, and where an operand is missing the operator node is dropped and
   * its other operand kept (`a and` gives `a`; `a b` gives `a`). `undefined` when nothing could
   * be recovered (an empty condition, a limit exceeded, only garbage).
   */
  ast: Expr | undefined;
  /** Lexing, parsing and literal errors, ordered by position. Empty iff the condition is valid. */
  errors: ConditionError[];
}

/**
 * Parses a condition's text (the YAML scalar's value). Never throws.
 *
 * Reports every lexing problem (unexpected characters, unclosed strings, `&&`-style operators,
 * bad escapes, numbers out of range) and the first parser error, unless it is on the token right
 * after unlexable characters (then it is an echo of the lexer error: `a & b`).
 */
export function parseCondition(text: string): ParsedCondition {
  try {
    return parse(text);
  } catch (e) {
    // Not expected to happen; if it does, one condition is reported, not the whole compilation lost.
    return {
      ast: undefined,
      errors: [{ span: [0, text.length], message: `The condition could not be parsed (${(e as Error).message})` }],
    };
  }
}

function parse(text: string): ParsedCondition {
  if (text.length > MAX_CONDITION_LENGTH) {
    return {
      ast: undefined,
      errors: [
        {
          span: [0, text.length],
          message: `The condition is ${text.length} characters long; the limit is ${MAX_CONDITION_LENGTH}`,
        },
      ],
    };
  }
  const lexed = lexCondition(text);
  const tooDeep = tooDeepParen(lexed.tokens);
  if (tooDeep) {
    const message = `Parentheses are nested more than ${MAX_NESTING} levels deep`;
    return { ast: undefined, errors: sorted([...lexed.errors, { span: tooDeep, message }]) };
  }
  conditionParser.input = lexed.tokens;
  const cst = conditionParser.condition();
  const errors = [...lexed.errors];
  const ast = toAst(cst, (span, message) => errors.push({ span, message }));
  // Only the first parser error: after it, chevrotain's recovery has skipped or invented tokens,
  // and what it reports next is mostly an echo (`has x` would also get "missing ')'").
  const first = conditionParser.errors[0];
  if (first) {
    const span = errorSpan(first.token, text);
    if (!isEcho(span, text, lexed.skippedEnds)) errors.push({ span, message: first.message });
  }
  return { ast, errors: sorted(errors) };
}

// The parser recurses once per `(`, so nesting is measured on tokens before parsing.
function tooDeepParen(tokens: readonly IToken[]): Span | undefined {
  let depth = 0;
  for (const t of tokens) {
    if (tokenMatcher(t, LParen) && ++depth > MAX_NESTING) return [t.startOffset, t.startOffset + 1];
    if (tokenMatcher(t, RParen) && depth > 0) depth--;
  }
  return undefined;
}

function errorSpan(token: IRecognitionException['token'], text: string): Span {
  // EOF (and recovery's invented tokens) have NaN offsets: the error is at the end of the text.
  if (!Number.isFinite(token.startOffset) || token.isInsertedInRecovery) return [text.length, text.length];
  return [token.startOffset, token.startOffset + token.image.length];
}

function isEcho(span: Span, text: string, skippedEnds: readonly number[]): boolean {
  return skippedEnds.some((end) => end <= span[0] && text.slice(end, span[0]).trim() === '');
}

function sorted(errors: ConditionError[]): ConditionError[] {
  const seen = new Set<string>();
  return errors
    .sort((a, b) => a.span[0] - b.span[0] || a.span[1] - b.span[1])
    .filter((e) => {
      const key = `${e.span[0]}:${e.span[1]}:${e.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}
