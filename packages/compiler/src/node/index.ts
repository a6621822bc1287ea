export * from './node-file-system.js';
