import type { CompileResult, LoadedFile, Position, Range, Span, YNode } from '@permset/compiler';
import type { PolicyWorkspace } from './policy-workspace.js';
import type { WorkspaceSet } from './workspace-set.js';

/** A policy file a request is about, with what every feature needs to answer it. */
export interface DocumentContext {
  ws: PolicyWorkspace;
  uri: string;
  loaded: LoadedFile;
  text: string;
}

/** The context of a policy file, or `undefined` for a file the server leaves alone. */
export function documentContext(workspaces: WorkspaceSet, uri: string): DocumentContext | undefined {
  const ws = workspaces.forUri(uri);
  const loaded = ws?.loaded(uri);
  if (!ws || !loaded) return undefined;
  return { ws, uri, loaded, text: loaded.source.text };
}

/** The offset of an LSP position in the document. */
export function offsetAt(ctx: DocumentContext, position: Position): number {
  return ctx.loaded.source.offsetAt(position);
}

/** The LSP range of a span of the document. */
export function rangeOf(ctx: DocumentContext, span: Span): Range {
  return ctx.loaded.source.rangeOf(span);
}

/** The LSP range of a span in any policy file of the workspace (the current text, else the last compilation's). */
export function rangeIn(ws: PolicyWorkspace, result: CompileResult | undefined, uri: string, span: Span): Range {
  const file = ws.sourceFile(uri) ?? result?.files.get(uri);
  return file ? file.rangeOf(span) : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}

/** The id of the set or fragment a document defines (`id:`), if it is one. */
export function ownerOf(root: YNode | null): string | undefined {
  if (!root || root.kind !== 'map') return undefined;
  const id = root.entries.find((e) => e.name === 'id')?.value;
  return id && id.kind === 'scalar' && typeof id.value === 'string' ? id.value : undefined;
}

/** The span of a scalar's content: without its quotes, so a rename or a replacement keeps them. */
export function innerSpan(text: string, span: Span): Span {
  const first = text[span[0]];
  if (span[1] - span[0] >= 2 && (first === '"' || first === "'") && text[span[1] - 1] === first)
    return [span[0] + 1, span[1] - 1];
  return span;
}
