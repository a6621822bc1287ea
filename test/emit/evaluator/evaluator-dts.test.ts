import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvaluatorFiles } from '../../../packages/compiler/src/emit/evaluator/index.js';
import { REPO } from '../../helpers/cli.js';
import { evaluatorOfDir, importEvaluator } from './evaluator-harness.js';

// The generated declarations, type-checked with the TypeScript compiler API (strict) against a
// usage file: correct calls compile, and each line marked `// error` is a type error.
let dir: string;
let files: EvaluatorFiles;
beforeAll(async () => {
  files = (await evaluatorOfDir(REPO)).files;
  dir = mkdtempSync(join(tmpdir(), 'permset-dts-'));
  writeFileSync(join(dir, 'evaluator.d.ts'), files['evaluator.d.ts']);
  writeFileSync(join(dir, 'evaluator.js'), files['evaluator.js']);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const USAGE = `import { can, canId, explain, has, isSetId, permissionsOf, prepare, setsWith, PERMISSION, SET, type Explanation, type Subject } from './evaluator.js';

const user: Subject = { id: 'u1', set: 'manager', can_access_budgets: true };
const budget = { type: 'budget', owner: 'u2', members: ['u1'], client_access: true } as const;
export const ok: boolean[] = [
  can(user, 'budgets.view', budget),
  can(user, 'budgets.view', budget, { plan: 'standard' }),
  can(user, 'imports.manage'),
  can(user, 'budgets.view', { type: 'budget' }),
  can(user, 'budgets.view', { type: 'budget', extra_field: 1 }),
  canId(SET['manager'], PERMISSION['budgets.view'], user, budget),
  prepare('budgets.view')(user, budget),
  has('manager', 'budgets.view'),
];
const fromDb: string = 'manager';
if (isSetId(fromDb)) has(fromDb, 'budgets.view');
const e: Explanation = explain(user, 'budgets.view', budget);
const reason: 'granted' | 'unknown-set' | 'unknown-permission' | 'wrong-resource-type' | 'not-granted' | 'conditions-false' | 'invalid-input' = e.reason;
export const used = [reason, permissionsOf('admin')[0], setsWith('budgets.view')[0], e.grant?.chain, e.evaluations[0]?.result];

can(user, 'contacts.mange', { type: 'contact' }); // error
can(user, 'budgets.view', { type: 'deal' }); // error
can(user, 'budgets.view'); // error
export const typo: Subject = { id: 'u1', set: 'mangr' }; // error
has('manager', 'budgets.veiw'); // error
can(user, 'budgets.view', { type: 'budget', members: 'u1' }); // error
prepare('budgets.view')(user, { type: 'deal' }); // error
canId(SET['manager'], 999, user, budget); // error
can(user, 'budgets.view', budget, { plan: 3 }); // error
has(fromDb, 'budgets.view'); // error
`;

function typeErrors(usage: string): { line: number; message: string }[] {
  writeFileSync(join(dir, 'usage.ts'), usage);
  const program = ts.createProgram([join(dir, 'usage.ts')], {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    skipLibCheck: false,
    types: [],
  });
  return ts.getPreEmitDiagnostics(program).map((d) => ({
    line: d.file ? d.file.getLineAndCharacterOfPosition(d.start!).line + 1 : 0,
    message: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
  }));
}

describe('evaluator.d.ts', () => {
  it('accepts correct calls and rejects typos, wrong resource types and missing resources', () => {
    const errors = typeErrors(USAGE);
    const lines = USAGE.split('\n');
    const expected = lines.flatMap((l, i) => (l.endsWith('// error') ? [i + 1] : []));
    expect(errors.map((e) => e.line)).toEqual(expected);
    expect(errors[0]!.message).toContain('"contacts.mange"');
    expect(errors.every((e) => e.line > 0)).toBe(true);
  });

  it('is itself free of type errors, and declares exactly the module\'s runtime exports', async () => {
    expect(typeErrors("export * from './evaluator.js';\n")).toEqual([]);
    const source = ts.createSourceFile('evaluator.d.ts', files['evaluator.d.ts'], ts.ScriptTarget.ES2022, true);
    const declared = source.statements.flatMap((s) => {
      if (ts.isFunctionDeclaration(s) && s.name) return [s.name.text];
      if (ts.isVariableStatement(s)) return s.declarationList.declarations.map((d) => (d.name as ts.Identifier).text);
      return [];
    });
    const ev = await importEvaluator(files);
    expect([...new Set(declared)].sort()).toEqual(Object.keys(ev).sort());
  });
});
