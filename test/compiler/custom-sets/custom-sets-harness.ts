import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildPolicyModel } from '../../../packages/compiler/src/policy-model/index.js';
import { generateEvaluator } from '../../../packages/compiler/src/emit/evaluator/index.js';
import { generateCustomSets, type CustomSetsFiles } from '../../../packages/compiler/src/emit/custom-sets/index.js';
import type { CompileResult } from '../../../packages/compiler/src/program/index.js';
import type { CustomSetDiagnostic } from '../../../packages/compiler/src/custom-sets/index.js';
import { REPO } from '../../helpers/cli.js';
import type { EvaluatorApi } from '../emit/evaluator/evaluator-harness.js';

/** The tenant object, as tests call it (with any values, hostile ones included). */
export interface TenantApi {
  readonly ok: boolean;
  readonly diagnostics: readonly CustomSetDiagnostic[];
  readonly setIds: readonly string[];
  can(subject: unknown, permission: unknown, resource?: unknown, context?: unknown): boolean;
  explain(subject: unknown, permission: unknown, resource?: unknown, context?: unknown): unknown;
  preview(set: unknown): unknown;
  toCedar(set: unknown): Readonly<Record<string, string>> | null;
  permissionsOf(set: unknown): readonly string[];
  setsWith(permission: unknown): readonly string[];
}

/** custom-sets.js as an application imports it. */
export interface CustomSetsModule {
  withCustomSets(definitions: unknown, options?: unknown): TenantApi;
}

/** The bundled run time `npm run build` writes (scripts/bundle-custom-sets.mjs). */
export function runtimeBundle(): string {
  return readFileSync(join(REPO, 'packages/compiler/dist/custom-sets-runtime.js'), 'utf8');
}

/** evaluator.js and custom-sets.js of a clean compilation, written side by side and imported. */
export async function customSetsOf(
  result: CompileResult,
): Promise<{ ev: EvaluatorApi; cs: CustomSetsModule; files: CustomSetsFiles }> {
  const errors = result.diagnostics.filter((d) => d.severity === 1);
  if (errors.length)
    throw new Error(
      `the policies have errors:\n${errors.map((d) => `${d.uri}:${d.range.start.line + 1} ${d.code} ${d.message}`).join('\n')}`,
    );
  const model = buildPolicyModel(result);
  const evaluator = generateEvaluator(model);
  const { project } = result.resolved;
  const uris = new Set<string>();
  if (project.catalog) uris.add(project.catalog.origin.uri);
  for (const e of [...project.sets.values(), ...project.fragments.values(), ...project.guards.values()])
    uris.add(e.origin.uri);
  const sources = [...uris].map((uri) => ({ uri, text: result.files.get(uri)!.text }));
  const files = generateCustomSets({
    model,
    compiled: result.resolved,
    sources,
    runtime: runtimeBundle(),
    header: { version: '0.0.0-test', modelHash: 'sha256:test' },
  });
  const dir = mkdtempSync(join(tmpdir(), 'permset-custom-sets-'));
  try {
    writeFileSync(join(dir, 'evaluator.js'), evaluator['evaluator.js']);
    writeFileSync(join(dir, 'custom-sets.js'), files['custom-sets.js']);
    const ev = (await import(/* @vite-ignore */ pathToFileURL(join(dir, 'evaluator.js')).href)) as EvaluatorApi;
    const cs = (await import(/* @vite-ignore */ pathToFileURL(join(dir, 'custom-sets.js')).href)) as CustomSetsModule;
    return { ev, cs, files };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
