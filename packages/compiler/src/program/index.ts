export * from './compile-stage.js';
export * from './program.js';
