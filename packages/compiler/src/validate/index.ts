export * from './schema-registry.js';
export * from './ajv-error-mapper.js';
export * from './validate-document.js';
