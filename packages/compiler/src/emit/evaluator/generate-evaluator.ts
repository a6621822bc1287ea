import type { PolicyModel } from '../../policy-model/index.js';
import { planEvaluator } from './evaluator-plan.js';
import { generateDts } from './generate-dts.js';
import { generateModule } from './generate-module.js';
import { sha256Hex } from '../sha256.js';
import { VERSION } from '../../version.js';

/** The permset version written into generated headers by default: the toolkit's one {@link VERSION}. */
export const EVALUATOR_GENERATOR_VERSION: string = VERSION;

/** The files `permset build` writes. */
export interface EvaluatorFiles {
  /** The standalone ES module: `can`, `prepare`, `canId`, `has`, `explain`... */
  'evaluator.js': string;
  /** Its declarations, with literal unions of the policy's ids. */
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
  const header = { version: options.version ?? EVALUATOR_GENERATOR_VERSION, modelHash: `sha256:${sha256Hex(policyJson)}` };
  const plan = planEvaluator(model);
  return {
    'evaluator.js': generateModule(plan, header),
    'evaluator.d.ts': generateDts(plan, header),
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
