import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_DIAGNOSTIC_CODES } from '../../../packages/compiler/src/diagnostics/index.js';
import { fixtureCases, readExpected } from '../../helpers/fixtures.js';
import { REPO } from '../../helpers/cli.js';

// Codes whose inputs cannot live in a fixture folder (multi-megabyte files) are generated in
// hostile-input.test.ts.
const ELSEWHERE: Record<string, string> = {
  'file-too-large': 'hostile-input.test.ts',
  // An export problem, not a check: `permset build --target cedar` reports it.
  'cedar-unexportable': 'test/compiler/emit/cedar/cedar-problems.test.ts',
  // Definitions of custom sets made at run time, not YAML files.
  'custom-set-value': 'test/compiler/custom-sets/custom-sets-hostile.test.ts',
  'custom-set-limit': 'test/compiler/custom-sets/custom-sets-hostile.test.ts',
  'custom-set-forbidden': 'test/compiler/custom-sets/with-custom-sets.test.ts',
  'exceeds-grantor': 'test/compiler/custom-sets/with-custom-sets.test.ts',
};

describe('every diagnostic code', () => {
  it('is produced by at least one check fixture', () => {
    const seen = new Set<string>();
    for (const { dir } of fixtureCases('check')) for (const d of readExpected(dir) ?? []) seen.add(d.code);
    const missing = ALL_DIAGNOSTIC_CODES.filter((c) => !seen.has(c) && !ELSEWHERE[c]);
    expect(missing).toEqual([]);
  });

  it('is documented in docs/diagnostics.md with an example', () => {
    const doc = readFileSync(join(REPO, 'docs', 'diagnostics.md'), 'utf8');
    const sections = doc.split(/^### /m).slice(1);
    const documented = new Map(sections.map((s) => [/^`([a-z-]+)`/.exec(s)?.[1] ?? '', s]));
    for (const code of ALL_DIAGNOSTIC_CODES) {
      const section = documented.get(code);
      expect(section, `docs/diagnostics.md has no section for ${code}`).toBeDefined();
      expect(section!, `the section for ${code} has no YAML example`).toMatch(/```yaml\n/);
    }
    expect([...documented.keys()].filter((c) => !(ALL_DIAGNOSTIC_CODES as string[]).includes(c))).toEqual([]);
  });
});
