#!/usr/bin/env node
// `npm run generate`: writes every checked-in generated file of the compiler, from its source:
//
// - validate/generated/schemas.ts and validators.ts from schemas/*.schema.json (the schemas and
//   ajv's standalone validators: see scripts/schema-outputs.mjs);
// - conditions/generated/cst.ts from the condition grammar (chevrotain's generateCstDts);
// - runtime/generated/*.ts from the runtime modules in runtime/ (the text the generators embed
//   in evaluator.js, entities.js and matrix.html; see scripts/runtime-text.mjs);
// - emit/builder/generated/builder-runtime.ts from runtime/builder/, and the VS Code views' page
//   script (packages/vscode-extension/src/views/generated/page-script.ts) from
//   packages/vscode-extension/src/webview/: browser code checked with the DOM lib by its own
//   tsconfig and bundled by esbuild (new code, with no earlier text to keep byte for byte).
//
// `npm run generate -- --check` writes nothing and fails when a generated file is not what its
// source gives (`npm run lint` runs it, so a stale file fails CI).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { checkWithEsbuild, runtimeText } from './runtime-text.mjs';
import { schemaOutputs } from './schema-outputs.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'packages/compiler/src');
const check = process.argv.includes('--check');

/** The runtime modules, by generated file: [exported name, module], in the order they are emitted. */
const RUNTIME = [
  {
    file: 'evaluator-text.ts',
    what: 'the fixed parts of every evaluator.js, written by emit/evaluator/generate-module.ts',
    chunks: [
      ['RUNTIME_VALUES', 'evaluator/values.ts'],
      ['RUNTIME_API', 'evaluator/api.ts'],
      ['RUNTIME_EXPLAIN_STATE', 'evaluator/explain-state.ts'],
      ['RUNTIME_EXPLAIN', 'evaluator/explain.ts'],
      ['RUNTIME_INTERPRET', 'evaluator/interpret.ts'],
      ['RUNTIME_TEXT', 'evaluator/text.ts'],
    ],
  },
  {
    file: 'entities-text.ts',
    what: "the fixed part of the Cedar export's entities.js, written by emit/cedar/entities-module.ts",
    chunks: [['ENTITIES_RUNTIME', 'cedar/entities.ts']],
  },
  {
    file: 'matrix-page-text.ts',
    what: 'the script of matrix.html, put together by emit/matrix/matrix-page-script.ts',
    // A page script, never part of a module: only the text without `export`s is written (so no
    // line of it reads as an export to a tool that scans a bundle holding this file).
    scriptOnly: true,
    chunks: [
      ['MATRIX_TEXT', 'matrix/matrix-text.ts'],
      ['MATRIX_PAGE', 'matrix/matrix-page.ts'],
    ],
  },
];

async function main() {
  const outputs = schemaOutputs();
  outputs.set(join(src, 'conditions/generated/cst.ts'), await cstModule());
  for (const group of RUNTIME) outputs.set(join(src, 'runtime/generated', group.file), runtimeModule(group));
  outputs.set(join(src, 'emit/builder/generated/builder-runtime.ts'), await builderModule());
  outputs.set(join(root, 'packages/vscode-extension/src/views/generated/page-script.ts'), await webviewModule());

  const stale = [];
  for (const [file, text] of outputs) {
    const current = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    if (current === text) continue;
    stale.push(relative(root, file));
    if (!check) {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
    }
  }
  if (check && stale.length) {
    console.error(`Stale generated files (run \`npm run generate\`):\n${stale.map((f) => `  ${f}`).join('\n')}`);
    process.exitCode = 1;
  }
  if (!check && stale.length) console.log(`generated ${stale.join(', ')}`);
}

/**
 * One browser entry bundled by esbuild as a script: an IIFE, assigned to `globalName` when given
 * (a `var` of the script's scope). The text goes into `<script>` elements of pages and webviews
 * whose Content-Security-Policy forbids eval, so both are refused here.
 */
async function bundle(entry, globalName) {
  const result = await esbuild.build({
    entryPoints: [join(root, entry)],
    bundle: true,
    write: false,
    format: 'iife',
    ...(globalName ? { globalName } : {}),
    platform: 'browser',
    target: 'es2022',
    charset: 'ascii',
    legalComments: 'none',
    minifySyntax: true,
    logLevel: 'silent',
    absWorkingDir: root,
  });
  const text = result.outputFiles[0].text;
  if (/<\/script|<!--/i.test(text)) throw new Error(`${entry}: the bundle contains </script or <!--`);
  if (/\beval\(|new Function\(/.test(text)) throw new Error(`${entry}: the bundle contains eval or new Function`);
  return text;
}

// The builder's runtime (runtime/builder/): the text `permset build` writes into builder.js and
// builder.html, and the VS Code builder view's bridge.
async function builderModule() {
  const dir = 'packages/compiler/src/runtime/builder';
  let body = `// Generated by scripts/generate.mjs from ${dir}/. Do not edit: run \`npm run generate\`.\n\n`;
  body += '/** The builder runtime, a script that declares `var PermsetBuilder` (its exports). */\n';
  body += `export const BUILDER_RUNTIME = ${JSON.stringify(await bundle(`${dir}/index.ts`, 'PermsetBuilder'))};\n`;
  body += '\n/** The script of builder.html that shows what the element emits (the example of embedding). */\n';
  body += `export const BUILDER_PAGE_SCRIPT = ${JSON.stringify(await bundle(`${dir}/example-page.ts`, 'PermsetBuilderPage'))};\n`;
  body += '\n/** The script of the builder in a VS Code webview (posts saves, loads definitions). */\n';
  body += `export const BUILDER_VSCODE_BRIDGE = ${JSON.stringify(await bundle(`${dir}/vscode-bridge.ts`, 'PermsetBuilderBridge'))};\n`;
  // The element's style sheet as text, so builder.html can list its hash in style-src.
  const styleModule = await esbuild.build({
    entryPoints: [join(root, dir, 'builder-style.ts')],
    bundle: true,
    write: false,
    format: 'esm',
    logLevel: 'silent',
    absWorkingDir: root,
  });
  const { BUILDER_STYLE } = await import(`data:text/javascript,${encodeURIComponent(styleModule.outputFiles[0].text)}`);
  body += "\n/** The element's style sheet (runtime/builder/builder-style.ts), hashed by the pages that embed it. */\n";
  body += `export const BUILDER_STYLE = ${JSON.stringify(BUILDER_STYLE)};\n`;
  return body;
}

// The script of the extension's preview, explain and diff views (packages/vscode-extension/src/webview/).
async function webviewModule() {
  const dir = 'packages/vscode-extension/src/webview';
  let body = `// Generated by scripts/generate.mjs from ${dir}/. Do not edit: run \`npm run generate\`.\n\n`;
  body += "/** The views' page script (webview/page-script.ts), allowed by the page's nonce. */\n";
  body += `export const PAGE_SCRIPT = ${JSON.stringify(await bundle(`${dir}/page-script.ts`))};\n`;
  return body;
}

// The grammar is TypeScript: esbuild bundles it (with chevrotain, so the productions and
// generateCstDts share one copy of its classes) into a temporary module that is imported once.
async function cstModule() {
  const tmp = mkdtempSync(join(root, 'node_modules/.permset-generate-'));
  try {
    const out = join(tmp, 'cst.mjs');
    await esbuild.build({
      stdin: {
        contents:
          "import { generateCstDts } from 'chevrotain';\nimport { conditionParser } from './parser.ts';\nexport const dts = generateCstDts(conditionParser.getGAstProductions());\n",
        resolveDir: join(src, 'conditions'),
        loader: 'ts',
      },
      bundle: true,
      format: 'esm',
      platform: 'node',
      outfile: out,
      logLevel: 'silent',
    });
    const { dts } = await import(pathToFileURL(out).href);
    return `// Generated from the grammar in ../parser.ts by chevrotain's generateCstDts. Do not edit:\n// run \`npm run generate\` after changing the grammar.\n\n${dts}`;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** A template literal of `text`, readable line by line in the generated file. */
function templateLiteral(text) {
  return '`' + text.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${') + '`';
}

function runtimeModule(group) {
  let body = `// Generated by scripts/generate.mjs from the runtime modules in ../ (${group.what}).\n`;
  body += '// Do not edit: change the modules and run `npm run generate`.\n\n';
  if (!group.scriptOnly) body += "import type { EmittedText } from '../emitted-text.js';\n";
  for (const [name, path] of group.chunks) {
    const file = join(src, 'runtime', path);
    const source = readFileSync(file, 'utf8');
    if (source.includes('\r')) throw new Error(`${path}: carriage returns are not allowed in a runtime module`);
    const text = runtimeText(`packages/compiler/src/runtime/${path}`, source);
    checkWithEsbuild(esbuild, path, text);
    if (group.scriptOnly) {
      body += `\n/** The emitted text of runtime/${path}, without its exports (a script's part). */\n`;
      body += `export const ${name} = ${templateLiteral(text.script)};\n`;
      continue;
    }
    const script = text.script === text.module ? 'module' : templateLiteral(text.script);
    body += `\n/** The emitted text of runtime/${path}. */\n`;
    body += `export const ${name}: EmittedText = (() => {\n`;
    body += `  const module = ${templateLiteral(text.module)};\n`;
    body += `  return { module, script: ${script}, exports: ${JSON.stringify(text.exports)} };\n`;
    body += '})();\n';
  }
  return body;
}

await main();
