import { posix } from 'node:path';
import { buildPolicyModel, type CompileResult, type PolicyModel } from '@permset/compiler';
import { ErrorCodes, ResponseError } from 'vscode-languageserver';
import type { PolicyWorkspace } from '../language-service/policy-workspace.js';
import type { StateKey } from '../language-service/workspace-state.js';
import { normalizeUri, uriToPath } from '../language-service/uri.js';
import type { WorkspaceSet } from '../language-service/workspace-set.js';

/** A workspace's current compilation and the policy model built from it (for custom requests). */
export interface CompiledWorkspace {
  ws: PolicyWorkspace;
  result: CompileResult;
  /** Files named relative to the workspace folder (`policies/sets/manager.yaml`). */
  model: PolicyModel;
  /** Names a file as the model does. */
  fileName: (uri: string) => string;
  /** Errors of the project (scan problems included). */
  errors: number;
}

// One model per compilation: a view that refreshes on every keystroke-burst builds it once.
const POLICY_MODELS: StateKey<WeakMap<CompileResult, PolicyModel>> = {
  name: 'policy models',
  create: () => new WeakMap(),
};

/**
 * The workspace a custom request is about: the one holding `uri` (a policy file, or the
 * workspace folder itself), else the first. Throws a `ResponseError` when there is none, which
 * the client shows as it is.
 */
export function projectFor(workspaces: WorkspaceSet | undefined, uri: string | undefined): PolicyWorkspace {
  const all = workspaces?.all() ?? [];
  if (all.length === 0)
    throw new ResponseError(
      ErrorCodes.InvalidRequest,
      'No permset workspace is open: open a folder that has a policies/ folder or a catalog.',
    );
  if (typeof uri !== 'string' || uri === '') return all[0]!;
  const key = normalizeUri(uri);
  const byFolder = all.find((ws) => ws.folderUri.replace(/\/+$/, '') === key.replace(/\/+$/, '') || ws.rootUri === key);
  const found = byFolder ?? workspaces!.forUri(key) ?? all.find((ws) => isInside(key, ws.folderUri));
  if (!found) throw new ResponseError(ErrorCodes.InvalidParams, `${uri} is not in a permset workspace.`);
  return found;
}

/** The workspace's latest text compiled (unsaved edits included), with its policy model. */
export function compiledWorkspace(ws: PolicyWorkspace): CompiledWorkspace {
  const result = ws.compile();
  const folder = uriToPath(ws.folderUri) ?? '/';
  const fileName = (uri: string) => relativeName(folder, uri);
  const models = ws.state.get(POLICY_MODELS);
  let model = models.get(result);
  if (!model) {
    model = buildPolicyModel(result, { fileName });
    models.set(result, model);
  }
  let errors = 0;
  for (const list of ws.diagnostics().values()) for (const d of list) if (d.severity === 1) errors++;
  return { ws, result, model, fileName, errors };
}

/** A file's name relative to the workspace folder, `/`-separated; other URIs as they are. */
export function relativeName(folderPath: string, uri: string): string {
  const path = uriToPath(uri);
  if (path === undefined) return uri;
  const rel = posix.relative(folderPath.replace(/\/+$/, '') || '/', path);
  return rel === '' ? '.' : rel;
}

function isInside(uri: string, folderUri: string): boolean {
  const path = uriToPath(uri);
  const folder = uriToPath(folderUri);
  return (
    path !== undefined && folder !== undefined && (path === folder || path.startsWith(folder.replace(/\/+$/, '') + '/'))
  );
}
