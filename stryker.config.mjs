// Mutation testing of the compiler's `resolve` and `check` stages: `npm run mutation`.
// See docs/quality.md for the scores and how to read the report.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.stryker.config.ts' },
  mutate: ['packages/compiler/src/resolve/**/*.ts', 'packages/compiler/src/check/**/*.ts', '!**/index.ts'],
  coverageAnalysis: 'perTest',
  // The machine running this is small and shared; raise locally with `--concurrency N`.
  concurrency: 2,
  timeoutMS: 20_000,
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  reporters: ['html', 'json', 'clear-text', 'progress'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  // Copy only what the tests read. The `43-file-unreadable` fixture is a dangling symlink, which
  // the sandbox cannot copy; it exercises the file-system layer, not resolve or check.
  ignorePatterns: [
    'test/fixtures/check/43-file-unreadable',
    'dist',
    'coverage',
    'reports',
    'bench/out',
    '.e2e',
    '.vscode-test',
    'tmp',
    '.tmp-repro',
    'packages/vscode-extension',
    'test/e2e',
  ],
  // `npm run mutation` fails when the score drops below 80% (docs/quality.md has the history).
  thresholds: { high: 90, low: 80, break: 80 },
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
};
