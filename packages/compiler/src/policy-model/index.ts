// The policy model: the resolved project as plain, provenance-carrying data that every back end
// (evaluator, matrix, Cedar, preview), the diff and the policy tests read.
export * from './policy-model-types.js';
export * from './build-policy-model.js';
export * from './removal-lookup.js';
export * from './scope-lookup.js';
