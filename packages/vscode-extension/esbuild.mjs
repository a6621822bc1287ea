// Bundles the extension and the language server into dist/ (CommonJS for VS Code's extension
// host; `vscode` is provided by it). The server is packages/lsp's own entry (the published
// `permset-language-server`, src/main.ts), bundled with the compiler from their TypeScript
// sources, so the .vsix needs no node_modules and no prior build. Next to them goes the run time of
// custom-sets.js (the same script `permset build` embeds, from scripts/bundle-custom-sets.mjs):
// the server puts it in the builder view's page, so the builder checks each change live.
//
//   node esbuild.mjs               one build, with source maps
//   node esbuild.mjs --production  minified, no source maps (vsce runs this before packaging)
//   node esbuild.mjs --watch       rebuild on change
import * as esbuild from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { customSetsRuntimeOptions } from '../../scripts/bundle-custom-sets.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Our own packages resolve to their sources (their `dist` may be absent or stale). */
const SOURCES = {
  '@permset/compiler': join(here, '../compiler/src/index.ts'),
  '@permset/compiler/node': join(here, '../compiler/src/node/index.ts'),
  '@permset/compiler/project': join(here, '../compiler/src/project/index.ts'),
  '@permset/lsp': join(here, '../lsp/src/index.ts'),
};

/** @type {import('esbuild').Plugin} */
const workspaceSources = {
  name: 'permset-workspace-sources',
  setup(build) {
    build.onResolve({ filter: /^@permset\// }, (args) => {
      const path = SOURCES[args.path];
      return path ? { path } : { errors: [{ text: `No source mapping for ${args.path} in esbuild.mjs` }] };
    });
  },
};

/** Reports each rebuild in watch mode (the problem matcher of a watch task reads these lines). */
/** @type {import('esbuild').Plugin} */
const watchReport = {
  name: 'watch-report',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors)
        console.error(`✘ [ERROR] ${text}${location ? ` (${location.file}:${location.line}:${location.column})` : ''}`);
      console.log('[watch] build finished');
    });
  },
};

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  external: ['vscode'],
  // The sources are ES modules that find files next to themselves with import.meta.url, which
  // CommonJS has not: give them this bundle's own URL.
  define: { 'import.meta.url': '__permsetImportMetaUrl' },
  banner: { js: "var __permsetImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  logLevel: 'warning',
  plugins: [workspaceSources, ...(watch ? [watchReport] : [])],
};

const contexts = await Promise.all([
  esbuild.context({
    ...common,
    entryPoints: { extension: join(here, 'src/extension.ts') },
    outdir: join(here, 'dist'),
  }),
  esbuild.context({ ...common, entryPoints: { server: join(here, '../lsp/src/main.ts') }, outdir: join(here, 'dist') }),
  esbuild.context(customSetsRuntimeOptions(join(here, 'dist/custom-sets-runtime.js'))),
]);

if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  try {
    await Promise.all(contexts.map((c) => c.rebuild()));
  } finally {
    await Promise.all(contexts.map((c) => c.dispose()));
  }
}
