import type { Problem, Span } from '../diagnostics/index.js';
import { DiagnosticCodes } from '../diagnostics/index.js';
import type { ParsedDocument } from '../load/index.js';

/** A YAML document with syntax errors, and the kind it names (if it got that far). */
export interface BrokenDocument {
  uri: string;
  span: Span;
  /** Whether it is the (or a) Catalog. */
  isCatalog: boolean;
}

/**
 * The rule for a document whose YAML does not parse: it is checked for its syntax only. The
 * parser's recovered tree is a guess, so schema, reference and meaning problems inside it would
 * be noise (or wrong); they are dropped here, in one place, rather than by each stage. Its ids
 * still count, so other files are not told that a set or fragment it defines is unknown. A broken
 * Catalog is not used at all (`build-entity` is skipped for it): checks that need the catalog
 * are skipped everywhere, instead of every reference to it being reported as unknown, and
 * `missing-catalog` is not reported either (the catalog is there, only unreadable).
 *
 * The first syntax error of each such document says so ({@link sayWhatIsSkipped}).
 */
export function quietBrokenDocuments(problems: readonly Problem[], broken: readonly BrokenDocument[]): Problem[] {
  if (broken.length === 0) return [...problems];
  const catalogBroken = broken.some((b) => b.isCatalog);
  return problems.filter((p) => {
    if (DiagnosticCodes[p.code].stage === 'load') return true;
    if (catalogBroken && p.code === 'missing-catalog') return false;
    return !broken.some((b) => b.uri === p.uri && p.span[0] >= b.span[0] && p.span[1] <= b.span[1]);
  });
}

/**
 * Adds to the first `yaml-syntax` error of a broken document what is not checked because of it,
 * so the user knows why the rest of the file shows no problems (yet).
 */
export function sayWhatIsSkipped(
  problems: Problem[],
  uri: string,
  doc: ParsedDocument,
  isCatalog: boolean,
  documentsInFile: number,
): void {
  const i = problems.findIndex(
    (p) => p.code === 'yaml-syntax' && p.severity === 1 && p.span[0] >= doc.span[0] && p.span[0] <= doc.span[1],
  );
  if (i < 0) return;
  const where = documentsInFile > 1 ? 'this document' : 'this file';
  const note = isCatalog
    ? ' The catalog could not be read: nothing that needs it (permissions, scopes, seats, attributes) is checked until this is fixed.'
    : ` Nothing else in ${where} is checked until its YAML is valid.`;
  const message = problems[i]!.message.replace(/([^.!?])$/, '$1.');
  problems[i] = { ...problems[i]!, message: message + note };
}
