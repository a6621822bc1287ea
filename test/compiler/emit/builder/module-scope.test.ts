import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { generateEvaluator } from '../../../../packages/compiler/src/emit/evaluator/index.js';
import { moduleAsExpression } from '../../../../packages/compiler/src/emit/builder/module-scope.js';
import { shippedModel } from '../matrix/matrix-helpers.js';

describe('moduleAsExpression', () => {
  it('turns the generated evaluator into an expression of its namespace, deciding as the module does', () => {
    const text = generateEvaluator(shippedModel())['evaluator.js'];
    const ns = runInNewContext(moduleAsExpression(text)) as Record<string, unknown> & { can: (...a: unknown[]) => boolean; SET_IDS: string[] };
    expect(Object.keys(ns).sort()).toEqual(
      ['MODEL_HASH', 'PERMISSION', 'PERMISSION_IDS', 'PERMSET_VERSION', 'RESOURCE_TYPES', 'SET', 'SET_IDS', 'can', 'canId', 'explain', 'has', 'isPermissionId', 'isSetId', 'permissionsOf', 'prepare', 'resourceTypeOf', 'setsWith'].sort(),
    );
    expect(ns.SET_IDS).toContain('staff');
    expect(ns.can({ set: 'staff', id: 'u1' }, 'tasks.edit', { type: 'task', owner: 'u2', members: ['u1'] })).toBe(true);
    expect(ns.can({ set: 'staff', id: 'u1' }, 'tasks.edit', { type: 'task', owner: 'u2', members: [] })).toBe(false);
  });

  it('replaces a namespace import with the given expression and renames listed exports', () => {
    const text = "import * as evaluator from './evaluator.js';\nconst x = evaluator.value + 1;\nexport const y = x;\nexport { x as z };\n";
    expect(runInNewContext(`const E = { value: 41 }; ${moduleAsExpression(text, { './evaluator.js': 'E' })}`)).toEqual({ y: 42, z: 42 });
  });

  it('refuses module syntax it does not know, and an import it has no expression for', () => {
    expect(() => moduleAsExpression('export default 1;\n')).toThrow("moduleAsExpression: unexpected module syntax 'export default 1;'");
    expect(() => moduleAsExpression("import { a } from './a.js';\n")).toThrow('unexpected module syntax');
    expect(() => moduleAsExpression("import * as a from './a.js';\n")).toThrow("no expression for the import of './a.js'");
  });
});
