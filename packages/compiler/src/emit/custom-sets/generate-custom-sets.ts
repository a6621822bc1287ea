import type { SourceInput } from '../../load/index.js';
import type { ResolvedProject } from '../../program/index.js';
import { grantFunctionWriter, headerComment, jsString, planEvaluator, type ModuleHeader } from '../evaluator/index.js';
import { RUNTIME_VALUES } from '../../runtime/generated/evaluator-text.js';
import { commonJsExports, runtimeText, strictPrologue, type ModuleFormat } from '../module-format.js';
import type { PolicyModel } from '../../policy-model/index.js';
import { customSetSchema } from './custom-set-schema.js';
import { generateCustomSetsDts } from './generate-custom-sets-dts.js';
import { kernelTable } from './custom-set-kernels.js';

/**
 * The files `permset build` writes for custom sets defined at run time. Like the evaluator's, the
 * module comes as an ES module and as a CommonJS module (module-format.ts), each importing the
 * evaluator file of its own format, so a tenant and `can()` share one evaluator instance.
 */
export interface CustomSetsFiles {
  /** The ES module exporting `withCustomSets`; it imports `./evaluator.mjs`. */
  'custom-sets.mjs': string;
  /** Its declarations (types from `./evaluator.mjs`). */
  'custom-sets.d.mts': string;
  /** The same code as a CommonJS module; it requires `./evaluator.cjs`. */
  'custom-sets.cjs': string;
  /** Its declarations (types from `./evaluator.cjs`). */
  'custom-sets.d.cts': string;
  /** The ES module under the name earlier versions wrote; it imports `./evaluator.js`. */
  'custom-sets.js': string;
  'custom-sets.d.ts': string;
  /** The JSON Schema of a definition, specialized to the catalog. */
  'custom-set.schema.json': string;
}

/** What {@link generateCustomSets} embeds. */
export interface CustomSetsInput {
  model: PolicyModel;
  compiled: ResolvedProject;
  /** The policy sources the run time re-reads (catalog, sets, fragments, guards), named as in the model. */
  sources: readonly SourceInput[];
  /**
   * The bundled run-time code (scripts/bundle-custom-sets.mjs: an IIFE defining
   * `PERMSET_CUSTOM_SETS`), passed in because the emit stage does no I/O.
   */
  runtime: string;
  header: ModuleHeader;
}

/**
 * custom-sets.mjs / .cjs / .js: the evaluator's value helpers, the kernels (the grant functions of one scope,
 * written by the evaluator's own writer), the policy sources as data, and the bundled run time
 * (the compiler's validate, entities, resolve and check stages and the tenant object). It imports
 * the evaluator of its own module format, which decides the system sets exactly as without it, and stays out of
 * evaluator.js so products that do not need run-time sets do not load it. Deterministic: the same
 * policies and run time give the same bytes.
 */
export function generateCustomSets(input: CustomSetsInput): CustomSetsFiles {
  const plan = planEvaluator(input.model);
  const writer = grantFunctionWriter(plan);
  const kernels = kernelTable(input.compiled, plan, writer);
  const sources = [...input.sources]
    .sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0))
    .map((s) => `  { uri: ${jsString(s.uri)}, text: ${jsString(s.text ?? '')} }`);
  const assemble = (format: ModuleFormat, evaluatorFile: string): string =>
    [
      headerComment(input.header),
      '// Custom permission sets defined at run time: withCustomSets(definitions, { grantor }). See docs/custom-sets.md.',
      ...strictPrologue(format),
      // The specifier is one of three constants, written in the form builder.html's inliner reads.
      format === 'esm'
        ? `import * as evaluator from '${evaluatorFile}';`
        : `const evaluator = require('${evaluatorFile}');`,
      '',
      runtimeText(format, RUNTIME_VALUES),
      "// ---- kernels: one scope of a permission's resource type, with a condition of the built policies ----",
      '',
      ...writer.code(),
      kernels,
      '',
      '// ---- the built policies, as data (read by the compiler stages below, never run) ----',
      `const SOURCES = [\n${sources.join(',\n')}\n];`,
      '',
      '// ---- run time: the compiler stages and the tenant object (bundled from packages/compiler/src/custom-sets) ----',
      input.runtime.trim(),
      '',
      'const create = PERMSET_CUSTOM_SETS.createWithCustomSets;',
      "/** Checks custom set definitions with the compiler's rules and returns an immutable tenant: docs/custom-sets.md. */",
      `${format === 'esm' ? 'export ' : ''}const withCustomSets = create({ evaluator, rec, DENY, kernels: KERNELS, sources: SOURCES });`,
      '',
      ...commonJsExports(format, ['withCustomSets']),
    ].join('\n');
  const dts = (evaluatorFile: string) => generateCustomSetsDts(input.model, input.header, evaluatorFile);
  const esm = assemble('esm', './evaluator.mjs');
  return {
    'custom-sets.mjs': esm,
    'custom-sets.d.mts': dts('./evaluator.mjs'),
    'custom-sets.cjs': assemble('cjs', './evaluator.cjs'),
    'custom-sets.d.cts': dts('./evaluator.cjs'),
    'custom-sets.js': assemble('esm', './evaluator.js'),
    'custom-sets.d.ts': dts('./evaluator.js'),
    'custom-set.schema.json': JSON.stringify(customSetSchema(input.model), null, 2) + '\n',
  };
}
