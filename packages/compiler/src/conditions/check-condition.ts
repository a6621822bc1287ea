import type { Problem, ProblemFix, Span } from '../diagnostics/index.js';
import { makeProblem } from '../diagnostics/index.js';
import type { YScalar } from '../load/index.js';
import type { Expr } from './ast.js';
import { checkConditionText, type ConditionParseCache } from './check-condition-text.js';
import { ScalarSourceMap } from './scalar-source-map.js';
import type { AttributeEnv } from './type-check.js';

/** The result of {@link checkCondition}. */
export interface CheckedCondition {
  /**
   * The AST when the condition parsed without syntax errors (even if it has type problems);
   * `undefined` otherwise, so no later stage ever compiles a recovered, partial tree.
   * Shared between calls through the parse cache: never mutate it.
   */
  ast: Expr | undefined;
  /** `expr-syntax`, `expr-type` and `expr-unknown-attribute` problems, on file offsets. */
  problems: Problem[];
}

/**
 * Parses and type-checks the condition written as `scalar` in the file `uri` (whose text is
 * `fileText`): the check stage's entry point for conditions (see {@link checkConditionText}).
 *
 * - Every span is mapped to the file through {@link ScalarSourceMap}, through quotes, escapes,
 *   folds and block indentation.
 * - An error at the end of the condition lands right after its last non-blank character (not
 *   after a block scalar's final line break); an empty condition is reported on the whole scalar.
 * - `expr-unknown-attribute` problems carry one fix per suggestion ("Replace with 'owner'"),
 *   only when the misspelled text was written verbatim (not through an escape or a fold), so
 *   applying the fix changes exactly that name. A single fix is marked preferred.
 * - A plain scalar the YAML loader read as another type (`when: true`) is checked as written.
 */
export function checkCondition(
  uri: string,
  fileText: string,
  scalar: YScalar,
  env: AttributeEnv,
  cache?: ConditionParseCache,
): CheckedCondition {
  const map = ScalarSourceMap.of(fileText, scalar);
  const text = map.text;
  const { ast, problems } = checkConditionText(text, env, cache);
  const trimmedEnd = text.trimEnd().length;
  return {
    ast,
    problems: problems.map((problem) => {
      const { code, span, message, suggestions } = problem;
      if (code === 'expr-syntax') {
        const atEnd: Span | undefined =
          span[0] === span[1] && span[0] > trimmedEnd ? [trimmedEnd, trimmedEnd] : undefined;
        return makeProblem(code, message, { uri, span: trimmedEnd === 0 ? map.tokenSpan : map.spanOf(atEnd ?? span) });
      }
      const fileSpan = map.spanOf(span);
      const fixes: ProblemFix[] = [];
      if (suggestions && map.isVerbatim(span)) {
        for (const suggestion of suggestions) {
          const newText = inScalar(suggestion, scalar, fileSpan);
          if (newText !== undefined)
            fixes.push({ title: `Replace with ${quoteTitle(newText)}`, edits: [{ uri, span: fileSpan, newText }] });
        }
        if (fixes.length === 1) fixes[0]!.isPreferred = true;
      }
      return makeProblem(code, message, { uri, span: fileSpan }, { fixes });
    }),
  };
}

/**
 * A suggestion as it can be written into the scalar: a string literal (`"public"`) takes the
 * quote the YAML scalar does not use (`'public'` inside a double-quoted scalar); a plain scalar
 * cannot start with a quote (YAML would read a quoted string), so no literal fix is offered there.
 */
function inScalar(suggestion: string, scalar: YScalar, fileSpan: Span): string | undefined {
  if (!suggestion.startsWith('"')) return suggestion;
  if (scalar.style === 'double') return `'${suggestion.slice(1, -1)}'`;
  if (scalar.style === 'plain' && fileSpan[0] === scalar.span[0]) return undefined;
  return suggestion;
}

/** "'owner'" for a name, the literal itself for a string literal: the fix's title. */
function quoteTitle(newText: string): string {
  return /^["']/.test(newText) ? newText : `'${newText}'`;
}
