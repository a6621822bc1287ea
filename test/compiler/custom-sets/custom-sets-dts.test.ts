import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from '../../helpers/cli.js';
import { tempDir } from '../../helpers/temp-dir.js';

// custom-sets.d.ts types a definition with the catalog's literal unions: a scope a permission
// does not allow is a type error, and the tenant's can() takes the evaluator's request types.
describe('custom-sets.d.ts', () => {
  it('accepts a valid definition and rejects a scope the permission does not allow', () => {
    const dir = tempDir('permset-custom-sets-dts-');
    execFileSync(
      process.execPath,
      [join(REPO, 'packages/compiler/dist/cli/bin.js'), 'build', join(REPO, 'policies'), '--out', join(dir, 'dist')],
      { cwd: dir },
    );
    writeFileSync(
      join(dir, 'use.ts'),
      `import { withCustomSets, type CustomSetDefinition } from './dist/custom-sets.js';
const def: CustomSetDefinition = { id: 'regional-lead', name: 'Regional lead', extends: 'staff', grants: { 'deals.view': 'member' } };
const t = withCustomSets([def], { grantor: 'admin' });
export const ok: boolean = t.can({ id: 'u', set: 'regional-lead' }, 'deals.view', { type: 'deal', owner: 'x', members: ['u'] });
// @ts-expect-error deals.view allows member and all, not own
export const bad: CustomSetDefinition = { id: 'x', name: 'X', extends: 'staff', grants: { 'deals.view': 'own' } };
// @ts-expect-error not a permission of the catalog
export const unknown: CustomSetDefinition = { id: 'y', name: 'Y', extends: 'staff', grants: { 'deals.veiw': 'all' } };
`,
    );
    const tsc = join(REPO, 'node_modules/typescript/bin/tsc');
    const run = () =>
      execFileSync(
        process.execPath,
        [
          tsc,
          '--noEmit',
          '--strict',
          '--module',
          'nodenext',
          '--moduleResolution',
          'nodenext',
          '--target',
          'es2022',
          'use.ts',
        ],
        { cwd: dir, encoding: 'utf8' },
      );
    expect(run).not.toThrow();
  }, 120_000);
});
