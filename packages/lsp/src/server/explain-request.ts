import type { EvaluatorApi, PolicyModel } from '@permset/compiler';
import { loadEvaluator } from '@permset/compiler/project';
import { ErrorCodes, ResponseError } from 'vscode-languageserver';
import type { ExplainParams, ExplainResult } from './custom-protocol.js';
import type { CompiledWorkspace } from './compiled-workspace.js';
import type { StateKey } from '../language-service/workspace-state.js';

// One evaluator per model (per compilation), dropped with it.
const EVALUATORS: StateKey<WeakMap<PolicyModel, Promise<EvaluatorApi>>> = {
  name: 'evaluators',
  create: () => new WeakMap(),
};

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
    throw new ResponseError(
      ErrorCodes.InvalidParams,
      `The subject sets "set" to ${JSON.stringify(subjectAttrs['set'])}, but the set to explain is '${set}'.`,
    );
  }
  const resourceAttrs = optionalObject(params.resource, 'resource');
  const context = optionalObject(params.context, 'context');
  const evaluator = await evaluatorOf(project);
  const type = evaluator.resourceTypeOf(permission);
  const resource = type === null ? resourceAttrs : { type, ...resourceAttrs };
  const subject = { ...subjectAttrs, set };
  const explanation = evaluator.explain(subject, permission, resource, context);
  const request: ExplainResult['request'] = { subject, permission };
  if (resource !== undefined) request.resource = resource;
  if (context !== undefined) request.context = context;
  return { folderUri: project.ws.folderUri, errors: project.errors, request, explanation };
}

function evaluatorOf({ ws, model }: CompiledWorkspace): Promise<EvaluatorApi> {
  const evaluators = ws.state.get(EVALUATORS);
  let loading = evaluators.get(model);
  if (!loading) {
    loading = loadEvaluator(model);
    evaluators.set(model, loading);
  }
  return loading;
}

function requiredString(value: unknown, name: string): string {
  if (typeof value !== 'string' || value === '')
    throw new ResponseError(ErrorCodes.InvalidParams, `permset/explain needs a ${name} (a non-empty string).`);
  return value;
}

function optionalObject(value: unknown, name: string): Record<string, unknown> | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value))
    throw new ResponseError(ErrorCodes.InvalidParams, `The ${name} must be a JSON object, like {"id": "u1"}.`);
  return value as Record<string, unknown>;
}
