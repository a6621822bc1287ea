/**
 * The evaluator back end: a policy model compiled to a standalone, dependency-free JavaScript
 * module (`can`, `prepare`, `canId`, `has`, `explain`, ...) with literal-typed declarations.
 * See docs/evaluator.md.
 *
 * @module
 */
export * from './generate-evaluator.js';
export {
  planEvaluator,
  type EvaluatorPlan,
  type ConditionInstance,
  type GrantShape,
  type PlannedAlternative,
  type PlannedCondition,
} from './evaluator-plan.js';
export { grantFunctionWriter, headerComment, type GrantFunctionWriter, type ModuleHeader } from './generate-module.js';
export { jsData, jsString } from './js-literal.js';
export { compileCondition, type CompiledCondition } from './compile-condition.js';
export { sha256Hex } from '../sha256.js';
export type { Explanation } from './explanation.js';
export type { EvaluatorApi } from '../../runtime/index.js';
