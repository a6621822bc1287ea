export * from './entity-types.js';
export * from './build-entity.js';
export * from './yaml-read.js';
