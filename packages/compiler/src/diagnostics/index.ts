export * from './codes.js';
export * from './diagnostic.js';
export * from './source-file.js';
export * from './reporter.js';
export * from './to-diagnostic.js';
export * from './did-you-mean.js';
export * from './one-per-span.js';
export * from './indefinite-article.js';
