import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { compileFixture, fixtureCases, formatExpected, toExpected } from '../../helpers/fixtures.js';

// One test per folder of test/fixtures/check: the policies in `policies/` compile to exactly the
// diagnostics in `expected.diagnostics.json` (code, severity, file, 0-based range). Refresh a
// golden file with `npx vitest run -u` and review the diff.
describe('check fixtures', () => {
  for (const { name, dir } of fixtureCases('check')) {
    it(name, async () => {
      const result = compileFixture(dir);
      await expect(formatExpected(toExpected(result.diagnostics))).toMatchFileSnapshot(
        join(dir, 'expected.diagnostics.json'),
      );
    });

    // One mistake, one diagnostic: two diagnostics on one span (the same code twice, or two codes
    // telling the same thing) count one typo as two errors.
    it(`${name}: at most one diagnostic per span`, () => {
      const spans = compileFixture(dir).diagnostics.map((d) => `${d.uri}:${JSON.stringify(d.range)}`);
      expect(spans.filter((s, i) => spans.indexOf(s) !== i)).toEqual([]);
    });
  }
});
