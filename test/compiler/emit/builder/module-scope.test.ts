import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext, runInThisContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { generateEvaluator } from '../../../../packages/compiler/src/emit/evaluator/index.js';
import { moduleAsExpression } from '../../../../packages/compiler/src/emit/builder/module-scope.js';
import { customSetsOutputs } from '../../../../packages/compiler/src/project/index.js';
import { buildPolicyModel } from '../../../../packages/compiler/src/policy-model/index.js';
import { REPO } from '../../../helpers/cli.js';
import { compileFixture } from '../../../helpers/fixtures.js';
import { shippedModel } from '../matrix/matrix-helpers.js';

describe('moduleAsExpression', () => {
  it('turns the generated evaluator into an expression of its namespace, deciding as the module does', () => {
    const text = generateEvaluator(shippedModel())['evaluator.js'];
    const ns = runInNewContext(moduleAsExpression(text)) as Record<string, unknown> & {
      can: (...a: unknown[]) => boolean;
      SET_IDS: string[];
    };
    expect(Object.keys(ns).sort()).toEqual(
      [
        'MODEL_HASH',
        'PERMISSION',
        'PERMISSION_IDS',
        'PERMSET_VERSION',
        'RESOURCE_TYPES',
        'SET',
        'SET_IDS',
        'can',
        'canId',
        'explain',
        'explainerOf',
        'has',
        'isPermissionId',
        'isSetId',
        'permissionsOf',
        'prepare',
        'resourceTypeOf',
        'setsWith',
      ].sort(),
    );
    expect(ns.SET_IDS).toContain('staff');
    expect(ns.can({ set: 'staff', id: 'u1' }, 'tasks.edit', { type: 'task', owner: 'u2', members: ['u1'] })).toBe(true);
    expect(ns.can({ set: 'staff', id: 'u1' }, 'tasks.edit', { type: 'task', owner: 'u2', members: [] })).toBe(false);
  });

  it('turns the custom-sets.js of the same policies into an expression too, as builder.html carries it', () => {
    // Its bundled run time is one script whose strings may hold text that looks like module
    // syntax (a page's script): none may be taken for the module's own.
    const result = compileFixture(REPO);
    const model = buildPolicyModel(result);
    const evaluatorJs = generateEvaluator(model)['evaluator.js'];
    const runtime = readFileSync(join(REPO, 'packages/compiler/dist/custom-sets-runtime.js'), 'utf8');
    const customSetsJs = customSetsOutputs(result, model, {
      fileName: (uri) => uri,
      evaluatorJs,
      runtime,
      version: '',
    })['custom-sets.js'];
    // In this context: the run time uses TextDecoder, a global of browsers and Node.
    const source = `(() => {\nconst PermsetEvaluator = ${moduleAsExpression(evaluatorJs)};\nreturn ${moduleAsExpression(customSetsJs, { './evaluator.js': 'PermsetEvaluator' })};\n})()`;
    const ns = runInThisContext(source) as {
      withCustomSets: (d: unknown[]) => { ok: boolean; diagnostics: { code: string; path: string }[] };
    };
    expect(Object.keys(ns)).toEqual(['withCustomSets']);
    expect(
      ns
        .withCustomSets([
          { id: 'regional-lead', name: 'Regional lead', extends: 'staff', grants: { 'contacts.manage': 'all' } },
        ])
        .diagnostics.map((d) => `${d.code} ${d.path}`),
    ).toEqual(['requires-missing /0/grants/contacts.manage']);
  });

  it('replaces a namespace import with the given expression and renames listed exports', () => {
    const text =
      "import * as evaluator from './evaluator.js';\nconst x = evaluator.value + 1;\nexport const y = x;\nexport { x as z };\n";
    expect(runInNewContext(`const E = { value: 41 }; ${moduleAsExpression(text, { './evaluator.js': 'E' })}`)).toEqual({
      y: 42,
      z: 42,
    });
  });

  it('refuses module syntax it does not know, and an import it has no expression for', () => {
    expect(() => moduleAsExpression('export default 1;\n')).toThrow(
      "moduleAsExpression: unexpected module syntax 'export default 1;'",
    );
    expect(() => moduleAsExpression("import { a } from './a.js';\n")).toThrow('unexpected module syntax');
    expect(() => moduleAsExpression("import * as a from './a.js';\n")).toThrow(
      "no expression for the import of './a.js'",
    );
  });
});
