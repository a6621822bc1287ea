export * from './node-file-system.js';
export * from './write-files-atomically.js';
export * from './git-file-system.js';
export * from './node-git.js';
