import type { Diagnostic, FixEdit, Problem, Range } from './diagnostic.js';
import type { SourceFile } from './source-file.js';

const ZERO: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/**
 * Turns offset-based problems into LSP-shaped diagnostics: the single place where offsets
 * become lines and columns. `files` looks a file up by its uri; a problem on a file it does not
 * know (a directory, a file that could not be read) gets the range 0:0.
 */
export function toDiagnostic(problem: Problem, files: (uri: string) => SourceFile | undefined): Diagnostic {
  const rangeIn = (uri: string, span: readonly [number, number]): Range => files(uri)?.rangeOf(span) ?? ZERO;
  const diagnostic: Diagnostic = {
    uri: problem.uri,
    range: rangeIn(problem.uri, problem.span),
    severity: problem.severity,
    code: problem.code,
    message: problem.message,
    source: 'permset',
  };
  if (problem.related) {
    diagnostic.relatedInformation = problem.related.map((r) => ({
      location: { uri: r.at.uri, range: rangeIn(r.at.uri, r.at.span) },
      message: r.message,
    }));
  }
  if (problem.fixes) {
    diagnostic.data = {
      fixes: problem.fixes.map((fix) => ({
        title: fix.title,
        ...(fix.isPreferred ? { isPreferred: true } : {}),
        edits: fix.edits.map((e): FixEdit =>
          e.create
            ? { uri: e.uri, create: true, newText: e.newText }
            : { uri: e.uri, range: rangeIn(e.uri, e.span), newText: e.newText },
        ),
      })),
    };
  }
  return diagnostic;
}

/** Orders diagnostics by file, position, code and message, so every output is deterministic. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    cmp(a.uri, b.uri) ||
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    a.range.end.line - b.range.end.line ||
    a.range.end.character - b.range.end.character ||
    cmp(a.code, b.code) ||
    cmp(a.message, b.message)
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
