export * from './yaml-tree.js';
export * from './parse-yaml.js';
export * from './load-file.js';
export * from './to-value.js';
export * from './decode-source.js';
export * from './scan-bidi.js';
