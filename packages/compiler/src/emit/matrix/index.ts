// The access-matrix report: one structure (`buildAccessMatrix`) and four renderers. Escaping
// helpers, the page's script and style, and the CSP hash are internal (import their files).
export * from './matrix-types.js';
export * from './access-matrix.js';
export * from './cell-text.js';
export * from './provenance-text.js';
export * from './matrix-sets.js';
export * from './render-markdown.js';
export * from './render-csv.js';
export * from './render-json.js';
export * from './render-html.js';
export * from './render-matrix.js';
