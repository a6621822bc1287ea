/**
 * The longest condition accepted, in UTF-16 code units. Real conditions are a line or two; the
 * limit bounds the work (and the depth of `a and b and ...` chains in the AST) for hostile text.
 */
export const MAX_CONDITION_LENGTH = 10_000;

/**
 * The deepest nesting of parentheses accepted. The parser recurses once per level, so without a
 * bound 10,000 `(` would overflow the stack instead of producing a diagnostic.
 */
export const MAX_NESTING = 100;
