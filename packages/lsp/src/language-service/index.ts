/**
 * The language service: connection-free editor features over policy workspaces (the server in
 * `../server` wires them to LSP). Every feature adapts the compiler; none re-decides a rule.
 *
 * @module
 */
export * from './language-service.js';
export * from './policy-workspace.js';
export * from './workspace-set.js';
export * from './policy-file.js';
export * from './document-context.js';
export * from './yaml-location.js';
export * from './classify.js';
export * from './symbol-index.js';
export * from './do-validation.js';
export * from './do-hover.js';
export * from './do-complete.js';
export * from './find-definition.js';
export * from './find-references.js';
export * from './do-rename.js';
export * from './document-symbols.js';
export * from './code-actions.js';
export * from './code-lens.js';
export * from './inlay-hints.js';
export * from './semantic-tokens.js';
export * from './formatting.js';
export * from './effective-permissions.js';
export * from './uri.js';
