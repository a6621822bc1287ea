import { buildAccessMatrix, didYouMean, didYouMeanSuffix, previewSet, renderMatrix } from '@permset/compiler';
import { ErrorCodes, ResponseError, type Connection } from 'vscode-languageserver';
import type { WorkspaceSet } from '../language-service/workspace-set.js';
import { builderRequest, definitionTextRequest } from './builder-request.js';
import {
  BUILDER_REQUEST,
  DEFINITION_TEXT_REQUEST,
  DID_COMPILE_NOTIFICATION,
  DIFF_REQUEST,
  EXPLAIN_REQUEST,
  MATRIX_REQUEST,
  PREVIEW_REQUEST,
  STATUS_REQUEST,
  type BuilderParams,
  type DefinitionTextParams,
  type DidCompileParams,
  type DiffParams,
  type ExplainParams,
  type MatrixParams,
  type MatrixResult,
  type PreviewParams,
  type PreviewResult,
  type StatusResult,
} from './custom-protocol.js';
import type { DiagnosticsPublisher } from './diagnostics-publisher.js';
import { diffRequest } from './diff-request.js';
import { explainRequest } from './explain-request.js';
import { projectFor, compiledWorkspace } from './compiled-workspace.js';
import { projectStatus } from './project-status.js';

/** What the custom requests need from the running server. */
export interface CustomRequestContext {
  /** The session's workspaces (undefined until `initialized`). */
  workspaces: () => WorkspaceSet | undefined;
  /** Its diagnostics publisher: each published compilation is announced to the client. */
  publisher: DiagnosticsPublisher;
  log: (message: string) => void;
  /** The custom-sets run time for the builder's live rules (undefined: none in this installation). */
  customSetsRuntime: () => string | undefined;
}

/**
 * Registers the requests of `custom-protocol.ts` (status, matrix, preview, explain, diff, builder) and the
 * `permset/didCompile` notification on a connection. They answer from the same live program as
 * every LSP feature (unsaved text included), compute everything on the server, and return data
 * or ready HTML: the VS Code extension only shows it. A failure is logged and answered with an
 * error the client can show; it never takes the server down.
 */
export function registerCustomRequests(connection: Connection, ctx: CustomRequestContext): void {
  const previous = ctx.publisher.onPublished;
  ctx.publisher.onPublished = () => {
    previous?.();
    const params: DidCompileParams = { folderUris: (ctx.workspaces()?.all() ?? []).map((ws) => ws.folderUri) };
    void connection.sendNotification(DID_COMPILE_NOTIFICATION, params).catch(() => undefined);
  };

  connection.onRequest(
    STATUS_REQUEST,
    guarded(STATUS_REQUEST, ctx.log, (): StatusResult => ({
      projects: (ctx.workspaces()?.all() ?? []).map(projectStatus),
    })),
  );

  connection.onRequest(
    MATRIX_REQUEST,
    guarded(MATRIX_REQUEST, ctx.log, (params: MatrixParams | undefined): MatrixResult => {
      const format = params?.format ?? 'html';
      if (format !== 'html' && format !== 'data')
        throw new ResponseError(
          ErrorCodes.InvalidParams,
          `The matrix format must be 'html' or 'data', not ${JSON.stringify(format)}.`,
        );
      const project = compiledWorkspace(projectFor(ctx.workspaces(), params?.uri));
      const base = { folderUri: project.ws.folderUri, errors: project.errors };
      return format === 'data'
        ? { ...base, matrix: buildAccessMatrix(project.model) }
        : { ...base, html: renderMatrix(project.model, 'html') };
    }),
  );

  connection.onRequest(
    PREVIEW_REQUEST,
    guarded(PREVIEW_REQUEST, ctx.log, (params: PreviewParams | undefined): PreviewResult => {
      const project = compiledWorkspace(projectFor(ctx.workspaces(), params?.uri));
      const id = params?.set;
      const set = project.model.sets.find((s) => s.id === id);
      if (typeof id !== 'string' || !set) {
        const known = project.model.sets.map((s) => s.id);
        throw new ResponseError(
          ErrorCodes.InvalidParams,
          `Unknown permission set ${JSON.stringify(id ?? null)}.${typeof id === 'string' ? didYouMeanSuffix(didYouMean(id, known)) : ''}`,
        );
      }
      return { folderUri: project.ws.folderUri, errors: project.errors, preview: previewSet(project.model, set) };
    }),
  );

  connection.onRequest(
    DIFF_REQUEST,
    guarded(DIFF_REQUEST, ctx.log, (params: DiffParams | undefined) => {
      if (!params || typeof params !== 'object')
        throw new ResponseError(
          ErrorCodes.InvalidParams,
          'permset/diff needs a git revision to compare with, such as HEAD or main.',
        );
      return diffRequest(compiledWorkspace(projectFor(ctx.workspaces(), params.uri)), params);
    }),
  );

  connection.onRequest(
    BUILDER_REQUEST,
    guarded(BUILDER_REQUEST, ctx.log, (params: BuilderParams | undefined) =>
      builderRequest(compiledWorkspace(projectFor(ctx.workspaces(), params?.uri)), params, ctx.customSetsRuntime),
    ),
  );

  connection.onRequest(
    DEFINITION_TEXT_REQUEST,
    guarded(DEFINITION_TEXT_REQUEST, ctx.log, (params: DefinitionTextParams | undefined) =>
      definitionTextRequest(compiledWorkspace(projectFor(ctx.workspaces(), params?.uri)), params),
    ),
  );

  connection.onRequest(
    EXPLAIN_REQUEST,
    guarded(EXPLAIN_REQUEST, ctx.log, (params: ExplainParams | undefined) => {
      if (!params || typeof params !== 'object')
        throw new ResponseError(ErrorCodes.InvalidParams, 'permset/explain needs a set and a permission.');
      return explainRequest(compiledWorkspace(projectFor(ctx.workspaces(), params.uri)), params);
    }),
  );
}

/**
 * Wraps a custom request handler: a `ResponseError` (a refusal meant for people) passes through;
 * anything else is logged with its stack and answered with a short internal error.
 */
export function guarded<P, R>(
  name: string,
  log: (message: string) => void,
  handler: (params: P) => R | Promise<R>,
): (params: P) => Promise<R | ResponseError<void>> {
  return async (params: P) => {
    try {
      return await handler(params);
    } catch (e) {
      if (e instanceof ResponseError) return e as ResponseError<void>;
      log(`permset: ${name} failed: ${(e as Error)?.stack ?? String(e)}`);
      return new ResponseError<void>(
        ErrorCodes.InternalError,
        `permset: ${name} failed: ${(e as Error)?.message ?? String(e)}`,
      );
    }
  };
}
