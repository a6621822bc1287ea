export * from './runnable-case.js';
export * from './run-policy-tests.js';
export * from './test-coverage.js';
export * from './matrix-snapshot.js';
