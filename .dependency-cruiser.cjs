// The direction of dependencies, checked by `npm run lint` (`npm run lint:deps`).
//
// The compiler is a pipeline of stages; a stage may import the stages before it and never one
// after it, so each can be read, tested and replaced knowing only what comes before.
// docs/architecture.md draws the same map. To add a folder, put it in the layer it belongs to:
// an unknown folder of packages/compiler/src fails the `stage-folder-is-placed` rule.
//
// .dependency-cruiser-known-violations.json lists violations that are known and being fixed (the
// cli's ci-command <-> ci-summary cycle, owned by the use-case work); `--ignore-known` skips
// only those exact ones, so any new violation still fails.
//
// test/lint/dependency-rules.test.ts runs this configuration on small trees with a cycle and a
// backward import, to prove the rules fire.

/** Folders of packages/compiler/src, earliest first. A folder may import its own layer and earlier ones. */
const LAYERS = [
  // Shared vocabulary: one Diagnostic type, offsets and line tables.
  ['diagnostics'],
  ['load'],
  // `conditions` is the condition language (grammar, type checker); `fs` the FileSystem interface.
  ['validate', 'conditions', 'fs'],
  ['entities'],
  ['resolve'],
  ['check'],
  // `Program`/`compile`: runs load → check and holds the per-program caches.
  ['program'],
  ['policy-model'],
  // Readers of the policy model; `format` (the YAML formatter) needs only `validate`'s schemas;
  // `custom-sets` runs validate → check on run-time definitions (bundled into custom-sets.js).
  ['emit', 'diff', 'policy-tests', 'format', 'custom-sets'],
  // Use cases (compile a folder, diff two revisions, …) and the Node adapters they may use.
  ['project', 'node'],
  ['cli'],
];

// Code that ships inside generated artifacts (the evaluator's runtime): standalone by contract.
// It imports nothing of the compiler except the files listed here, deliberately shared.
const RUNTIME = 'runtime';
// resolve/permission-pattern.ts: the builder matches a seat's `allows` with the language's own matcher.
const RUNTIME_SHARES = ['resolve/permission-pattern.ts'];

// Folders that must not do I/O (house style 7: the compiler core does no I/O).
const NO_IO = [
  'diagnostics',
  'load',
  'validate',
  'conditions',
  'fs',
  'entities',
  'resolve',
  'check',
  'program',
  'policy-model',
  'emit',
  'diff',
  'policy-tests',
  'format',
  'custom-sets',
  RUNTIME,
];

const SRC = '^packages/compiler/src/';
const folders = (names) => `${SRC}(${names.join('|')})/`;

const layerRules = LAYERS.flatMap((layer, i) => {
  const later = LAYERS.slice(i + 1).flat();
  if (later.length === 0) return [];
  return [
    {
      name: `stage-direction-${layer.join('-')}`,
      comment: `${layer.join(', ')} may import only earlier stages (not ${later.join(', ')}): see docs/architecture.md`,
      severity: 'error',
      from: { path: folders(layer) },
      to: { path: folders(later) },
    },
  ];
});

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Import cycles make stages impossible to understand or test alone (type-only imports count too).',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    ...layerRules,
    {
      name: 'stage-folder-is-placed',
      comment:
        'Every folder of packages/compiler/src has a place in .dependency-cruiser.cjs LAYERS (or is the runtime).',
      severity: 'error',
      from: { path: SRC, pathNot: [`${SRC}index\\.ts$`, folders([...LAYERS.flat(), RUNTIME])] },
      to: {},
    },
    {
      name: 'runtime-is-standalone',
      comment:
        'runtime/ ships inside generated artifacts: it imports no compiler code except what RUNTIME_SHARES lists, and no Node module.',
      severity: 'error',
      from: { path: folders([RUNTIME]) },
      to: {
        pathNot: [folders([RUNTIME]), ...RUNTIME_SHARES.map((f) => `${SRC}${f.replace(/\./g, '\\.')}$`)],
      },
    },
    {
      name: 'no-io-in-the-core',
      comment: 'The compiler core does no I/O: files come through the injected FileSystem (node/ implements it).',
      severity: 'error',
      from: { path: folders(NO_IO) },
      to: { dependencyTypes: ['core'], pathNot: ['^(node:)?path$', '^(node:)?util$'] },
    },
    {
      name: 'compiler-does-not-import-its-clients',
      comment: 'The compiler knows nothing of the language server or the extension.',
      severity: 'error',
      from: { path: '^packages/compiler/' },
      to: { path: '^packages/(lsp|vscode-extension)/' },
    },
    {
      name: 'lsp-uses-the-public-api',
      comment:
        "The language server adapts the compiler's public API (@permset/compiler and its sub-paths), never its sources.",
      severity: 'error',
      from: { path: '^packages/lsp/' },
      to: { path: '^packages/compiler/', pathNot: '^packages/compiler/dist/[a-z-]*/?index\\.(d\\.ts|js)$' },
    },
    {
      name: 'internal-barrel-not-imported',
      comment:
        "Inside the compiler, import a stage's own index.ts, not the package's public index.ts (that makes cycles).",
      severity: 'error',
      from: { path: SRC, pathNot: `${SRC}index\\.ts$` },
      to: { path: `${SRC}index\\.ts$` },
    },
    {
      name: 'extension-talks-protocol-only',
      comment:
        'The VS Code extension is a thin client: from the language server it shares only the custom protocol types.',
      severity: 'error',
      from: { path: '^packages/vscode-extension/' },
      to: { path: '^packages/(lsp|compiler)/', pathNot: '^packages/lsp/src/server/custom-protocol\\.ts$' },
    },
  ],
  options: {
    // The language server imports the compiler's built public entries (dist/): seen, not followed.
    doNotFollow: { path: ['node_modules', '(^|/)dist/'] },
    exclude: { path: '(^|/)generated/' },
    // Type-only imports are dependencies too: a cycle of types is still a cycle to a reader.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    // With tsConfig, sources that import `./x.js` for `./x.ts` (NodeNext) resolve to the .ts file.
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'types', 'default'] },
    moduleSystems: ['es6', 'cjs'],
  },
};
