/**
 * The condition language: `when:` expressions of scopes and grants. Parsed with chevrotain
 * (`tokens.ts`, `parser.ts`, `to-ast.ts`), type-checked against the catalog's attributes, and
 * mapped back through YAML scalars so diagnostics land on the file's characters.
 *
 * @module
 */
export * from './ast.js';
export * from './parse-condition.js';
export * from './type-check.js';
export { attributesOf } from './attribute-env.js';
export * from './scalar-source-map.js';
export * from './check-condition-text.js';
export * from './check-condition.js';
export * from './condition-tokens.js';
export * from './print-condition.js';
export * from './limits.js';
export { BoundedCache } from './bounded-cache.js';
export * from './canonical-condition.js';
