import type { AccessMatrix, Explanation, SetPreview } from '@permset/compiler';

export type { Explanation };

/**
 * The server's requests and notifications beyond LSP, which the VS Code extension uses for its
 * views (status, access matrix, preview, explain, diff). Names and shapes only, with no runtime
 * dependency: the extension bundles this file as it is.
 *
 * Every request names its project with `uri` (any file under a workspace folder, or the folder
 * itself); without one, the first workspace folder is meant. Files in results are named
 * relative to the workspace folder (`policies/sets/manager.yaml`) with 1-based line and column,
 * as `permset build` names them, so the views read like the CLI's reports; the client resolves
 * them against `folderUri`. A request the server cannot answer (no workspace, an unknown set)
 * fails with a `ResponseError` whose message is meant for people.
 *
 * @module
 */

/** `permset/status`: every workspace's policy folder, counts and ids (for pickers). */
export const STATUS_REQUEST = 'permset/status';
/** `permset/matrix`: the access matrix of a workspace's current policies (unsaved text included). */
export const MATRIX_REQUEST = 'permset/matrix';
/** `permset/preview`: "try it out", what a user with a set can do, by area, with provenance. */
export const PREVIEW_REQUEST = 'permset/preview';
/** `permset/explain`: the generated evaluator's `explain()` of one request. */
export const EXPLAIN_REQUEST = 'permset/explain';
/** `permset/diff`: what changes between a git ref and the working tree (the `permset diff` report). */
export const DIFF_REQUEST = 'permset/diff';
/**
 * `permset/didCompile` (server → client): a workspace was re-checked and its diagnostics were
 * published, after an edit or a change on disk. Open views refresh on it.
 */
export const DID_COMPILE_NOTIFICATION = 'permset/didCompile';

/** Which project a request is about. */
export interface ProjectParams {
  /** A file of the project, or its workspace folder. Default: the first workspace folder. */
  uri?: string;
}

/** A permission set, as pickers list it. */
export interface SetInfo {
  id: string;
  name: string;
  system: boolean;
  seat?: string;
  description?: string;
}

/** A permission of the catalog, as pickers list it. */
export interface PermissionInfo {
  id: string;
  label: string;
  area: string;
  /** The permission's resource type, if it has one. */
  resourceType?: string;
}

/** One workspace folder's project. */
export interface ProjectStatus {
  /** The workspace folder. */
  folderUri: string;
  /** The policy folder (the `policyFolder` setting, else `policies/`, else the folder). */
  policyFolderUri: string;
  /** The policy folder relative to the workspace folder (`policies`, or `.` for the folder itself). */
  policyFolder: string;
  /** How many policy files the project has. */
  files: number;
  hasCatalog: boolean;
  errors: number;
  warnings: number;
  sets: SetInfo[];
  permissions: PermissionInfo[];
}

/** The answer to {@link STATUS_REQUEST} (`params`: none). */
export interface StatusResult {
  projects: ProjectStatus[];
}

/** What every view's answer carries about the project it shows. */
export interface ViewResult {
  folderUri: string;
  /** Errors in the project: views still show what resolves, and say that it may change. */
  errors: number;
}

/** Parameters of {@link MATRIX_REQUEST}. */
export interface MatrixParams extends ProjectParams {
  /**
   * `html`: the whole page of `permset matrix --format html` (its script re-renders on
   * `{ type: 'permset.render', data }`); `data`: only the {@link AccessMatrix}, for that message.
   */
  format: 'html' | 'data';
}

/** The answer to {@link MATRIX_REQUEST}. */
export interface MatrixResult extends ViewResult {
  /** With `format: 'html'`. */
  html?: string;
  /** With `format: 'data'`. */
  matrix?: AccessMatrix;
}

/** Parameters of {@link PREVIEW_REQUEST}. */
export interface PreviewParams extends ProjectParams {
  set: string;
}

// The preview's shapes are the compiler's (`permset preview --format json`).
export type { PreviewPermission, PreviewScope, SetPreview } from '@permset/compiler';

/** The answer to {@link PREVIEW_REQUEST}. */
export interface PreviewResult extends ViewResult {
  preview: SetPreview;
}

/** Parameters of {@link EXPLAIN_REQUEST}: the arguments of `permset explain`. */
export interface ExplainParams extends ProjectParams {
  set: string;
  permission: string;
  /** The subject's attributes (its `set` is {@link set}). */
  subject?: Record<string, unknown>;
  /** The resource; its `type` defaults to the permission's resource type. */
  resource?: Record<string, unknown>;
  context?: Record<string, unknown>;
}

/** The answer to {@link EXPLAIN_REQUEST}. */
export interface ExplainResult extends ViewResult {
  /** The request as evaluated (the subject with its set, the resource with its type). */
  request: {
    subject: Record<string, unknown>;
    permission: string;
    resource?: Record<string, unknown>;
    context?: Record<string, unknown>;
  };
  explanation: Explanation;
}

/** Parameters of {@link DIFF_REQUEST}. */
export interface DiffParams extends ProjectParams {
  /** The git ref to compare the working tree (with unsaved text) against, e.g. `HEAD`. */
  ref: string;
}

/** Counts of a diff (the `summary` of `permset diff --format json`). */
export interface DiffSummaryCounts {
  sets: { changed: number; added: number; removed: number; renamed: number; rebased: number };
  cells: {
    total: number;
    gain: number;
    loss: number;
    widen: number;
    narrow: number;
    change: number;
    condition: number;
  };
  flagged: number;
  catalog: number;
}

/** The answer to {@link DIFF_REQUEST}. */
export interface DiffResult extends ViewResult {
  ref: string;
  /** How the report names the two sides: `HEAD (3f1b07e)` and `working tree`. */
  base: string;
  head: string;
  /** The report of `permset diff REF --format md` for the working tree, unsaved text included. */
  markdown: string;
  summary: DiffSummaryCounts;
}

/** The parameters of {@link DID_COMPILE_NOTIFICATION}. */
export interface DidCompileParams {
  /** The workspace folders that were re-checked. */
  folderUris: string[];
}

/**
 * `permset/builder`: the custom-set builder's page for a webview (builder.js of the workspace's
 * current policies, themed for VS Code), the bases it offers and, with `set`, that custom set's
 * definition to edit.
 */
export const BUILDER_REQUEST = 'permset/builder';
/** `permset/definitionText`: a definition the builder saved, as a canonical `PermissionSet` file. */
export const DEFINITION_TEXT_REQUEST = 'permset/definitionText';

/** Parameters of {@link BUILDER_REQUEST}. */
export interface BuilderParams extends ProjectParams {
  /** A custom set to edit (its file must hold it as a document of its own). */
  set?: string;
  /** Without `set`: edit the custom set defined in the file `uri`. */
  edit?: boolean;
}

/** A set the builder can start from. */
export interface BuilderBase {
  id: string;
  name: string;
  /** False for a set whose seat cannot be customized (a Contractor). */
  customizable: boolean;
}

/** The answer to {@link BUILDER_REQUEST}. */
export interface BuilderResult extends ViewResult {
  /** The webview page (its scripts allowed by hash, see matrixWebviewHtml for the webview's policy). */
  html: string;
  /**
   * Whether the page carries the workspace's `withCustomSets` (live diagnostics in the builder);
   * false while the workspace has errors: then the saved file is checked like any other.
   */
  liveDiagnostics: boolean;
  bases: BuilderBase[];
  /** With `set`: its definition as data, the file that holds it and the document's range there (0-based). */
  existing?: {
    definition: Record<string, unknown>;
    uri: string;
    range: { start: { line: number; character: number }; end: { line: number; character: number } };
  };
}

/** Parameters of {@link DEFINITION_TEXT_REQUEST}. */
export interface DefinitionTextParams extends ProjectParams {
  definition: Record<string, unknown>;
}

/** The answer to {@link DEFINITION_TEXT_REQUEST}. */
export interface DefinitionTextResult {
  /** The file's text in the canonical format of `permset fmt`. */
  text: string;
  /** Where a new custom set of that id goes: `<policy folder>/sets/custom/<id>.yaml`. */
  uri: string;
}
