// `permset diff`: compare the effective access of two compiled projects. Pure: the CLI reads the
// two sides (directories or git revisions) and hands their models here.
export * from './diff-types.js';
export * from './diff-models.js';
export * from './compare-scopes.js';
export * from './allowlist.js';
export * from './evaluate-gates.js';
export * from './stale-allowlist.js';
export { permissionMatcher } from './id-patterns.js';
export * from './diff-text.js';
export * from './render-diff-human.js';
export * from './render-diff-markdown.js';
export * from './render-diff-json.js';
