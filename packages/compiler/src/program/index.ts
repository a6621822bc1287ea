export * from './program.js';
export * from './progress.js';
