import type { EmittedText } from '../runtime/index.js';

/**
 * The two forms of every JavaScript module `permset build` writes: an ES module (`.mjs`, and
 * `.js` for the evaluator's existing users) and a CommonJS module (`.cjs`), so the files work
 * with `import` and with `require` in a project of either `"type"` (docs/evaluator.md, "Loading
 * the evaluator"). Both are the same code: the CommonJS form drops the `export` keywords and
 * assigns the same names to `module.exports` at the end.
 */
export type ModuleFormat = 'esm' | 'cjs';

/** A generated constant the module exports: `export const NAME = value;`, or without `export`. */
export function exportedConst(format: ModuleFormat, name: string, value: string): string {
  return `${format === 'esm' ? 'export ' : ''}const ${name} = ${value};`;
}

/** A runtime module's text in the format (runtime/generated/). */
export function runtimeText(format: ModuleFormat, text: EmittedText): string {
  return format === 'esm' ? text.module : text.script;
}

/**
 * What a CommonJS module starts with after its header comments (strict mode, as ES modules always
 * are), or nothing for an ES module.
 */
export function strictPrologue(format: ModuleFormat): string[] {
  return format === 'cjs' ? ['"use strict";'] : [];
}

/**
 * The exports of a CommonJS module, or nothing for an ES module. An object literal of names, the
 * form Node's CommonJS export detection reads, so `import { can } from './evaluator.cjs'` works
 * in an ES module too.
 */
export function commonJsExports(format: ModuleFormat, names: readonly string[]): string[] {
  return format === 'cjs' ? [`module.exports = { ${names.join(', ')} };\n`] : [];
}
