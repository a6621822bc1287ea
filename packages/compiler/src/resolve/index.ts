export * from './permission-pattern.js';
export * from './catalog-index.js';
export * from './project-index.js';
export * from './effective-grant.js';
export * from './grant-layer.js';
export * from './inheritance-resolver.js';
export * from './provenance.js';
