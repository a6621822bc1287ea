/**
 * The shape of what a generated evaluator's `explain()` returns: defined with the code that
 * builds it (runtime/evaluator/explanation.ts), re-exported for the emit stage's users.
 */
export type { Explanation } from '../../runtime/index.js';
