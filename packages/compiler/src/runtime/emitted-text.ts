/**
 * A runtime module as the generators embed it: its TypeScript erased by `npm run generate`
 * (scripts/runtime-text.mjs), comments and layout kept.
 */
export interface EmittedText {
  /** The text as part of an ES module: its `export`s kept. */
  readonly module: string;
  /** The same text without `export` keywords or export lists, for a CommonJS file. */
  readonly script: string;
  /** The names {@link EmittedText.module} exports, in source order. */
  readonly exports: readonly string[];
}
