import { Script } from 'node:vm';
import { generateEvaluator, type Explanation } from '../emit/index.js';
import type { PolicyModel } from '../policy-model/index.js';

/** The parts of a generated evaluator module that `explain`, `test` and the editor call. */
export interface EvaluatorModule {
  can(subject: unknown, permission: unknown, resource?: unknown, context?: unknown): boolean;
  explain(subject: unknown, permission: unknown, resource?: unknown, context?: unknown): Explanation;
  resourceTypeOf(permission: unknown): string | null;
}

/**
 * The evaluator of a policy model, loaded in this process: the very code `permset build` writes
 * (whose only inputs are policy strings embedded as JSON literals), so `permset explain`,
 * `permset test` and the editor decide exactly as the shipped evaluator does. No file is written.
 */
export async function loadEvaluator(model: PolicyModel): Promise<EvaluatorModule> {
  const source = generateEvaluator(model)['evaluator.js'];
  return evaluatorFromSource(source) ?? importModule(source);
}

/**
 * Runs the generated module's code as a script whose exports become an object. Why not
 * `import()` it: the module loader keeps every module it loaded for the life of the process, and
 * an editor explaining again after each edit would keep one evaluator per edit (about 0.5 MB
 * each for the shipped policies). The code is the generator's (policy strings only inside JSON
 * literals; JSON never holds a raw line break, so `export` at the start of a line is always a
 * statement). `undefined` when the module's shape is not the expected one: then it is imported.
 */
export function evaluatorFromSource(source: string): EvaluatorModule | undefined {
  const body = source.replace(/^export (const|let|function|class) /gm, '$1 ').replace(/^export \{[^}\n]*\};?[ \t]*$/gm, '');
  if (/^(export|import)\b/m.test(body)) return undefined;
  try {
    const script = new Script(
      `(function () {\n'use strict';\n${body}\nreturn { can: typeof can === 'function' ? can : undefined, explain, resourceTypeOf };\n})()`,
      { filename: 'permset-evaluator.js' },
    );
    const exports = script.runInThisContext() as Partial<EvaluatorModule>;
    return typeof exports.can === 'function' && typeof exports.explain === 'function' && typeof exports.resourceTypeOf === 'function' ? (exports as EvaluatorModule) : undefined;
  } catch {
    return undefined;
  }
}

function importModule(source: string): Promise<EvaluatorModule> {
  return import(/* @vite-ignore */ `data:text/javascript;charset=utf-8,${encodeURIComponent(source)}`) as Promise<EvaluatorModule>;
}
