import type { Span } from '../diagnostics/index.js';
import type { Expr } from './ast.js';
import { BoundedCache } from './bounded-cache.js';
import { MAX_CONDITION_LENGTH } from './limits.js';
import { parseCondition, type ParsedCondition } from './parse-condition.js';
import { typeCheck, type AttributeEnv } from './type-check.js';

/** A problem of a condition, located in the condition TEXT. */
export interface ConditionProblem {
  code: 'expr-syntax' | 'expr-type' | 'expr-unknown-attribute';
  span: Span;
  message: string;
  /** For `expr-unknown-attribute`: replacement texts for `span`, best first. */
  suggestions?: string[];
}

/**
 * Parsed conditions by text. Many permission sets reuse a few conditions (a catalog scope's
 * `when` is checked once per set that grants it), so each distinct text is parsed once.
 * Cached ASTs are shared: nobody may mutate them (the AST types are readonly). A compilation
 * owns its cache (`Program` through its `CompileCache`), so two programs never share one.
 */
export type ConditionParseCache = BoundedCache<string, ParsedCondition>;

/** How many distinct condition texts a {@link ConditionParseCache} keeps. */
export const CONDITION_PARSE_CACHE_SIZE = 5000;

/** A new, empty {@link ConditionParseCache}. */
export function newConditionParseCache(capacity = CONDITION_PARSE_CACHE_SIZE): ConditionParseCache {
  return new BoundedCache<string, ParsedCondition>(capacity);
}

/**
 * Parses (through `cache`, when given) and type-checks a condition's text: syntax errors become
 * `expr-syntax` problems and stop there (a recovered tree is never type-checked); otherwise the
 * type problems are returned. `ast` is defined only without syntax errors.
 * {@link checkCondition} is this plus the mapping of spans into the YAML file.
 */
export function checkConditionText(
  text: string,
  env: AttributeEnv,
  cache?: ConditionParseCache,
): { ast: Expr | undefined; problems: ConditionProblem[] } {
  // Over-long texts are rejected at once by the parser; caching them would only pin memory.
  const parsed = !cache || text.length > MAX_CONDITION_LENGTH ? parseCondition(text) : cache.get(text, parseCondition);
  if (parsed.errors.length > 0) {
    return {
      ast: undefined,
      problems: parsed.errors.map((e) => ({ code: 'expr-syntax', span: e.span, message: e.message })),
    };
  }
  if (!parsed.ast) return { ast: undefined, problems: [] };
  return { ast: parsed.ast, problems: typeCheck(parsed.ast, env) };
}
