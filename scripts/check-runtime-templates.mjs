#!/usr/bin/env node
// `npm run lint` step: no source file may hold runtime code in a template string. Code that runs
// in users' runtimes or browsers (the evaluator's fixed parts, the Cedar helper, the matrix page,
// the builder) is written as TypeScript modules in packages/compiler/src/runtime/, where it is
// type-checked, linted and unit-tested; `npm run generate` turns it into the text the emitters
// embed (runtime/generated/, emit/builder/generated/). A template literal of code in a source
// file has none of that, which is what issue 14 §3 removed.
//
// What counts: a template literal (plain, with substitutions, or tagged such as `String.raw`)
// spanning more than MAX_LINES lines whose text looks like JavaScript (a `function`, an arrow, or
// a `const`/`let`/`var` declaration). Generated folders are skipped. A template that is
// legitimately long and code-like (text an emitter writes around the policy's data, such as
// type declarations) is allowed by a comment on the line before it or on its first line:
//
//   // runtime-template-allowed: <why this is not runtime code>
//
// with a reason; a marker without one is itself an error.
//
// Usage: node scripts/check-runtime-templates.mjs [root]   (root defaults to the repository)
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** Templates up to this many lines are phrases and small snippets, not modules. */
export const MAX_LINES = 8;
const CODE = /\bfunction\b|=>|\b(?:const|let|var)\s+[\w$[{]/;
const MARKER = /runtime-template-allowed:(.*)$/;

/**
 * The template literals of one TypeScript source that hold runtime code.
 * @param {string} fileName for messages
 * @param {string} source
 * @returns {string[]} one `file:line:column: message` per finding
 */
export function findRuntimeTemplates(fileName, source) {
  const sf = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const lines = source.split('\n');
  const problems = [];
  const visit = (node) => {
    if (ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) {
      const start = sf.getLineAndCharacterOfPosition(node.getStart(sf));
      const end = sf.getLineAndCharacterOfPosition(node.getEnd());
      const span = end.line - start.line + 1;
      const text = ts.isTemplateExpression(node)
        ? [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join('')
        : node.text;
      if (span > MAX_LINES && CODE.test(text)) {
        const where = `${fileName}:${start.line + 1}:${start.character + 1}`;
        const marker = [lines[start.line - 1], lines[start.line]]
          .map((line) => (line === undefined ? null : MARKER.exec(line)))
          .find(Boolean);
        if (!marker) {
          problems.push(
            `${where}: a template string of ${span} lines holds code (${CODE.exec(text)[0].trim()}); write runtime code as a module in packages/compiler/src/runtime/ (see docs/architecture.md, Runtime), or mark text that is not runtime code with "// runtime-template-allowed: <reason>"`,
          );
        } else if (!marker[1].replace(/\*\/\s*$/, '').trim()) {
          problems.push(`${where}: "runtime-template-allowed:" needs a reason`);
        }
      }
      if (ts.isTemplateExpression(node)) node.templateSpans.forEach((s) => visit(s.expression));
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return problems;
}

/** The .ts files under `dir`, generated folders left out. */
function sources(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'generated' && entry.name !== 'node_modules') out.push(...sources(path));
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/**
 * Checks every package's `src/` under `root`.
 * @param {string} root
 * @returns {string[]} the findings, paths relative to `root`
 */
export function checkRuntimeTemplates(root) {
  const problems = [];
  const packages = join(root, 'packages');
  for (const pkg of readdirSync(packages, { withFileTypes: true })) {
    if (!pkg.isDirectory()) continue;
    const src = join(packages, pkg.name, 'src');
    let files;
    try {
      files = sources(src);
    } catch {
      continue; // a package without src/
    }
    for (const file of files.sort()) {
      problems.push(...findRuntimeTemplates(relative(root, file).split(sep).join('/'), readFileSync(file, 'utf8')));
    }
  }
  return problems;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = process.argv[2] ?? join(fileURLToPath(new URL('.', import.meta.url)), '..');
  const problems = checkRuntimeTemplates(root);
  if (problems.length) {
    console.error(`Runtime code in template strings:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    process.exitCode = 1;
  }
}
