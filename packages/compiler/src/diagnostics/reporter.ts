import { DiagnosticCodes, type DiagnosticCode } from './codes.js';
import { DiagnosticSeverity, type Problem, type ProblemFix, type SourceRef } from './diagnostic.js';

/** Options of one report beyond its code, message and place. */
export interface ReportOptions {
  related?: { at: SourceRef; message: string }[];
  fixes?: ProblemFix[];
  /** Overrides the code's default severity. */
  severity?: DiagnosticSeverity;
}

/** The default severity of a code, from the code table. */
export function defaultSeverity(code: DiagnosticCode): DiagnosticSeverity {
  const s = DiagnosticCodes[code].severity as string;
  return s === 'warning'
    ? DiagnosticSeverity.Warning
    : s === 'info'
      ? DiagnosticSeverity.Information
      : DiagnosticSeverity.Error;
}

/** Builds a {@link Problem} the way every stage must: severity from the code table unless overridden. */
export function makeProblem(
  code: DiagnosticCode,
  message: string,
  at: SourceRef,
  options: ReportOptions = {},
): Problem {
  const problem: Problem = {
    uri: at.uri,
    span: at.span,
    severity: options.severity ?? defaultSeverity(code),
    code,
    message,
  };
  if (options.related && options.related.length > 0) problem.related = options.related;
  if (options.fixes && options.fixes.length > 0) problem.fixes = options.fixes;
  return problem;
}
