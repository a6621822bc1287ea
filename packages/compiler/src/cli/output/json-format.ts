import type { Diagnostic } from '../../diagnostics/index.js';

const SEVERITY_NAME = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' } as const;

/** A diagnostic in the spec's `--format json` shape. */
export interface JsonDiagnostic {
  file: string;
  range: Diagnostic['range'];
  severity: 'error' | 'warning' | 'info' | 'hint';
  code: string;
  message: string;
  relatedInformation?: { file: string; range: Diagnostic['range']; message: string }[];
  fixes?: NonNullable<Diagnostic['data']>['fixes'];
}

/**
 * The spec's JSON report: `{"diagnostics":[{file, range, severity, code, message}], "summary":
 * {"errors", "warnings"}}`. `relatedInformation` and `fixes` are added only when a diagnostic has
 * them, so consumers of the spec's shape are unaffected.
 */
export function formatJson(diagnostics: readonly Diagnostic[]): string {
  const out: JsonDiagnostic[] = diagnostics.map((d) => {
    const j: JsonDiagnostic = {
      file: d.uri,
      range: d.range,
      severity: SEVERITY_NAME[d.severity],
      code: d.code,
      message: d.message,
    };
    if (d.relatedInformation?.length)
      j.relatedInformation = d.relatedInformation.map((r) => ({
        file: r.location.uri,
        range: r.location.range,
        message: r.message,
      }));
    if (d.data?.fixes?.length) j.fixes = d.data.fixes;
    return j;
  });
  return JSON.stringify({
    diagnostics: out,
    summary: {
      errors: diagnostics.filter((d) => d.severity === 1).length,
      warnings: diagnostics.filter((d) => d.severity === 2).length,
    },
  });
}
