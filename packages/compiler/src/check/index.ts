export * from './check-context.js';
export * from './check-cache.js';
export * from './check-project.js';
export * from './condition-env.js';
export * from './grant-origin.js';
export * from './text-fixes.js';
export * from './check-guards.js';
export * from './check-test-suites.js';
