import type { PolicyModel } from '../../policy-model/index.js';
import { planEvaluator } from './evaluator-plan.js';
import { generateDts } from './generate-dts.js';
import { generateModule } from './generate-module.js';
import { sha256Hex } from '../sha256.js';
import { VERSION } from '../../version.js';

/** The permset version written into generated headers by default: the toolkit's one {@link VERSION}. */
export const EVALUATOR_GENERATOR_VERSION: string = VERSION;

/**
 * The files `permset build` writes. The evaluator comes as an ES module and as a CommonJS module
 * (the same code), each with its declarations, so it loads with `import` and with `require` in a
 * project of either `"type"`, and TypeScript resolves its types under `module` NodeNext, Bundler
 * and CommonJS (docs/evaluator.md, "Loading the evaluator"). `evaluator.js` is the ES module
 * under the name earlier versions wrote, for projects that already import it.
 */
export interface EvaluatorFiles {
  /** The standalone ES module: `can`, `prepare`, `canId`, `has`, `explain`... */
  'evaluator.mjs': string;
  /** Its declarations, with literal unions of the policy's ids. */
  'evaluator.d.mts': string;
  /** The same evaluator as a CommonJS module (`require`, or `import` from an ES module). */
  'evaluator.cjs': string;
  /** Its declarations (the same text as `evaluator.d.mts`). */
  'evaluator.d.cts': string;
  /** The ES module again (the same text as `evaluator.mjs`), for projects of `"type": "module"` and bundlers that import it. */
  'evaluator.js': string;
  /** Its declarations. */
  'evaluator.d.ts': string;
  /** The policy model as JSON (what the header's hash is of). */
  'policy.json': string;
}

/** Options of {@link generateEvaluator}. */
export interface GenerateEvaluatorOptions {
  /** The version named in the headers (default {@link EVALUATOR_GENERATOR_VERSION}). */
  version?: string;
}

/**
 * Generates the evaluator of a policy model: pure (no I/O) and deterministic (the same model
 * gives byte-identical files; the model names files relative to the project, so the checkout
 * path does not matter).
 *
 * Meant for a model compiled without errors. On any other model it still returns a safe
 * evaluator: a condition that does not parse or type-check for a permission's resource type
 * never holds (explain says why), unknown scopes never apply, duplicate ids keep the first.
 */
export function generateEvaluator(model: PolicyModel, options: GenerateEvaluatorOptions = {}): EvaluatorFiles {
  const policyJson = stringifyModel(model);
  const header = {
    version: options.version ?? EVALUATOR_GENERATOR_VERSION,
    modelHash: `sha256:${sha256Hex(policyJson)}`,
  };
  const plan = planEvaluator(model);
  const { esm, cjs } = generateModule(plan, header);
  const dts = generateDts(plan, header);
  return {
    'evaluator.mjs': esm,
    'evaluator.d.mts': dts,
    'evaluator.cjs': cjs,
    'evaluator.d.cts': dts,
    'evaluator.js': esm,
    'evaluator.d.ts': dts,
    'policy.json': policyJson,
  };
}

// Indented for review while the one-line form stays below this size (the indented form is about
// 2.5 times larger); beyond it (thousands of sets with full provenance) one line. Deciding on the
// one-line form first avoids building an indented string of hundreds of megabytes only to throw
// it away (or to hit JavaScript's maximum string length).
const MAX_COMPACT_JSON_TO_INDENT = 12 * 1024 * 1024;

/** The model as policy.json: indented, or one line when that line is already very large. */
function stringifyModel(model: PolicyModel): string {
  const compact = JSON.stringify(model);
  return (compact.length <= MAX_COMPACT_JSON_TO_INDENT ? JSON.stringify(model, null, 2) : compact) + '\n';
}
