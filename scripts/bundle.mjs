#!/usr/bin/env node
// Bundles the `permset` CLI and the language server with esbuild, each into one CommonJS file,
// so starting them reads one file instead of hundreds of modules. The packages' bin launchers
// run these bundles through `loadBundle` (packages/compiler/src/node/run-bundle.ts), which keeps
// a V8 code cache of them: that is why they are CommonJS (a `vm.Script`), not ES modules. Each
// CLI command stays lazy: esbuild turns `import('./x-command.js')` into a call that evaluates the
// command's modules on first use, and V8 compiles a function only when it first runs, so
// `permset --version` runs almost nothing of the file. `tsc -b` still builds the libraries
// (dist/**) that `@permset/compiler` and `@permset/lsp` export.
import * as esbuild from 'esbuild';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const compiler = join(root, 'packages/compiler');
const lsp = join(root, 'packages/lsp');

/** Our own packages resolve to their sources: one copy of the compiler in each bundle. */
const SOURCES = {
  '@permset/compiler': join(compiler, 'src/index.ts'),
  '@permset/compiler/node': join(compiler, 'src/node/index.ts'),
  '@permset/compiler/project': join(compiler, 'src/project/index.ts'),
};

/** @type {import('esbuild').Plugin} */
const workspaceSources = {
  name: 'permset-workspace-sources',
  setup(build) {
    build.onResolve({ filter: /^@permset\// }, (args) => {
      const path = SOURCES[args.path];
      return path ? { path } : { errors: [{ text: `No source mapping for ${args.path} in scripts/bundle.mjs` }] };
    });
  },
};

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'linked',
  // Modules that find files next to themselves (init's templates, the custom-sets run time) use
  // `import.meta.url`, which CommonJS lacks: it becomes the bundle's own URL.
  define: { 'import.meta.url': '__permsetBundleUrl' },
  banner: { js: "var __permsetBundleUrl = require('node:url').pathToFileURL(__filename).href;" },
  // The package is `"type": "module"`, so a CommonJS file must be .cjs.
  outExtension: { '.js': '.cjs' },
  plugins: [workspaceSources],
  logLevel: 'warning',
  legalComments: 'none',
};

/** The bundles: where each starts and where it goes (`bin` in the package's package.json). */
export const BUNDLES = [
  {
    name: 'permset',
    options: {
      ...common,
      entryPoints: { permset: join(compiler, 'src/cli/run-cli.ts') },
      outdir: join(compiler, 'dist/bundle'),
    },
    outdir: join(compiler, 'dist/bundle'),
  },
  {
    name: 'permset-language-server',
    options: {
      ...common,
      entryPoints: { 'permset-language-server': join(lsp, 'src/run-main.ts') },
      outdir: join(lsp, 'dist/bundle'),
    },
    outdir: join(lsp, 'dist/bundle'),
  },
];

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const b of BUNDLES) {
    rmSync(b.outdir, { recursive: true, force: true });
    await esbuild.build(b.options);
  }
}
