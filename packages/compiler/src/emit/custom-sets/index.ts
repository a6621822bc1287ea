// custom-sets.js, its declarations and the definition schema (docs/custom-sets.md).
export * from './generate-custom-sets.js';
export * from './custom-set-schema.js';
export * from './kernel-key.js';
