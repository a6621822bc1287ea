import { Script } from 'node:vm';
import { generateEvaluator, type EvaluatorApi, type PolicyModel } from '@permset/compiler';
import { ErrorCodes, ResponseError } from 'vscode-languageserver';
import type { ExplainParams, ExplainResult } from './custom-protocol.js';
import type { CompiledWorkspace } from './compiled-workspace.js';

/** The parts of a generated evaluator module that `explain` uses. */
export type EvaluatorModule = Pick<EvaluatorApi, 'explain' | 'resourceTypeOf'>;

// One evaluator per model (per compilation), dropped with it.
const evaluators = new WeakMap<PolicyModel, Promise<EvaluatorModule>>();

/**
 * Explains one request with the workspace's generated evaluator: the very code `permset build`
 * writes (whose only inputs are policy strings embedded as JSON literals), so the editor says
 * exactly what the shipped evaluator decides. As `permset
 * explain`: the subject's `set` is the set asked about, and the resource's `type` defaults to
 * the permission's resource type. Unlike the CLI it also explains a project with errors (the
 * evaluator then fails closed on what does not compile); the answer counts the errors.
 */
export async function explainRequest(project: CompiledWorkspace, params: ExplainParams): Promise<ExplainResult> {
  const set = requiredString(params.set, 'set');
  const permission = requiredString(params.permission, 'permission');
  const subjectAttrs = optionalObject(params.subject, 'subject') ?? {};
  if ('set' in subjectAttrs && subjectAttrs['set'] !== set) {
    throw new ResponseError(ErrorCodes.InvalidParams, `The subject sets "set" to ${JSON.stringify(subjectAttrs['set'])}, but the set to explain is '${set}'.`);
  }
  const resourceAttrs = optionalObject(params.resource, 'resource');
  const context = optionalObject(params.context, 'context');
  const evaluator = await evaluatorOf(project.model);
  const type = evaluator.resourceTypeOf(permission);
  const resource = type === null ? resourceAttrs : { type, ...resourceAttrs };
  const subject = { ...subjectAttrs, set };
  const explanation = evaluator.explain(subject, permission, resource, context);
  const request: ExplainResult['request'] = { subject, permission };
  if (resource !== undefined) request.resource = resource;
  if (context !== undefined) request.context = context;
  return { folderUri: project.ws.folderUri, errors: project.errors, request, explanation };
}

function evaluatorOf(model: PolicyModel): Promise<EvaluatorModule> {
  let loading = evaluators.get(model);
  if (!loading) {
    const source = generateEvaluator(model)['evaluator.js'];
    loading = Promise.resolve(evaluatorFromSource(source) ?? importModule(source));
    evaluators.set(model, loading);
  }
  return loading;
}

/**
 * Runs the generated module's code as a script whose exports become an object. Why not
 * `import()` it as `permset explain` does: the module loader keeps every module it loaded for
 * the life of the process, and an editor explaining again after each edit would keep one
 * evaluator per edit (about 0.5 MB each for the shipped policies). The code is the generator's
 * (policy strings only inside JSON literals; JSON never holds a raw line break, so `export` at
 * the start of a line is always a statement). `undefined` when the module's shape is not the
 * expected one: then it is imported after all.
 */
export function evaluatorFromSource(source: string): EvaluatorModule | undefined {
  const body = source.replace(/^export (const|let|function|class) /gm, '$1 ').replace(/^export \{[^}\n]*\};?[ \t]*$/gm, '');
  if (/^(export|import)\b/m.test(body)) return undefined;
  try {
    const script = new Script(`(function () {\n'use strict';\n${body}\nreturn { explain, resourceTypeOf };\n})()`, { filename: 'permset-evaluator.js' });
    const exports = script.runInThisContext() as Partial<EvaluatorModule>;
    return typeof exports.explain === 'function' && typeof exports.resourceTypeOf === 'function' ? (exports as EvaluatorModule) : undefined;
  } catch {
    return undefined;
  }
}

function importModule(source: string): Promise<EvaluatorModule> {
  return import(/* @vite-ignore */ `data:text/javascript;charset=utf-8,${encodeURIComponent(source)}`) as Promise<EvaluatorModule>;
}

function requiredString(value: unknown, name: string): string {
  if (typeof value !== 'string' || value === '') throw new ResponseError(ErrorCodes.InvalidParams, `permset/explain needs a ${name} (a non-empty string).`);
  return value;
}

function optionalObject(value: unknown, name: string): Record<string, unknown> | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw new ResponseError(ErrorCodes.InvalidParams, `The ${name} must be a JSON object, like {"id": "u1"}.`);
  return value as Record<string, unknown>;
}
