import { dirname, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { buildPolicyModel } from '../../emit/index.js';
import { generateEvaluator } from '../../emit/evaluator/index.js';
import { renderMatrixReports } from '../../emit/matrix/index.js';
import { ExitCode, UsageError, type CliIO } from '../cli-io.js';
import { displayPath, loadProject } from '../load-project.js';
import { VERSION } from '../version.js';
import { printDiagnostics } from './print-diagnostics.js';

export const BUILD_USAGE = `Usage: permset build [DIR] [options]

Checks the policies in DIR (default: policies) and, only when there are no errors, writes the
zero-dependency evaluator and the access-matrix reports:

  evaluator.js  evaluator.d.ts  policy.json  matrix.md  matrix.html  matrix.csv  matrix.json

Options:
  --out DIR       Where to write (default: dist). Files are written all together or not at all.
  --no-color      Never colour diagnostics.
  -h, --help      Show this help.

Exit status: 0 when built, 1 with policy errors (nothing is written), 2 for a usage error.`;

/** `permset build`: the whole pipeline, then every artifact, atomically. */
export function buildCommand(args: string[], io: CliIO): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      out: { type: 'string', default: 'dist' },
      'no-color': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.stdout(BUILD_USAGE + '\n');
    return ExitCode.Ok;
  }
  if (positionals.length > 1) throw new UsageError(`build takes one directory, got ${positionals.length}: ${positionals.join(' ')}`);
  if (!io.writeFiles) throw new UsageError('this environment cannot write files');
  const dir = positionals[0] ?? 'policies';
  const result = loadProject(io, dir);
  if (result.hasErrors) {
    printDiagnostics(result, io, { noColor: values['no-color'] });
    io.stderr(`permset build: nothing written, fix the errors above first.\n`);
    return ExitCode.Failure;
  }
  // Files are named relative to the policy folder's parent ("policies/sets/x.yaml") whatever the
  // working directory or checkout path, so two builds of the same policies are byte-identical.
  const parent = dirname(resolve(io.cwd, dir));
  const model = buildPolicyModel(result, { fileName: (uri) => relative(parent, resolve(io.cwd, uri)).split(sep).join('/') });
  const files: Record<string, string> = {
    ...generateEvaluator(model, { version: VERSION }),
    ...renderMatrixReports(model),
  };
  io.writeFiles(values.out, files);
  if (result.diagnostics.length > 0) printDiagnostics(result, io, { noColor: values['no-color'] }); // warnings only
  io.stdout(
    `Built ${model.sets.length} permission sets × ${model.permissions.length} permissions into ${displayPath(io.cwd, values.out)}/: ${Object.keys(files).sort().join(', ')}\n`,
  );
  return ExitCode.Ok;
}
