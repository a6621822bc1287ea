import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvaluatorFiles } from '../../../../packages/compiler/src/emit/evaluator/index.js';
import { REPO } from '../../../helpers/cli.js';
import { compileFiles, evaluatorOf, evaluatorOfDir, importEvaluator } from './evaluator-harness.js';

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

const USAGE = `import { can, canId, explain, has, isSetId, permissionsOf, prepare, setsWith, PERMISSION, SET, type Explanation, type PermissionId, type Subject } from './evaluator.js';

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
declare const either: 'budgets.view' | 'imports.manage';
declare const anyPermission: PermissionId;
export const unions: boolean[] = [can(user, either, budget), can(user, anyPermission, budget), can(user, anyPermission, { type: 'deal' }), prepare(either)(user, budget)];
can(user, either); // error
can(user, either, { type: 'deal' }); // error
prepare(anyPermission)(user); // error
`;

function typeErrors(usage: string, where = dir): { line: number; message: string }[] {
  writeFileSync(join(where, 'usage.ts'), usage);
  const program = ts.createProgram([join(where, 'usage.ts')], {
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

  it("is itself free of type errors, and declares exactly the module's runtime exports", async () => {
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

  it('declares the exports and the Explanation of the one EvaluatorApi type the tools use', () => {
    const api = join(REPO, 'packages/compiler/src/runtime/index.js').replace(/\\/g, '/');
    const usage = [
      "import type * as evaluator from './evaluator.js';",
      `import type { EvaluatorApi, Explanation } from '${api}';`,
      'type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;',
      'export const names: Same<keyof typeof evaluator, keyof EvaluatorApi> = true;',
      "// The generated Explanation narrows ids to the policy's literals; otherwise it is the same.",
      'export const explanation: Same<evaluator.Explanation extends Explanation ? true : false, true> = true;',
      "export const reasons: Same<evaluator.ExplainReason, Explanation['reason']> = true;",
      '// The tools call with any values: the generated, literal-typed functions accept what the tools pass.',
      'declare const tool: EvaluatorApi;',
      'export const can: typeof evaluator.can = tool.can;',
      '',
    ].join('\n');
    expect(typeErrors(usage)).toEqual([]);
  });

  it('types attributes named like Object.prototype members so plain literals still fit', async () => {
    const catalog = [
      'kind: Catalog',
      'subject:',
      '  attributes: { id: string, constructor: string, valueOf: string, hasOwnProperty: string }',
      'resources:',
      '  doc:',
      '    attributes: { toString: string, owner: string }',
      'scopes:',
      '  all: { label: All }',
      'seats:',
      '  employee: { label: Employee, paid: true }',
      'areas:',
      '  docs:',
      '    label: Docs',
      '    resource: doc',
      '    permissions:',
      '      docs.view: { label: View docs, scopes: [all] }',
      '',
    ].join('\n');
    const set =
      'kind: PermissionSet\nid: s\nname: S\nseat: employee\ngrants:\n  docs.view: { scope: all, when: "subject.constructor == resource.toString" }\n';
    const result = compileFiles([
      { uri: 'policies/catalog.yaml', text: catalog },
      { uri: 'policies/sets/s.yaml', text: set },
    ]);
    expect(result.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([]);
    const { files: own, ev } = await evaluatorOf(result);
    const ownDir = mkdtempSync(join(tmpdir(), 'permset-dts-names-'));
    try {
      writeFileSync(join(ownDir, 'evaluator.d.ts'), own['evaluator.d.ts']);
      writeFileSync(join(ownDir, 'evaluator.js'), own['evaluator.js']);
      const usage = [
        "import { can } from './evaluator.js';",
        "export const a = can({ id: 'u', set: 's' }, 'docs.view', { type: 'doc' });",
        "export const b = can({ id: 'u', set: 's', constructor: 'x', valueOf: 'v' }, 'docs.view', { type: 'doc', toString: 'x' });",
        "export const c = can({ id: 'u', set: 's', constructor: 1 }, 'docs.view', { type: 'doc' }); // error",
        '',
      ].join('\n');
      const errors = typeErrors(usage, ownDir);
      expect(errors.map((e) => e.line)).toEqual([4]);
      // At run time the inherited members never count: only own attributes do.
      expect(ev.can({ id: 'u', set: 's', constructor: 'x' }, 'docs.view', { type: 'doc', toString: 'x' })).toBe(true);
      expect(ev.can({ id: 'u', set: 's' }, 'docs.view', { type: 'doc' })).toBe(false);
    } finally {
      rmSync(ownDir, { recursive: true, force: true });
    }
  });
});
