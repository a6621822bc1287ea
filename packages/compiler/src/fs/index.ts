export * from './file-system.js';
export * from './collect-sources.js';
export * from './renamed-subtree.js';
