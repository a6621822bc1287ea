/**
 * The number of fast-check runs of a property: `base` by default (sized so the whole folder
 * stays fast on a loaded machine), scaled with `PERMSET_FUZZ_RUNS=N` (N runs of the main
 * property; the others keep their proportion) for long local runs.
 */
export function fuzzRuns(base: number): number {
  const n = Number(process.env['PERMSET_FUZZ_RUNS']);
  return Number.isInteger(n) && n > 0 ? Math.max(1, Math.round((base * n) / 100)) : base;
}

/** The per-property time limit with many runs: the default vitest timeout grows with them. */
export function fuzzTimeout(baseMs: number): number {
  const n = Number(process.env['PERMSET_FUZZ_RUNS']);
  return Number.isInteger(n) && n > 100 ? baseMs * (n / 100) * 2 : baseMs;
}

/**
 * The seed of the properties (their bars are shares of the runs drawn): fixed, so CI
 * gives the same answer every time, or `PERMSET_FUZZ_SEED=N` to explore other projects.
 */
export function fuzzSeed(fallback: number): number {
  const n = Number(process.env['PERMSET_FUZZ_SEED']);
  return Number.isInteger(n) ? n : fallback;
}
