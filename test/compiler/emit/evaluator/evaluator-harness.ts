import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildPolicyModel, type PolicyModel } from '../../../../packages/compiler/src/policy-model/index.js';
import { generateEvaluator, type EvaluatorFiles } from '../../../../packages/compiler/src/emit/evaluator/index.js';
import { compile, type CompileResult } from '../../../../packages/compiler/src/program/index.js';
import { compileFixture } from '../../../helpers/fixtures.js';
import type { EvaluatorApi, Explanation } from '../../../../packages/compiler/src/runtime/index.js';

/** The generated module's exports, as tests call them (with any values, hostile ones included). */
export type { EvaluatorApi };

/** The Explanation object (its declared shape is in the generated .d.ts). */
export type { Explanation };

/** Writes the evaluator to a fresh temp folder and imports it, as an application would (only `evaluator.js` is needed). */
export async function importEvaluator(files: Pick<EvaluatorFiles, 'evaluator.js'>): Promise<EvaluatorApi> {
  const dir = mkdtempSync(join(tmpdir(), 'permset-evaluator-'));
  try {
    const file = join(dir, 'evaluator.js');
    writeFileSync(file, files['evaluator.js']);
    return (await import(/* @vite-ignore */ pathToFileURL(file).href)) as EvaluatorApi;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Compiles in-memory policy files (uris under `policies/`). */
export function compileFiles(files: readonly { uri: string; text: string }[]): CompileResult {
  return compile(files, { projectUri: 'policies' });
}

/** Compiles, fails loudly on errors, and returns the model with its imported evaluator. */
export async function evaluatorOf(
  result: CompileResult,
): Promise<{ model: PolicyModel; files: EvaluatorFiles; ev: EvaluatorApi }> {
  const errors = result.diagnostics.filter((d) => d.severity === 1);
  if (errors.length)
    throw new Error(
      `the policies have errors:\n${errors.map((d) => `${d.uri}:${d.range.start.line + 1} ${d.code} ${d.message}`).join('\n')}`,
    );
  const model = buildPolicyModel(result);
  const files = generateEvaluator(model);
  return { model, files, ev: await importEvaluator(files) };
}

/** The evaluator of a folder holding `policies/` (file names relative to that folder). */
export async function evaluatorOfDir(dir: string, policies = 'policies') {
  return evaluatorOf(compileFixture(dir, policies));
}
