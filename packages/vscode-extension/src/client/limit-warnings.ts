/** VS Code's `DiagnosticSeverity` values (not LSP's: VS Code counts from 0). */
export const Severity = { Error: 0, Warning: 1, Information: 2, Hint: 3 } as const;

/**
 * The `permset.maxWarnings` limit applied to one file's diagnostics: every error and every
 * other diagnostic is kept, and the first `max` warnings (in the server's order, which is the
 * file's); the rest are dropped and `note(hidden, firstHidden)` adds one information entry in
 * their place saying how many. `max < 0` (or not a number) keeps everything.
 */
export function limitWarnings<T extends { severity: number }>(
  diagnostics: readonly T[],
  max: number,
  note: (hidden: number, firstHidden: T) => T,
): T[] {
  if (!Number.isInteger(max) || max < 0) return [...diagnostics];
  const out: T[] = [];
  let shown = 0;
  let hidden = 0;
  let firstHidden: T | undefined;
  for (const d of diagnostics) {
    if (d.severity !== Severity.Warning) out.push(d);
    else if (shown < max) {
      out.push(d);
      shown++;
    } else {
      hidden++;
      firstHidden ??= d;
    }
  }
  if (firstHidden) out.push(note(hidden, firstHidden));
  return out;
}

/** The note's text. */
export function hiddenWarningsMessage(hidden: number, max: number): string {
  return `${hidden} more permset warning${hidden === 1 ? '' : 's'} in this file not shown (permset.maxWarnings is ${max}).`;
}
