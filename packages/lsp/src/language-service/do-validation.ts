import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import type { Diagnostic } from '@permset/compiler';

/**
 * A compiler diagnostic as LSP publishes it: exactly the compiler's, without `uri` (the
 * notification carries the file). Codes, related locations and fixes (`data.fixes`) pass through.
 */
export function toLspDiagnostic(d: Diagnostic): LspDiagnostic {
  const { uri: _uri, ...rest } = d;
  return rest as LspDiagnostic;
}

/** The diagnostics of one policy file, as of the workspace's latest compilation. */
export function doValidation(diagnostics: ReadonlyMap<string, Diagnostic[]>, uri: string): LspDiagnostic[] {
  return (diagnostics.get(uri) ?? []).map(toLspDiagnostic);
}
