// The permission-set builder: the data it works on and the files `permset build` writes.
export * from './builder-data.js';
export * from './generate-builder.js';
export * from './definition-yaml.js';
