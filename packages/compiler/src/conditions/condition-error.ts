import type { Span } from '../diagnostics/index.js';

/**
 * A syntax problem in a condition: `span` is in the condition TEXT (0-based, half-open); an
 * error at the end of the text has the empty span `[text.length, text.length]`.
 */
export interface ConditionError {
  span: Span;
  /** Plain words: "Expected an operand after 'and'", "Unclosed string". */
  message: string;
}
