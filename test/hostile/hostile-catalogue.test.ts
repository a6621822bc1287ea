import { describe, it } from 'vitest';
import { checkCaseEverywhere, hostileCaseNames, SLOW_CASES } from './hostile-harness.js';

// One test per folder of test/fixtures/hostile: `permset check`, `permset build` and the
// language server each read the case through the real entry point, and
// - check reports exactly `expected.diagnostics.json` (refresh with `npx vitest run -u`, review);
// - the language server reports the very same diagnostics;
// - build writes every artifact when there are no errors, and nothing at all otherwise;
// - no built-in prototype changed after any of the three runs.
// The slow cases run in their own files (hostile-wide-map.test.ts); case-specific outputs (the
// evaluator, the reports, the readers) are asserted in hostile-outputs.test.ts.
describe('hostile input catalogue', () => {
  for (const name of hostileCaseNames().filter((n) => !SLOW_CASES.includes(n))) {
    it(
      name,
      async () => {
        await checkCaseEverywhere(name);
      },
      120_000,
    );
  }
});
