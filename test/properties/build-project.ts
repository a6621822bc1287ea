import { buildPolicyModel, type PolicyModel } from '../../packages/compiler/src/policy-model/index.js';
import { generateEvaluator, type EvaluatorFiles } from '../../packages/compiler/src/emit/evaluator/index.js';
import { renderMatrixReports } from '../../packages/compiler/src/emit/matrix/index.js';
import { compile, type CompileResult } from '../../packages/compiler/src/program/index.js';
import { importEvaluator, type EvaluatorApi } from '../compiler/emit/evaluator/evaluator-harness.js';
import type { PolicyFile } from './render-project.js';

/** Compiles in-memory policy files, as the CLI names them (`policies/...`). */
export function compileProject(files: readonly PolicyFile[]): CompileResult {
  return compile(files, { projectUri: 'policies' });
}

/** Every artifact `permset build` writes (evaluator, declarations, model, matrix reports), by name. */
export function buildArtifacts(
  result: CompileResult,
  fileName?: (uri: string) => string,
): { model: PolicyModel; files: Record<string, string> } {
  const model = buildPolicyModel(result, fileName ? { fileName } : {});
  const files: Record<string, string> = {
    ...generateEvaluator(model, { version: '0.0.0-test' }),
    ...renderMatrixReports(model),
  };
  return { model, files };
}

/** Builds an error-free project and imports its evaluator, as an application would. */
export async function loadEvaluator(
  result: CompileResult,
): Promise<{ model: PolicyModel; files: EvaluatorFiles; ev: EvaluatorApi }> {
  if (result.hasErrors)
    throw new Error(
      `the project has errors: ${result.diagnostics
        .filter((d) => d.severity === 1)
        .map((d) => `${d.uri}:${d.range.start.line + 1} ${d.code}`)
        .join(', ')}`,
    );
  const model = buildPolicyModel(result);
  const files = generateEvaluator(model);
  return { model, files, ev: await importEvaluator(files) };
}
