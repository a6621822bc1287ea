export * from './matrix/index.js';
export * from './evaluator/index.js';
export * from './preview/index.js';
export * from './cedar/index.js';
export * from './builder/index.js';
export * from './custom-sets/index.js';
