import type { Diagnostic, SourceFile } from '../../diagnostics/index.js';
import { safeText, type Style } from './terminal.js';

const SEVERITY_WORD = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' } as const;

/** "file:line:col" with 1-based line and column, as compilers print it. */
export function formatLocation(uri: string, line: number, character: number): string {
  return `${uri}:${line + 1}:${character + 1}`;
}

/**
 * One diagnostic as a compiler prints it:
 *
 *     policies/sets/x.yaml:5:3 error unknown-permission Unknown permission 'contacts.mange'. …
 *         5 |   contacts.mange: all
 *           |   ^^^^^^^^^^^^^^
 *       policies/catalog.yaml:12:7 note: 'contacts.manage' is declared here
 */
export function formatDiagnostic(d: Diagnostic, file: SourceFile | undefined, style: Style): string {
  const sev = SEVERITY_WORD[d.severity];
  const sevText =
    d.severity === 1 ? style.red(style.bold(sev)) : d.severity === 2 ? style.yellow(style.bold(sev)) : style.blue(sev);
  const lines = [
    `${style.bold(formatLocation(d.uri, d.range.start.line, d.range.start.character))} ${sevText} ${style.dim(d.code)} ${safeText(d.message)}`,
  ];
  if (file && file.text.length > 0) lines.push(...excerpt(d, file, style));
  for (const r of d.relatedInformation ?? []) {
    lines.push(
      `  ${formatLocation(r.location.uri, r.location.range.start.line, r.location.range.start.character)} ${style.cyan('note:')} ${safeText(r.message)}`,
    );
  }
  for (const fix of d.data?.fixes ?? []) lines.push(`  ${style.green('fix:')} ${safeText(fix.title)}`);
  return lines.join('\n');
}

function excerpt(d: Diagnostic, file: SourceFile, style: Style): string[] {
  const line = d.range.start.line;
  const raw = file.lineText(line);
  // Very long lines (minified or hostile files) are cut around the diagnostic.
  const start = d.range.start.character;
  const end = d.range.end.line === line ? Math.max(d.range.end.character, start + 1) : Math.max(raw.length, start + 1);
  const from = raw.length > 200 ? Math.max(0, start - 60) : 0;
  const shown = safeText(raw.slice(from, from + 200).replace(/\t/g, ' '));
  const gutter = String(line + 1);
  const pad = ' '.repeat(gutter.length);
  const caretStart = start - from;
  const caretLen = Math.max(1, Math.min(end, from + 200) - start);
  return [
    `  ${style.dim(`${gutter} |`)} ${shown}${from > 0 || raw.length > from + 200 ? style.dim(' …') : ''}`,
    `  ${style.dim(`${pad} |`)} ${' '.repeat(Math.max(0, caretStart))}${(d.severity === 1 ? style.red : style.yellow)('^'.repeat(caretLen))}`,
  ];
}

/** "2 errors, 1 warning in 23 files" / "No problems in 23 files". */
export function formatSummary(errors: number, warnings: number, files: number, style: Style): string {
  const where = `in ${files} file${files === 1 ? '' : 's'}`;
  if (errors === 0 && warnings === 0) return style.green(`✔ No problems ${where}.`);
  const parts = [`${errors} error${errors === 1 ? '' : 's'}`, `${warnings} warning${warnings === 1 ? '' : 's'}`];
  return (errors > 0 ? style.red : style.yellow)(`✖ ${parts.join(', ')} ${where}.`);
}
