import { dirname, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { buildPolicyModel } from '../../policy-model/index.js';
import { exportCedar, type CedarExportProblem } from '../../emit/cedar/index.js';
import { generateBuilder } from '../../emit/builder/index.js';
import { generateEvaluator } from '../../emit/evaluator/index.js';
import { generateCustomSets } from '../../emit/custom-sets/index.js';
import type { PolicyModel } from '../../policy-model/index.js';
import { customSetsRuntime } from '../custom-sets-runtime.js';
import { matrixTooLarge, renderMatrixReports } from '../../emit/matrix/index.js';
import type { CompileResult } from '../../program/index.js';
import { ExitCode, UsageError, type CliIO } from '../cli-io.js';
import { displayPath, loadProject } from '../load-project.js';
import { formatLocation } from '../output/human-format.js';
import { makeStyle, safeText, useColor } from '../output/terminal.js';
import { VERSION } from '../../version.js';
import { printDiagnostics } from './print-diagnostics.js';

export const BUILD_USAGE = `Usage: permset build [DIR] [options]

Checks the policies in DIR (default: policies) and, only when there are no errors, writes the
zero-dependency evaluator and the access-matrix reports:

  evaluator.mjs  evaluator.d.mts  evaluator.cjs  evaluator.d.cts  evaluator.js  evaluator.d.ts
  policy.json  matrix.md  matrix.html  matrix.csv  matrix.json
  builder.js  builder.html  (the custom-set builder, docs/builder.md)
  custom-sets.js  custom-sets.d.ts  custom-set.schema.json   (custom sets at run time)

(evaluator.mjs for import, evaluator.cjs for require, evaluator.js the ES module under its
earlier name: docs/evaluator.md), or, with --target cedar, the policies for Cedar (docs/cedar.md)
under OUT/cedar/:

  schema.cedarschema  schema.cedarschema.json  policies.cedar  policies.json
  entities.mjs  entities.d.mts  entities.cjs  entities.d.cts  entities.js  entities.d.ts  README.md

Options:
  --out DIR       Where to write (default: dist). Files are written all together or not at all.
  --target T      evaluator (default): the evaluator and reports; cedar: the Cedar export;
                  all: both.
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
      target: { type: 'string', default: 'evaluator' },
      'no-color': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.stdout(BUILD_USAGE + '\n');
    return ExitCode.Ok;
  }
  if (positionals.length > 1) throw new UsageError(`build takes one directory, got ${positionals.length}: ${positionals.join(' ')}`);
  const target = values.target;
  if (target !== 'evaluator' && target !== 'cedar' && target !== 'all') throw new UsageError(`--target must be evaluator, cedar or all, got '${target}'`);
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
  const fileName = (uri: string) => relative(parent, resolve(io.cwd, uri)).split(sep).join('/');
  const model = buildPolicyModel(result, { fileName });
  const files: Record<string, string> = target === 'cedar' ? {} : { ...generateEvaluator(model, { version: VERSION }), ...renderMatrixReports(model) };
  if (target !== 'cedar') {
    Object.assign(files, customSetsFiles(result, model, fileName, files['evaluator.js']!));
    // The builder takes its rules from the custom-sets.js of the same build.
    Object.assign(files, generateBuilder(model, { version: VERSION, rules: { evaluatorJs: files['evaluator.js']!, customSetsJs: files['custom-sets.js']! } }));
  }
  if (target !== 'evaluator') {
    const cedar = exportCedar(model, { version: VERSION });
    if (cedar.problems.length > 0) {
      // What Cedar cannot express exactly is an error of this target: an export that silently
      // denied more than the evaluator would be a trap.
      printCedarProblems(cedar.problems, result, io, values['no-color']);
      io.stderr(`permset build: nothing written, ${cedar.problems.length} condition${cedar.problems.length === 1 ? '' : 's'} cannot be exported to Cedar.\n`);
      return ExitCode.Failure;
    }
    for (const [name, text] of Object.entries(cedar.files)) files[`cedar/${name}`] = text;
  }
  const tooLarge = target === 'cedar' ? undefined : matrixTooLarge(model);
  io.writeFiles(values.out, files);
  if (tooLarge) io.stderr(`permset build: ${tooLarge}; wrote the wide matrix.csv only. See docs/matrix.md#large-projects.\n`);
  if (result.diagnostics.length > 0) printDiagnostics(result, io, { noColor: values['no-color'] }); // warnings only
  io.stdout(
    `Built ${model.sets.length} permission sets × ${model.permissions.length} permissions into ${displayPath(io.cwd, values.out)}/: ${Object.keys(files).sort().join(', ')}\n`,
  );
  return ExitCode.Ok;
}

/** custom-sets.js and its companions, for the policies as built (header as evaluator.js's). */
function customSetsFiles(result: CompileResult, model: PolicyModel, fileName: (uri: string) => string, evaluatorJs: string): Record<string, string> {
  const { project } = result.resolved;
  const uris = new Set<string>();
  if (project.catalog) uris.add(project.catalog.origin.uri);
  for (const e of [...project.sets.values(), ...project.fragments.values(), ...project.guards.values()]) uris.add(e.origin.uri);
  // Line breaks as LF: the same policies checked out with CRLF give the same bytes.
  const sources = [...uris].map((uri) => ({ uri: fileName(uri), text: (result.files.get(uri)?.text ?? '').replace(/\r\n?/g, '\n') }));
  const modelHash = /from the policy model (\S+)\./.exec(evaluatorJs)?.[1] ?? '';
  return { ...generateCustomSets({ model, compiled: result.resolved, sources, runtime: customSetsRuntime(), header: { version: VERSION, modelHash } }) };
}

/**
 * Export problems, printed like diagnostics (`file:line:col error code message`): at the scope's
 * `when` in the catalog, or at the grant that carries the condition.
 */
function printCedarProblems(problems: readonly CedarExportProblem[], result: CompileResult, io: CliIO, noColor: boolean): void {
  const style = makeStyle(!noColor && useColor(io.isTTY, io.env));
  for (const p of problems) {
    const site = p.site;
    const when =
      site.kind === 'scope'
        ? result.resolved.catalog.def?.scopes.get(site.scope)?.when
        : result.resolved.resolution.sets.get(site.set)?.effective.get(site.permission)?.scopes.find((s) => s.scope === site.scope && s.when?.text.trim() === p.condition)?.when;
    const pos = when ? result.files.get(when.uri)?.positionAt(when.scalar.span[0]) : undefined;
    let where = when && pos ? formatLocation(when.uri, pos.line, pos.character) : '';
    if (!where && site.kind === 'grant') where = `${site.at.file}:${site.at.line}:${site.at.column}`;
    const subject = p.site.kind === 'scope' ? `scope ${p.site.scope}` : `${p.site.set}: ${p.site.permission} in scope ${p.site.scope}`;
    io.stderr(`${where ? `${style.bold(where)} ` : ''}${style.red(style.bold('error'))} ${style.dim(p.code)} ${safeText(`${subject}: ${p.message}`)}\n  ${safeText(`condition: ${p.condition.length > 200 ? `${p.condition.slice(0, 200)}…` : p.condition}`)}\n\n`);
  }
}
