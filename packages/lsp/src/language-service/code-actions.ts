import type {
  CodeAction,
  CreateFile,
  Diagnostic as LspDiagnostic,
  TextDocumentEdit,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver';
import type { Diagnostic, Fix } from '@permset/compiler';

/** What the client can apply. */
export interface CodeActionOptions {
  /** Whether the client's workspace edits can create files (`resourceOperations: ['create']`). */
  canCreateFiles: boolean;
  /** The client's spelling of a server URI. */
  toClientUri(uri: string): string;
}

/**
 * Quick fixes for the diagnostics a client asks about: the compiler's own fixes (`data.fixes`:
 * did-you-mean replacements, grant the missing `requires`, remove a redundant grant, create a
 * missing base set or fragment file, narrow a grant), each as a code action with a workspace
 * edit. The server decides nothing: it only turns `Fix`es into edits.
 *
 * A client that does not send `data` back gets the fixes of the published diagnostic with the
 * same range, code and message. Fixes that create files are left out for clients that cannot.
 */
export function codeActions(
  diagnostics: readonly LspDiagnostic[],
  published: readonly Diagnostic[],
  options: CodeActionOptions,
): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const d of diagnostics) {
    if (d.source !== 'permset') continue;
    const fixes = fixesOf(d) ?? published.find((p) => sameDiagnostic(p, d))?.data?.fixes ?? [];
    for (const fix of fixes) {
      const creates = fix.edits.some((e) => e.create);
      if (creates && !options.canCreateFiles) continue;
      const action: CodeAction = {
        title: fix.title,
        kind: 'quickfix',
        diagnostics: [d],
        edit: workspaceEdit(fix, options),
      };
      if (fix.isPreferred) action.isPreferred = true;
      actions.push(action);
    }
  }
  return actions;
}

/** A fix as a workspace edit: `changes` for text edits, `documentChanges` with `CreateFile` when it creates a file. */
export function workspaceEdit(fix: Fix, options: Pick<CodeActionOptions, 'toClientUri'>): WorkspaceEdit {
  if (!fix.edits.some((e) => e.create)) {
    const changes: Record<string, TextEdit[]> = {};
    for (const e of fix.edits) {
      if (e.create) continue;
      const uri = options.toClientUri(e.uri);
      (changes[uri] ??= []).push({ range: e.range, newText: e.newText });
    }
    return { changes };
  }
  const documentChanges: (CreateFile | TextDocumentEdit)[] = [];
  for (const e of fix.edits) {
    const uri = options.toClientUri(e.uri);
    if (e.create) {
      documentChanges.push({ kind: 'create', uri, options: { overwrite: false, ignoreIfExists: true } });
      documentChanges.push({
        textDocument: { uri, version: null },
        edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: e.newText }],
      });
    } else {
      documentChanges.push({ textDocument: { uri, version: null }, edits: [{ range: e.range, newText: e.newText }] });
    }
  }
  return { documentChanges };
}

function fixesOf(d: LspDiagnostic): Fix[] | undefined {
  const data = d.data as { fixes?: unknown } | undefined;
  return Array.isArray(data?.fixes) ? (data.fixes as Fix[]) : undefined;
}

function sameDiagnostic(p: Diagnostic, d: LspDiagnostic): boolean {
  return (
    p.code === d.code &&
    p.message === d.message &&
    p.range.start.line === d.range.start.line &&
    p.range.start.character === d.range.start.character &&
    p.range.end.line === d.range.end.line &&
    p.range.end.character === d.range.end.character
  );
}
