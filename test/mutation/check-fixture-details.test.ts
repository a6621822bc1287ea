import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { compileFixture, fixtureCases } from '../helpers/fixtures.js';
import { details } from './helpers.js';

// The check fixtures pin codes and ranges (test/compiler/check/check-fixtures.test.ts); these golden
// files pin the rest of each diagnostic, so a mutant of the resolve or check stage that changes a
// message, drops a related location or breaks a quick fix fails a test. Refresh with
// `npx vitest run -u test/mutation` and review the diff.
describe('check fixtures: messages, related locations and fixes', () => {
  for (const { name, dir } of fixtureCases('check')) {
    it(name, async () => {
      const result = compileFixture(dir);
      const text = JSON.stringify(result.diagnostics.map(details), null, 2) + '\n';
      await expect(text).toMatchFileSnapshot(join(import.meta.dirname, '__golden__', 'check', `${name}.json`));
    });
  }
});
