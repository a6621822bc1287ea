/**
 * The entry of the builder's runtime: what `permset build` embeds in builder.js (bundled by
 * `npm run generate` into emit/builder/generated/builder-runtime.ts). builder.js adds the
 * built policies and their rules and calls {@link definePermsetBuilder}.
 *
 * @module
 */
export { PermsetBuilderElement, definePermsetBuilder, type BuilderDefaults, type BuilderEventDetail, type DefineOptions } from './builder-element.js';
export { DEFAULT_STRINGS, formatString, type BuilderStrings } from './builder-strings.js';
export type { CustomSetDefinition } from './custom-set-definition.js';
export type { CustomSetDiagnostic, CustomSetsResult, WithCustomSets } from './custom-sets-seam.js';
