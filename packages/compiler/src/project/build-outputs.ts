import { dirname, relative, sep } from 'node:path';
import {
  exportCedar,
  generateBuilder,
  generateEvaluator,
  matrixTooLarge,
  renderMatrixReports,
  type CedarExportProblem,
} from '../emit/index.js';
import { buildPolicyModel, type PolicyModel } from '../policy-model/index.js';
import { compileFolder, type FolderCompilation } from './compile-folder.js';
import { customSetsOutputs } from './custom-sets-outputs.js';
import { absolutePath } from './display-path.js';
import { ProjectInputError, type ProjectHost } from './project-host.js';

/** What `permset build` writes: the evaluator and reports, the Cedar export, or both. */
export type BuildTarget = 'evaluator' | 'cedar' | 'all';

/** The build targets, in the order the help lists them. */
export const BUILD_TARGETS: readonly BuildTarget[] = ['evaluator', 'cedar', 'all'];

/** Options of {@link buildOutputs}. */
export interface BuildOptions {
  /** The policy folder. */
  dir: string;
  /** Where to write. */
  out: string;
  target: BuildTarget;
  /** Stamped into the generated files. */
  version: string;
  /** The bundled run time custom-sets.js embeds (the caller reads it: use cases do no I/O). */
  customSetsRuntime: () => string;
}

/** What `--target evaluator` emits, in order: the units of the `emit` progress stage. */
const EVALUATOR_OUTPUTS: readonly string[] = ['evaluator', 'matrix reports', 'custom sets', 'builder'];

/** What a build did: nothing (errors, or what Cedar cannot express), or wrote `files`. */
export type BuildOutcome =
  | { status: 'errors'; compilation: FolderCompilation }
  | { status: 'cedar-problems'; compilation: FolderCompilation; problems: readonly CedarExportProblem[] }
  | {
      status: 'built';
      compilation: FolderCompilation;
      model: PolicyModel;
      /** Every file written, by name relative to `out`. */
      files: Record<string, string>;
      /** Why the matrix reports other than the wide CSV were left out (a matrix too large to be useful). */
      tooLarge?: string;
    };

/**
 * Compiles the policy folder and, only when it has no errors, writes the evaluator and the
 * access-matrix reports (and/or the Cedar export) through the host, all together or not at all.
 * Files are named relative to the policy folder's parent ("policies/sets/x.yaml") whatever the
 * working directory or checkout path, so two builds of the same policies are byte-identical.
 */
export function buildOutputs(host: ProjectHost, options: BuildOptions): BuildOutcome {
  if (!host.writeFiles) throw new ProjectInputError('this environment cannot write files');
  const compilation = compileFolder(host, options.dir);
  const { result } = compilation;
  if (result.hasErrors) return { status: 'errors', compilation };
  const parent = dirname(compilation.path);
  const fileName = (uri: string) => relative(parent, absolutePath(host.cwd, uri)).split(sep).join('/');
  const progress = host.onProgress ?? (() => {});
  progress({ stage: 'model', done: 0, total: 1 });
  const model = buildPolicyModel(result, { fileName });
  progress({ stage: 'model', done: 1, total: 1 });
  const { target, version } = options;
  const outputs =
    target === 'evaluator'
      ? EVALUATOR_OUTPUTS
      : target === 'cedar'
        ? ['Cedar export']
        : [...EVALUATOR_OUTPUTS, 'Cedar export'];
  let emitted = 0;
  const emitting = (detail: string) => progress({ stage: 'emit', done: emitted++, total: outputs.length, detail });
  const files: Record<string, string> = {};
  if (target !== 'cedar') {
    emitting('evaluator');
    Object.assign(files, generateEvaluator(model, { version }));
    emitting('matrix reports');
    Object.assign(files, renderMatrixReports(model));
    emitting('custom sets');
    Object.assign(
      files,
      customSetsOutputs(result, model, {
        fileName,
        evaluatorJs: files['evaluator.js']!,
        runtime: options.customSetsRuntime(),
        version,
      }),
    );
    // The builder takes its rules from the custom-sets.js of the same build.
    emitting('builder');
    Object.assign(
      files,
      generateBuilder(model, {
        version,
        rules: { evaluatorJs: files['evaluator.js']!, customSetsJs: files['custom-sets.js']! },
      }),
    );
  }
  if (target !== 'evaluator') {
    // What Cedar cannot express exactly is an error of this target: an export that silently
    // denied more than the evaluator would be a trap.
    emitting('Cedar export');
    const cedar = exportCedar(model, { version });
    if (cedar.problems.length > 0) return { status: 'cedar-problems', compilation, problems: cedar.problems };
    for (const [name, text] of Object.entries(cedar.files)) files[`cedar/${name}`] = text;
  }
  progress({ stage: 'emit', done: emitted, total: outputs.length });
  const tooLarge = target === 'cedar' ? undefined : matrixTooLarge(model);
  progress({ stage: 'write', done: 0, total: 1 });
  host.writeFiles(options.out, files);
  progress({ stage: 'write', done: 1, total: 1 });
  return { status: 'built', compilation, model, files, ...(tooLarge ? { tooLarge } : {}) };
}
