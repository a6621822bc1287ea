// Policy tests: what a `kind: TestSuite` file means (expanding its cases, running them against an
// evaluator, coverage, the matrix snapshot). Not helpers for testing this code base (test/helpers/).
export * from './runnable-case.js';
export * from './run-policy-tests.js';
export * from './test-coverage.js';
export * from './matrix-snapshot.js';
