import { Script } from 'node:vm';
import { generateEvaluator, type EvaluatorApi } from '../emit/index.js';
import type { PolicyModel } from '../policy-model/index.js';

/**
 * The evaluator of a policy model, loaded in this process: the very code `permset build` writes
 * (as evaluator.cjs; its only inputs are policy strings embedded as JSON literals), so
 * `permset explain`, `permset test` and the editor decide exactly as the shipped evaluator does.
 * No file is written.
 */
export async function loadEvaluator(model: PolicyModel): Promise<EvaluatorApi> {
  return evaluatorFromCommonJs(generateEvaluator(model)['evaluator.cjs']);
}

/**
 * Runs a generated CommonJS evaluator (evaluator.cjs) and returns its `module.exports`. Why not
 * `require` or `import()` it: the module loader keeps every module it loaded for the life of the
 * process, and an editor explaining again after each edit would keep one evaluator per edit
 * (about 0.5 MB each for the shipped policies); this function's result is collected like any
 * object. The generated file is dependency-free, so it is given no `require`.
 */
export function evaluatorFromCommonJs(source: string): EvaluatorApi {
  const run = new Script(`(function (module, exports) {\n${source}\n})`, {
    filename: 'permset-evaluator.cjs',
  }).runInThisContext() as (module: { exports: object }, exports: object) => void;
  const module = { exports: {} };
  run(module, module.exports);
  return module.exports as EvaluatorApi;
}
