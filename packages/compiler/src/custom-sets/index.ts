// Custom sets defined at run time: read, checked with the compiler's rules, decided with the
// evaluator's kernels (docs/custom-sets.md).
export * from './check-custom-sets.js';
export * from './custom-set-diagnostic.js';
export * from './definition-tree.js';
export * from './policy-context.js';
export * from './with-custom-sets.js';
