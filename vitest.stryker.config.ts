import { defineConfig } from 'vitest/config';

// The test files Stryker runs against each mutant of the resolve and check stages: the suites
// written for those stages (fixtures, the incremental program, test/mutation). Left out: the CLI
// and language-server suites (they run the built `dist/`, which mutants never reach); property,
// fuzz, end-to-end and benchmark suites (slow); suites that merely compile on the way to
// something else (evaluator, matrix, diff), which cost seconds per mutant and kill nothing the
// fixtures do not; and suites that compile in `beforeAll`, since code run outside a test makes
// every mutant in it "static", and each static mutant reruns the whole suite.
export default defineConfig({
  test: {
    include: [
      'test/compiler/check/check-fixtures.test.ts',
      'test/compiler/resolve/resolve-fixtures.test.ts',
      'test/compiler/program/program.test.ts',
      'test/mutation/**/*.test.ts',
    ],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // One module graph for all files and runs: each mutant run then costs only its tests, not a
    // fresh import of the compiler (ajv schemas, the condition grammar). Stryker switches mutants
    // at run time, so cached modules see the active mutant.
    isolate: false,
  },
});
