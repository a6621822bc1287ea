/**
 * The code that runs in users' runtimes: the generated evaluator's fixed parts (`evaluator/`),
 * the Cedar export's request helper (`cedar/`) and the access matrix page's script. Written as
 * ordinary TypeScript modules, type-checked and unit-tested; `npm run generate` erases their
 * types into `generated/`, the text the generators in emit/ embed (scripts/runtime-text.mjs).
 *
 * This folder imports nothing from the rest of the compiler. What the compiler shares from it
 * is exported here: the evaluator's API and explanation types, the explain data layout, the
 * emitted-text shape, and `wellFormed` (one definition for the Cedar export and its helper).
 *
 * @module
 */
export type { EmittedText } from './emitted-text.js';
export type { EvaluatorApi } from './evaluator/evaluator-api.js';
export type { AnyLocation, DefinitionLocation, Explanation, ExplainReason, ExplainedLocation, ExplainedSource, ExplainedVia } from './evaluator/explanation.js';
export type { AlternativeData, AstData, AttrTypeName, ExplainData, RestrictData, SourceData, ViaData } from './evaluator/explain-layout.js';
export { wellFormed } from './cedar/entities.js';
