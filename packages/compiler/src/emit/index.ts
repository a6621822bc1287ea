export * from './policy-model.js';
export * from './matrix/index.js';
