export * from './policy-model.js';
