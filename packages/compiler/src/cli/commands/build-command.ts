import type { CedarExportProblem } from '../../emit/index.js';
import type { CompileResult } from '../../program/index.js';
import { BUILD_TARGETS, buildOutputs, displayPath, type BuildTarget } from '../../project/index.js';
import { ExitCode, type CliIO } from '../cli-io.js';
import { defineCommand } from '../command-table.js';
import { formatLocation } from '../output/human-format.js';
import { safeText, type Style } from '../output/terminal.js';
import { customSetsRuntime } from '../custom-sets-runtime.js';
import { VERSION } from '../../version.js';
import { printDiagnostics } from './print-diagnostics.js';

/** `permset build --help`. */
export const BUILD_USAGE = `Usage: permset build [DIR] [options]

Checks the policies in DIR (default: policies) and, only when there are no errors, writes the
zero-dependency evaluator and the access-matrix reports:

  evaluator.mjs  evaluator.d.mts  evaluator.cjs  evaluator.d.cts  evaluator.js  evaluator.d.ts
  policy.json  matrix.md  matrix.html  matrix.csv  matrix.json
  builder.js  builder.html  (the custom-set builder, docs/builder.md)
  custom-sets.mjs  custom-sets.d.mts  custom-sets.cjs  custom-sets.d.cts  custom-sets.js
  custom-sets.d.ts  custom-set.schema.json   (custom sets at run time, docs/custom-sets.md)

(evaluator.mjs for import, evaluator.cjs for require, evaluator.js the ES module under its
earlier name: docs/evaluator.md), or, with --target cedar, the policies for Cedar (docs/cedar.md)
under OUT/cedar/:

  schema.cedarschema  schema.cedarschema.json  policies.cedar  policies.json
  entities.mjs  entities.d.mts  entities.cjs  entities.d.cts  entities.js  entities.d.ts  README.md

Options:
  --dir DIR       The policy folder, as an option (the same as DIR).
  --out DIR       Where to write (default: dist). Files are written all together or not at all.
  --target T      evaluator (default): the evaluator and reports; cedar: the Cedar export;
                  all: both.
  --no-color      Never colour diagnostics.
  -h, --help      Show this help.

Exit status: 0 when built, 1 with policy errors (nothing is written), 2 for a usage error.`;

/** `permset build`: the whole pipeline, then every artifact, atomically. */
export const buildCommand = defineCommand({
  name: 'build',
  synopsis: 'build [DIR]',
  summary: 'Check, then write the evaluator and the access-matrix reports (--out DIR).',
  help: BUILD_USAGE,
  dirAt: 0,
  options: {
    out: { type: 'string', default: 'dist' },
    target: { type: 'string', default: 'evaluator', choices: BUILD_TARGETS },
  },
  run({ values, dir, style, io }) {
    const noColor = values['no-color'];
    const built = buildOutputs(io, {
      dir,
      out: values.out,
      target: values.target as BuildTarget,
      version: VERSION,
      customSetsRuntime,
    });
    const { result } = built.compilation;
    if (built.status === 'errors') {
      printDiagnostics(result, io, { noColor });
      io.stderr(`permset build: nothing written, fix the errors above first.\n`);
      return ExitCode.Failure;
    }
    if (built.status === 'cedar-problems') {
      printCedarProblems(built.problems, result, io, style);
      io.stderr(
        `permset build: nothing written, ${built.problems.length} condition${built.problems.length === 1 ? '' : 's'} cannot be exported to Cedar.\n`,
      );
      return ExitCode.Failure;
    }
    if (built.tooLarge)
      io.stderr(
        `permset build: ${built.tooLarge}; wrote the wide matrix.csv only. See docs/matrix.md#large-projects.\n`,
      );
    if (result.diagnostics.length > 0) printDiagnostics(result, io, { noColor }); // warnings only
    const { model, files } = built;
    io.stdout(
      `Built ${model.sets.length} permission sets × ${model.permissions.length} permissions into ${displayPath(io.cwd, values.out)}/: ${Object.keys(files).sort().join(', ')}\n`,
    );
    return ExitCode.Ok;
  },
});

/**
 * Export problems, printed like diagnostics (`file:line:col error code message`): at the scope's
 * `when` in the catalog, or at the grant that carries the condition.
 */
function printCedarProblems(
  problems: readonly CedarExportProblem[],
  result: CompileResult,
  io: CliIO,
  style: Style,
): void {
  for (const p of problems) {
    const site = p.site;
    const when =
      site.kind === 'scope'
        ? result.resolved.catalog.def?.scopes.get(site.scope)?.when
        : result.resolved.resolution.sets
            .get(site.set)
            ?.effective.get(site.permission)
            ?.scopes.find((s) => s.scope === site.scope && s.when?.text.trim() === p.condition)?.when;
    const pos = when ? result.files.get(when.uri)?.positionAt(when.scalar.span[0]) : undefined;
    let where = when && pos ? formatLocation(when.uri, pos.line, pos.character) : '';
    if (!where && site.kind === 'grant') where = `${site.at.file}:${site.at.line}:${site.at.column}`;
    const subject =
      p.site.kind === 'scope'
        ? `scope ${p.site.scope}`
        : `${p.site.set}: ${p.site.permission} in scope ${p.site.scope}`;
    io.stderr(
      `${where ? `${style.bold(where)} ` : ''}${style.red(style.bold('error'))} ${style.dim(p.code)} ${safeText(`${subject}: ${p.message}`)}\n  ${safeText(`condition: ${p.condition.length > 200 ? `${p.condition.slice(0, 200)}…` : p.condition}`)}\n\n`,
    );
  }
}
