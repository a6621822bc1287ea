/**
 * The canonical formatter of policy files (`permset fmt`, the language server's formatting) and
 * the schema lookups it shares with the editor (key order, descriptions, declared keys).
 *
 * @module
 */
export * from './format-policy-text.js';
export * from './schema-at-path.js';
export * from './canonical-order.js';
