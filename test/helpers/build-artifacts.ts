/**
 * The files `permset build` writes for a project by default (the default target), sorted.
 * One list, so a new output changes one line of the tests instead of five.
 */
export const BUILD_ARTIFACTS: readonly string[] = [
  'builder.html',
  'builder.js',
  'custom-set.schema.json',
  'custom-sets.cjs',
  'custom-sets.d.cts',
  'custom-sets.d.mts',
  'custom-sets.d.ts',
  'custom-sets.js',
  'custom-sets.mjs',
  'evaluator.cjs',
  'evaluator.d.cts',
  'evaluator.d.mts',
  'evaluator.d.ts',
  'evaluator.js',
  'evaluator.mjs',
  'matrix.csv',
  'matrix.html',
  'matrix.json',
  'matrix.md',
  'policy.json',
];

/** What a build writes when the matrix is too wide to read: the wide matrix.csv only of the four reports. */
export const WIDE_BUILD_ARTIFACTS: readonly string[] = BUILD_ARTIFACTS.filter(
  (f) => !['matrix.html', 'matrix.json', 'matrix.md'].includes(f),
);

/** What the evaluator and the matrix back ends write (no builder, no custom sets): what in-memory builds of a model give. */
export const EVALUATOR_AND_MATRIX_ARTIFACTS: readonly string[] = BUILD_ARTIFACTS.filter((f) =>
  /^(evaluator|matrix|policy)\./.test(f),
);
