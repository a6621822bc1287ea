#!/usr/bin/env node
// Bundles the `permset` CLI and the language server with esbuild, each into one ES module (plus
// the chunks the CLI loads only for the command it runs), so starting them reads a few files
// instead of hundreds of modules. The packages' bins point at these bundles; `tsc -b` still
// builds the libraries (dist/**) that `@permset/compiler` and `@permset/lsp` export.
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
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  // Dependencies written as CommonJS (ajv's runtime helpers, vscode-languageserver) call
  // `require` for Node's own modules; an ES module has none, so give it one.
  banner: { js: "import { createRequire as __permsetCreateRequire } from 'node:module';\nconst require = __permsetCreateRequire(import.meta.url);" },
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
      entryPoints: { permset: join(compiler, 'src/cli/bin.ts') },
      outdir: join(compiler, 'dist/bundle'),
      // Each command is its own chunk, loaded when it runs: `permset --version` reads almost nothing.
      splitting: true,
      chunkNames: 'chunks/[name]-[hash]',
    },
    outdir: join(compiler, 'dist/bundle'),
  },
  {
    name: 'permset-language-server',
    options: {
      ...common,
      entryPoints: { 'permset-language-server': join(lsp, 'src/main.ts') },
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
