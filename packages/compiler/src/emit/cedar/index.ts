/**
 * The Cedar back end: a policy model exported as a Cedar schema, Cedar policies and a
 * dependency-free helper that turns permset requests into Cedar requests, with the same
 * decisions as the generated evaluator. See docs/cedar.md.
 *
 * @module
 */
export {
  exportCedar,
  generateCedar,
  type CedarExport,
  type CedarExportOptions,
  type CedarFiles,
} from './generate-cedar.js';
export {
  planCedar,
  CEDAR_NAMESPACE,
  MAX_CEDAR_CONDITION_LENGTH,
  type CedarExportProblem,
  type CedarProblemSite,
  type CedarPlan,
  type CedarPermit,
} from './cedar-plan.js';
export {
  translateCondition,
  MARKER_ERROR,
  MARKER_INVALID,
  type Truth,
  type TranslationEnv,
} from './translate-condition.js';
export { FormulaBuilder, type Formula } from './cedar-formula.js';
export { cedarString, commentText } from './cedar-text.js';
