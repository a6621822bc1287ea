import type { CompileResult } from '../../program/index.js';
import type { CliIO } from '../cli-io.js';
import { formatDiagnostic, formatSummary } from '../output/human-format.js';
import { makeStyle, useColor, type Style } from '../output/terminal.js';

/**
 * Prints a compilation's diagnostics as `permset check` does (to stderr, since commands that
 * produce artifacts keep stdout for them) and returns the number of errors.
 */
export function printDiagnostics(
  result: CompileResult,
  io: CliIO,
  options: { noColor?: boolean; stream?: 'stdout' | 'stderr' } = {},
): number {
  const out = options.stream === 'stdout' ? io.stdout : io.stderr;
  const style: Style = makeStyle(!options.noColor && useColor(io.isTTY, io.env));
  for (const d of result.diagnostics) out(formatDiagnostic(d, result.files.get(d.uri), style) + '\n\n');
  const errors = result.diagnostics.filter((d) => d.severity === 1).length;
  const warnings = result.diagnostics.filter((d) => d.severity === 2).length;
  out(formatSummary(errors, warnings, result.files.size, style) + '\n');
  return errors;
}
