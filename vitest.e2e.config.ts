import { defineConfig } from 'vitest/config';

// End-to-end tests drive real programs (a browser, Neovim, code-server) and install them with
// apt-get/npm on first use, so they run after the unit suite, one file at a time.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 900_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
