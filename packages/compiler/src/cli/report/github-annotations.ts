import type { Diagnostic } from '../../diagnostics/index.js';

/**
 * GitHub Actions workflow commands that annotate the pull request's files:
 * `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`. Values are escaped as
 * the runner expects (`%`, CR and LF everywhere; also `:` and `,` in properties), so a policy
 * string can never end the command early or start a new one.
 */
export function githubAnnotations(diagnostics: readonly Diagnostic[]): string {
  return diagnostics
    .map((d) => {
      const kind = d.severity === 1 ? 'error' : d.severity === 2 ? 'warning' : 'notice';
      const props = [
        `file=${property(d.uri)}`,
        `line=${d.range.start.line + 1}`,
        `col=${d.range.start.character + 1}`,
        `endLine=${d.range.end.line + 1}`,
        `endColumn=${d.range.end.character + 1}`,
        `title=${property(`permset ${d.code}`)}`,
      ];
      return `::${kind} ${props.join(',')}::${data(d.message)}\n`;
    })
    .join('');
}

/**
 * An annotation for something that is not a diagnostic (a failed test, a tripped gate), at a file
 * and line (and column, when known), or on the run itself when no line is known.
 */
export function githubAnnotation(
  kind: 'error' | 'warning' | 'notice',
  at: { file: string; line: number; column?: number } | undefined,
  title: string,
  message: string,
): string {
  const where = at
    ? [`file=${property(at.file)}`, `line=${at.line}`, ...(at.column !== undefined ? [`col=${at.column}`] : [])]
    : [];
  return `::${kind} ${[...where, `title=${property(title)}`].join(',')}::${data(message)}\n`;
}

function data(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function property(s: string): string {
  return data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
