// Turns a runtime module (packages/compiler/src/runtime/) into the text a generator embeds, by
// erasing its TypeScript: type annotations, `as`/`!`/`satisfies`, type arguments and
// parameters, interfaces, type aliases, `declare`s and imports are cut out of the source text;
// everything else (code, comments, blank lines) is kept byte for byte. That is why this is not
// esbuild's transform, which re-prints the code without its comments: the emitted evaluator
// must stay byte-identical, comments included. esbuild checks the result instead: with the same
// statements removed, esbuild's output for the TypeScript and for the erased text must agree,
// so the cuts removed exactly the types (see `checkWithEsbuild`).
//
// What a runtime module may contain, so its text is what users' runtimes run:
// - the module documentation (a comment with `@module`) and the imports are not emitted; the
//   text starts with the first statement that is code, and the comments before it;
// - imports are erased: a runtime module imports only types, the generated tables it is
//   emitted after (declared for TypeScript in a tables module) or runtime modules whose text
//   the generator emits before it;
// - a statement whose leading comment carries `@notEmitted` is not emitted (the export list a
//   test or the compiler imports from, which the emitted file must not export);
// - enums, namespaces, decorators, parameter properties, `<T>x` assertions and `export default`
//   are refused (they are not type-only syntax).
import ts from 'typescript';

/**
 * @typedef {object} RuntimeText
 * @property {string} module the text as an ES module part: `export`s kept
 * @property {string} script the same text with every `export` keyword and export list removed
 *   (for a CommonJS file, which assigns `module.exports` from `exports`)
 * @property {string[]} exports the names the module part exports, in source order
 * @property {string} keptSource the TypeScript source with what the script variant drops
 *   removed, types kept: what `checkWithEsbuild` compares the script variant with
 */

/**
 * Erases the TypeScript of one runtime module.
 * @param {string} fileName for messages
 * @param {string} source the module's TypeScript text
 * @returns {RuntimeText}
 */
export function runtimeText(fileName, source) {
  const sf = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const problems = [];
  const where = (node) => {
    const { line, character } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
    return `${fileName}:${line + 1}:${character + 1}`;
  };
  const refuse = (node, what) =>
    problems.push(`${where(node)}: ${what} is not allowed in a runtime module (it is not erasable type syntax)`);
  for (const d of sf.parseDiagnostics ?? [])
    problems.push(`${fileName}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);

  /** Cuts shared by both variants: [start, end) ranges of the source. */
  const typeCuts = [];
  /** Statement-level cuts (imports, declarations of types, @notEmitted): [start, end). */
  const statementCuts = [];
  /** Cuts only of the script variant: export keywords and export lists. */
  const scriptCuts = [];
  const exportNames = [];
  let first;

  const cutNodeArray = (array) => {
    if (!array) return;
    const open = array.pos - 1;
    if (source[open] !== '<' || source[array.end] !== '>')
      problems.push(`${fileName}: unexpected text around type arguments at offset ${open}`);
    else typeCuts.push([open, array.end + 1]);
  };
  const colonBefore = (typeNode) => {
    let i = typeNode.getFullStart() - 1;
    while (i >= 0 && /\s/.test(source[i])) i--;
    return i;
  };
  const isPlain = (e) =>
    ts.isIdentifier(e) || ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e) || ts.isCallExpression(e);
  const visit = (node) => {
    if (ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) {
      typeCuts.push([node.getFullStart(), node.getEnd()]);
      return;
    }
    if (ts.isEnumDeclaration(node)) return refuse(node, 'an enum');
    if (ts.isModuleDeclaration(node)) return refuse(node, 'a namespace');
    if (ts.isDecorator(node)) return refuse(node, 'a decorator');
    if (ts.isTypeAssertionExpression(node)) return refuse(node, 'a <T>x assertion');
    if (ts.isParameter(node)) {
      if (node.modifiers?.length) return refuse(node, 'a parameter property');
      if (ts.isIdentifier(node.name) && node.name.text === 'this') return refuse(node, 'a this parameter');
      if (node.questionToken) typeCuts.push([node.questionToken.getStart(sf), node.questionToken.getEnd()]);
    }
    if (ts.isVariableDeclaration(node) && node.exclamationToken)
      typeCuts.push([node.exclamationToken.getStart(sf), node.exclamationToken.getEnd()]);
    // `(x as T).y` is written for TypeScript only: the parentheses go with the assertion when
    // what is asserted needs none (a name, a member access or a call).
    if (
      ts.isParenthesizedExpression(node) &&
      ts.isAsExpression(node.expression) &&
      isPlain(node.expression.expression)
    ) {
      typeCuts.push([node.getStart(sf), node.expression.expression.getStart(sf)]);
      typeCuts.push([node.expression.expression.getEnd(), node.getEnd()]);
      visit(node.expression.expression);
      return;
    }
    if (ts.isAsExpression(node) || ts.isSatisfiesExpression(node) || ts.isNonNullExpression(node)) {
      typeCuts.push([node.expression.getEnd(), node.getEnd()]);
      visit(node.expression);
      return;
    }
    if ('typeArguments' in node) cutNodeArray(node.typeArguments);
    if ('typeParameters' in node) cutNodeArray(node.typeParameters);
    if ('type' in node && node.type && ts.isTypeNode(node.type)) {
      const colon = colonBefore(node.type);
      if (source[colon] !== ':') problems.push(`${where(node.type)}: a type annotation without its colon`);
      else typeCuts.push([colon, node.type.getEnd()]);
    }
    if (ts.isClassLike(node) && node.heritageClauses?.some((h) => h.token === ts.SyntaxKind.ImplementsKeyword))
      refuse(node, 'implements');
    ts.forEachChild(node, (child) => {
      if (ts.isTypeNode(child) || ts.isToken(child)) return;
      visit(child);
    });
  };

  for (const st of sf.statements) {
    const modifiers = ts.canHaveModifiers(st) ? (ts.getModifiers(st) ?? []) : [];
    const leading = ts.getLeadingCommentRanges(source, st.getFullStart()) ?? [];
    const notEmitted = leading.some((c) => /@notEmitted\b/.test(source.slice(c.pos, c.end)));
    const typeOnly =
      ts.isImportDeclaration(st) ||
      ts.isImportEqualsDeclaration(st) ||
      ts.isInterfaceDeclaration(st) ||
      ts.isTypeAliasDeclaration(st) ||
      (ts.isExportDeclaration(st) && st.isTypeOnly) ||
      modifiers.some((m) => m.kind === ts.SyntaxKind.DeclareKeyword);
    if (typeOnly || notEmitted) {
      if (first !== undefined) statementCuts.push([st.getFullStart(), st.getEnd()]);
      continue;
    }
    if (first === undefined) first = st;
    if (ts.isExportAssignment(st)) {
      refuse(st, 'export default / export =');
      continue;
    }
    if (ts.isExportDeclaration(st)) {
      if (st.moduleSpecifier) refuse(st, 'a re-export from another module');
      else if (st.exportClause && ts.isNamedExports(st.exportClause)) {
        for (const e of st.exportClause.elements) {
          if (e.propertyName) refuse(e, 'a renaming export');
          exportNames.push(e.name.text);
        }
        scriptCuts.push([st.getFullStart(), st.getEnd()]);
      }
      continue;
    }
    const exported = modifiers.find((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (exported) {
      if (modifiers.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword)) refuse(st, 'export default');
      let end = exported.getEnd();
      while (source[end] === ' ') end++;
      scriptCuts.push([exported.getStart(sf), end]);
      if (ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st)) exportNames.push(st.name.text);
      else if (ts.isVariableStatement(st)) {
        for (const d of st.declarationList.declarations) {
          if (ts.isIdentifier(d.name)) exportNames.push(d.name.text);
          else refuse(d, 'an exported destructuring');
        }
      }
    }
    visit(st);
  }
  if (first === undefined) problems.push(`${fileName}: no code to emit`);
  if (problems.length) throw new Error(problems.join('\n'));

  // The text starts with the comments before the first statement of code, except a module
  // documentation comment (`@module`), which describes the TypeScript module, not the text.
  const comments = ts.getLeadingCommentRanges(source, first.getFullStart()) ?? [];
  const moduleDoc = comments.findLastIndex((c) => /@module\b/.test(source.slice(c.pos, c.end)));
  const start = moduleDoc + 1 < comments.length ? comments[moduleDoc + 1].pos : first.getStart(sf);
  const apply = (cuts) => {
    const sorted = cuts.filter(([s]) => s >= start).sort((a, b) => a[0] - b[0] || b[1] - a[1]);
    let out = '';
    let at = start;
    for (const [s, e] of sorted) {
      if (s < at) continue; // inside an earlier, wider cut
      out += source.slice(at, s);
      at = e;
    }
    return out + source.slice(at);
  };
  const module = apply([...statementCuts, ...typeCuts]);
  const script = apply([...statementCuts, ...typeCuts, ...scriptCuts]);
  return { module, script, exports: exportNames, keptSource: apply([...statementCuts, ...scriptCuts]) };
}

/**
 * Checks the erasure against esbuild's TypeScript transform: the source with only the dropped
 * statements and the exports removed, and the erased script text, must print the same (the
 * script variant, because a part alone cannot export names the generated tables declare).
 * Throws on a difference.
 * @param {typeof import('esbuild')} esbuild
 * @param {string} fileName
 * @param {RuntimeText & { keptSource: string }} text
 */
export function checkWithEsbuild(esbuild, fileName, text) {
  const options = { format: 'esm', target: 'es2022', legalComments: 'none' };
  const fromTs = esbuild.transformSync(text.keptSource, { ...options, loader: 'ts' }).code;
  const fromJs = esbuild.transformSync(text.script, { ...options, loader: 'js' }).code;
  if (fromTs !== fromJs) {
    const a = fromTs.split('\n');
    const b = fromJs.split('\n');
    const i = a.findIndex((line, k) => line !== b[k]);
    throw new Error(
      `${fileName}: the erased text differs from esbuild's erasure at line ${i + 1} of its output:\n  esbuild: ${a[i]}\n  erased:  ${b[i]}`,
    );
  }
}
