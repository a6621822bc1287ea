import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', '**/node_modules/**'],
    // Policy fixtures are compiled in-process; a few suites (property tests, the CLI on the
    // shipped policies) take seconds, never minutes.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
