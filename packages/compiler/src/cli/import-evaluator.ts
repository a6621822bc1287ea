import { buildPolicyModel, type PolicyModel } from '../policy-model/index.js';
import { generateEvaluator } from '../emit/evaluator/index.js';
import type { CompileResult } from '../program/index.js';
import type { Explanation } from '../emit/evaluator/explanation.js';

/** The parts of a generated evaluator module the CLI calls. */
export interface EvaluatorModule {
  can(subject: unknown, permission: unknown, resource?: unknown, context?: unknown): boolean;
  explain(subject: unknown, permission: unknown, resource?: unknown, context?: unknown): Explanation;
  resourceTypeOf(permission: unknown): string | null;
}

/**
 * Generates a compilation's evaluator and imports it from a `data:` URL: the very code
 * `permset build` writes, with no temporary file to clean up. Its only inputs are policy
 * strings embedded as JSON literals.
 */
export async function loadEvaluator(result: CompileResult, model: PolicyModel = buildPolicyModel(result)): Promise<EvaluatorModule> {
  const source = generateEvaluator(model)['evaluator.js'];
  return (await import(/* @vite-ignore */ `data:text/javascript;charset=utf-8,${encodeURIComponent(source)}`)) as EvaluatorModule;
}
