import { buildPolicyModel, type PolicyModel } from '../policy-model/index.js';
import { generateEvaluator } from '../emit/evaluator/index.js';
import type { CompileResult } from '../program/index.js';
import type { EvaluatorApi } from '../runtime/index.js';

/**
 * Generates a compilation's evaluator and imports it from a `data:` URL: the very code
 * `permset build` writes, with no temporary file to clean up. Its only inputs are policy
 * strings embedded as JSON literals.
 */
export async function loadEvaluator(result: CompileResult, model: PolicyModel = buildPolicyModel(result)): Promise<EvaluatorApi> {
  const source = generateEvaluator(model)['evaluator.js'];
  return (await import(/* @vite-ignore */ `data:text/javascript;charset=utf-8,${encodeURIComponent(source)}`)) as EvaluatorApi;
}
