// "Try it out": what a permission set can do, by area, with provenance (`permset preview`).
export * from './set-preview.js';
