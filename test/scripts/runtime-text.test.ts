import * as esbuild from 'esbuild';
import { describe, expect, it } from 'vitest';
import { checkWithEsbuild, runtimeText } from '../../scripts/runtime-text.mjs';

const erase = (source: string) => runtimeText('case.ts', source);

describe('runtimeText: type erasure that keeps the code byte for byte', () => {
  it('cuts annotations, assertions, non-null marks and type arguments, and keeps comments and blank lines', () => {
    const source = [
      '/** The module. @module */',
      "import type { T } from './t.js';",
      "import { helper } from './helper.js';",
      '',
      '// kept: says why',
      'const M = new Map<string, number>();',
      'function f<K>(a: string, b?: number): boolean {',
      '  const x = (a as unknown as T).y!;',
      '  const w = (a as T).y;',
      '  let z!: number;',
      '',
      '  return helper(x as string) && (a + b as never);',
      '}',
      '',
    ].join('\n');
    expect(erase(source).module).toBe(
      // The parentheses stay around `a` here: they held a chain of assertions, not a plain one.
      [
        '// kept: says why',
        'const M = new Map();',
        'function f(a, b) {',
        '  const x = (a).y;',
        '  const w = a.y;',
        '  let z;',
        '',
        '  return helper(x) && (a + b);',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('drops interfaces, type aliases, declares and @notEmitted statements, with their comments', () => {
    const source = [
      'const A = 1;',
      '/** A type. */',
      'export interface I { a: number }',
      'type U = string;',
      'declare const G: number;',
      'const B = 2;',
      '',
      '/** @notEmitted for the tests */',
      'export { A, B };',
      '',
    ].join('\n');
    const text = erase(source);
    expect(text.module).toBe('const A = 1;\nconst B = 2;\n');
    expect(text.exports).toEqual([]);
  });

  it('keeps exports in the module text and drops them from the script text, listing the names', () => {
    const source = ['export const A = 1;', 'export function f(): void {}', 'const B = 2;', 'export { B };', ''].join(
      '\n',
    );
    const text = erase(source);
    expect(text.module).toBe(source.replace('(): void', '()'));
    expect(text.script).toBe('const A = 1;\nfunction f() {}\nconst B = 2;\n');
    expect(text.exports).toEqual(['A', 'f', 'B']);
  });

  it('keeps the comments before the first statement unless they document the module', () => {
    expect(erase('/** Doc. @module */\n// first\nconst a = 1;\n').module).toBe('// first\nconst a = 1;\n');
    expect(erase("import { x } from './x.js';\n\n/** Explains. */\nexport function e(): void {}\n").module).toBe(
      '/** Explains. */\nexport function e() {}\n',
    );
  });

  it.each([
    ['enum E { A }\n', 'case.ts:1:1: an enum'],
    ['namespace N {}\n', 'case.ts:1:1: a namespace'],
    ['const a = <number>b;\n', 'case.ts:1:11: a <T>x assertion'],
    ['export default 1;\n', 'case.ts:1:1: export default'],
    ["export { a } from './a.js';\n", 'case.ts:1:1: a re-export'],
    ['class C { constructor(private a: number) {} }\n', 'case.ts:1:23: a parameter property'],
  ])('refuses what is not type-only syntax: %s', (source, message) => {
    expect(() => erase(source)).toThrow(message);
  });

  it('refuses a module with no code to emit', () => {
    expect(() => erase('export type A = 1;\n')).toThrow('case.ts: no code to emit');
  });

  it('agrees with esbuild on what the types were, and says where it does not', () => {
    const source = 'function f(a: number): number {\n  return a as number;\n}\n';
    expect(() => checkWithEsbuild(esbuild, 'case.ts', erase(source))).not.toThrow();
    const wrong = { ...erase(source), script: 'function f(a) {\n  return a + 1;\n}\n' };
    expect(() => checkWithEsbuild(esbuild, 'case.ts', wrong)).toThrow(
      /case\.ts: the erased text differs from esbuild's erasure at line 2/,
    );
  });
});
