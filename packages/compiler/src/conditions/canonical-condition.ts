import type { ConditionParseCache } from './check-condition-text.js';
import { MAX_CONDITION_LENGTH } from './limits.js';
import { parseCondition } from './parse-condition.js';
import { printCondition } from './print-condition.js';

/**
 * A condition's meaning as text, to compare two conditions: the parsed condition printed back
 * ({@link printCondition}), so spacing, line breaks, redundant parentheses and the quote style of
 * strings do not matter (`a  and (b)` and `a and b` are the same condition). Operand order does
 * (`a and b` is not `b and a`), as do `==` vs `!=` and any other change of the tree. A condition
 * that does not parse is compared by its trimmed text (the check stage reports it). Parses through
 * `cache` when given (the program's).
 */
export function canonicalCondition(text: string, cache?: ConditionParseCache): string {
  if (text.length > MAX_CONDITION_LENGTH) return text.trim();
  const parsed = cache ? cache.get(text, parseCondition) : parseCondition(text);
  return parsed.ast && parsed.errors.length === 0 ? printCondition(parsed.ast) : text.trim();
}
