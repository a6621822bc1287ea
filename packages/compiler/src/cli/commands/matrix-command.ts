import {
  MATRIX_FORMATS,
  matrixSetProblems,
  matrixTooLarge,
  renderMatrix,
  type MatrixFormat,
} from '../../emit/index.js';
import { buildPolicyModel } from '../../policy-model/index.js';
import { compileFolder } from '../../project/index.js';
import { ExitCode, UsageError } from '../cli-io.js';
import { defineCommand } from '../command-table.js';
import { printDiagnostics } from './print-diagnostics.js';

/** The help text of `permset matrix`. */
export const MATRIX_USAGE = `Usage: permset matrix [DIR] [options]

Prints the access matrix of the policies in DIR (default: policies): permissions by area (rows)
× permission sets (columns), each cell with the effective scopes and where they come from.

Options:
  --dir DIR                   The policy folder, as an option (the same as DIR).
  --format md|html|csv|json   Output format (default: md). html is one self-contained page.
  --sets a,b,...              Only these permission sets, as columns (in the project's order).
  --layout wide|long          CSV only: one row per permission (wide, default) or one row per
                              granted cell with its provenance (long).
  --no-color                  Never colour error output.
  -h, --help                  Show this help.

Exit status: 0 with the matrix printed, 1 when the policies have errors (printed to stderr
instead), 2 for a usage error.`;

/** `permset matrix`: one access-matrix report on stdout. */
export const matrixCommand = defineCommand({
  name: 'matrix',
  synopsis: 'matrix [DIR]',
  summary: 'Print the access matrix (--format md|html|csv|json, --sets a,b).',
  help: MATRIX_USAGE,
  dirAt: 0,
  options: {
    format: { type: 'string', default: 'md', choices: MATRIX_FORMATS },
    sets: { type: 'string' },
    layout: { type: 'string', choices: ['wide', 'long'] },
  },
  run({ values, dir, io }) {
    const format = values.format as MatrixFormat;
    const layout = values.layout as 'wide' | 'long' | undefined;
    if (layout !== undefined && format !== 'csv')
      throw new UsageError(`--layout applies to --format csv only, not ${format}`);
    const sets = values.sets?.split(',').map((s) => s.trim());

    const { result } = compileFolder(io, dir);
    if (result.hasErrors) {
      // The matrix of a broken project would be wrong, so show why instead, as `check` does (on
      // stderr: stdout is the report, often redirected to a file).
      printDiagnostics(result, io, { noColor: values['no-color'] });
      io.stderr('permset matrix: no matrix printed, fix the errors above first.\n');
      return ExitCode.Failure;
    }
    const model = buildPolicyModel(result);
    if (sets) {
      const problems = matrixSetProblems(model, sets);
      if (problems.length) throw new UsageError(`--sets: ${problems.join(' ')}`);
    }
    const tooLarge = format === 'csv' && layout !== 'long' ? undefined : matrixTooLarge(model, sets ? { sets } : {});
    if (tooLarge) {
      io.stderr(
        `permset matrix: ${tooLarge}. Choose the columns with --sets a,b,… or print the wide CSV (--format csv).\n`,
      );
      return ExitCode.Usage;
    }
    io.stdout(renderMatrix(model, format, { ...(sets ? { sets } : {}), ...(layout ? { csvLayout: layout } : {}) }));
    return ExitCode.Ok;
  },
});
