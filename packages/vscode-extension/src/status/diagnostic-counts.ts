import { Severity } from '../client/limit-warnings.js';

/** The problems of the project, as the status bar shows them. */
export interface DiagnosticCounts {
  errors: number;
  warnings: number;
  /** Files with at least one error or warning. */
  files: number;
}

/**
 * Counts errors and warnings from `vscode.languages.getDiagnostics()`, keeping only those of
 * `source` (the server's diagnostics all say `permset`; other extensions' are not ours to count).
 */
export function countDiagnostics(
  entries: readonly (readonly [unknown, readonly { severity: number; source?: string | undefined }[]])[],
  source = 'permset',
): DiagnosticCounts {
  let errors = 0;
  let warnings = 0;
  let files = 0;
  for (const [, list] of entries) {
    let counted = false;
    for (const d of list) {
      if (d.source !== source) continue;
      if (d.severity === Severity.Error) errors++;
      else if (d.severity === Severity.Warning) warnings++;
      else continue;
      counted = true;
    }
    if (counted) files++;
  }
  return { errors, warnings, files };
}
