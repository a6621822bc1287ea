import { describe, expect, it } from 'vitest';
import { importEvaluator } from '../compiler/emit/evaluator/evaluator-harness.js';
import { checkCaseEverywhere } from './hostile-harness.js';

// The 100,000-key map (test/fixtures/hostile/02-wide-map): a catalog whose subject has 100,000
// attributes. Valid, so every stage and artifact sees all of it; in its own file because three
// runs over 1.6 MB of YAML take seconds on a loaded machine.
describe('hostile input: 100,000-key map', () => {
  it('is checked, built and served like any project, and the evaluator reads the last attribute', async () => {
    const { build } = await checkCaseEverywhere('02-wide-map');
    const ev = await importEvaluator({ 'evaluator.js': build.files.get('evaluator.js')! });
    expect(ev.can({ id: 'u1', set: 'reader', a99999: 'u1' }, 'docs.view', { type: 'doc', owner: 'u1' })).toBe(true);
    expect(ev.can({ id: 'u1', set: 'reader', a99998: 'u1' }, 'docs.view', { type: 'doc', owner: 'u1' })).toBe(false);
    expect(build.files.get('evaluator.d.ts')).toContain('readonly "a99999"?: string;');
  }, 120_000);
});
