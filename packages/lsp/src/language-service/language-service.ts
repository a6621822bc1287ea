import type {
  CodeAction,
  CodeLens,
  CompletionList,
  Diagnostic as LspDiagnostic,
  DocumentSymbol,
  Hover,
  InlayHint,
  Location,
  Position,
  Range,
  TextEdit,
  WorkspaceSymbol,
} from 'vscode-languageserver';
import { codeActions, type CodeActionOptions } from './code-actions.js';
import { codeLenses } from './code-lens.js';
import { doComplete, kindCompletions } from './do-complete.js';
import { doHover } from './do-hover.js';
import { doRename, prepareRename, type RenameResult } from './do-rename.js';
import { documentContext, type DocumentContext } from './document-context.js';
import { documentSymbols, workspaceSymbols } from './document-symbols.js';
import { summarizeSet, summaryMarkdown } from './effective-permissions.js';
import { findDefinition } from './find-definition.js';
import { findReferences } from './find-references.js';
import { formatDocument } from './formatting.js';
import { inlayHints } from './inlay-hints.js';
import { semanticTokens } from './semantic-tokens.js';
import { normalizeUri } from './uri.js';
import type { WorkspaceSet } from './workspace-set.js';

/**
 * Every editor feature as a connection-free function of a document URI and a position: what the
 * server wires to LSP requests, and what tests call directly. A URI outside every workspace, or
 * of a YAML file that is not a policy file, gets an empty answer.
 */
export interface LanguageService {
  readonly workspaces: WorkspaceSet;
  /** The policy file a request is about, if the server handles it. */
  context(uri: string): DocumentContext | undefined;
  doHover(uri: string, position: Position): Hover | null;
  doComplete(uri: string, position: Position): CompletionList;
  findDefinition(uri: string, position: Position): Location[];
  findReferences(uri: string, position: Position, includeDeclaration: boolean): Location[];
  prepareRename(uri: string, position: Position): { range: Range; placeholder: string } | null;
  doRename(uri: string, position: Position, newName: string): RenameResult;
  documentSymbols(uri: string): DocumentSymbol[];
  workspaceSymbols(query: string): WorkspaceSymbol[];
  codeActions(uri: string, diagnostics: readonly LspDiagnostic[], options: CodeActionOptions): CodeAction[];
  codeLenses(uri: string): CodeLens[];
  inlayHints(uri: string, range: Range): InlayHint[];
  semanticTokens(uri: string): { data: number[] };
  format(uri: string): TextEdit[];
  /** A set's effective permissions in Markdown (the lens command's preview), if the set exists. */
  effectivePermissions(uri: string, setId: string): string | undefined;
}

/** The language service over a session's workspaces. */
export function createLanguageService(workspaces: WorkspaceSet): LanguageService {
  const ctxOf = (uri: string) => documentContext(workspaces, normalizeUri(uri));
  return {
    workspaces,
    context: ctxOf,
    doHover: (uri, position) => withCtx(ctxOf(uri), null, (ctx) => doHover(ctx, position)),
    doComplete: (uri, position) => {
      const ctx = ctxOf(uri);
      if (ctx) return doComplete(ctx, position);
      // A new, still empty (or kind-less) YAML file in the policy folder: offer what makes it a policy file.
      const key = normalizeUri(uri);
      const text = workspaces.forUri(key)?.openText(key);
      return { isIncomplete: false, items: text === undefined ? [] : kindCompletions(text, position) };
    },
    findDefinition: (uri, position) => withCtx(ctxOf(uri), [], (ctx) => findDefinition(ctx, position)),
    findReferences: (uri, position, includeDeclaration) =>
      withCtx(ctxOf(uri), [], (ctx) => findReferences(ctx, position, includeDeclaration)),
    prepareRename: (uri, position) => withCtx(ctxOf(uri), null, (ctx) => prepareRename(ctx, position)),
    doRename: (uri, position, newName) =>
      withCtx(ctxOf(uri), { error: 'This file is not a policy file of the workspace.' }, (ctx) =>
        doRename(ctx, position, newName),
      ),
    documentSymbols: (uri) => withCtx(ctxOf(uri), [], documentSymbols),
    workspaceSymbols: (query) => workspaceSymbols(workspaces.all(), query),
    codeActions: (uri, diagnostics, options) =>
      withCtx(ctxOf(uri), [], (ctx) =>
        codeActions(
          diagnostics,
          ctx.ws.lastCompiled().diagnostics.filter((d) => d.uri === ctx.uri),
          options,
        ),
      ),
    codeLenses: (uri) => withCtx(ctxOf(uri), [], codeLenses),
    inlayHints: (uri, range) => withCtx(ctxOf(uri), [], (ctx) => inlayHints(ctx, range)),
    semanticTokens: (uri) => withCtx(ctxOf(uri), { data: [] }, semanticTokens),
    format: (uri) => withCtx(ctxOf(uri), [], formatDocument),
    effectivePermissions: (uri, setId) => {
      const ws = workspaces.forUri(normalizeUri(uri)) ?? workspaces.all()[0];
      const summary = ws ? summarizeSet(ws.compile(), setId) : undefined;
      return summary ? summaryMarkdown(summary) : undefined;
    },
  };
}

function withCtx<T>(ctx: DocumentContext | undefined, empty: T, fn: (ctx: DocumentContext) => T): T {
  return ctx ? fn(ctx) : empty;
}
