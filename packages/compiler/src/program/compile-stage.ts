/**
 * The stages of a compilation, in order. A result at stage N has completed every stage before
 * N; language-server features declare the stage they need (folding after `Loaded`, hover after
 * `Resolved`) instead of re-deriving anything.
 */
export enum CompileStage {
  Loaded = 1,
  Validated = 2,
  Resolved = 3,
  Checked = 4,
  Emitted = 5,
}
