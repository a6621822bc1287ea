const IMPORT_ALL = /^import \* as ([A-Za-z_$][\w$]*) from '([^']+)';$/;
const EXPORT_DECL = /^export (?=(?:async function|function|const|let|class) ([A-Za-z_$][\w$]*))/;
const EXPORT_LIST = /^export \{([^}]*)\};?$/;

/**
 * A generated ES module (evaluator.js, custom-sets.js) as a script expression whose value is
 * its namespace: `(() => { …the module's code…; return { can, explain, … }; })()`. builder.html
 * needs this: opened from disk, a page cannot import a sibling module, so it carries the modules
 * it needs inline, each in a scope of its own. `imports` gives the expression standing for each
 * `import * as x from 'specifier'` of the module.
 *
 * Only the forms permset's generators write are accepted (`export function|const|let|class`,
 * `export { … }`, `import * as`); anything else throws, so a change of a generator fails the
 * build's tests instead of producing a broken page.
 */
export function moduleAsExpression(text: string, imports: Readonly<Record<string, string>> = {}): string {
  const names: string[] = [];
  const lines = text.split('\n').map((line) => {
    const imported = IMPORT_ALL.exec(line);
    if (imported) {
      const expression = imports[imported[2]!];
      if (expression === undefined)
        throw new Error(`moduleAsExpression: no expression for the import of '${imported[2]}'`);
      return `const ${imported[1]} = ${expression};`;
    }
    const declared = EXPORT_DECL.exec(line);
    if (declared) {
      names.push(declared[1]!);
      return line.slice('export '.length);
    }
    const listed = EXPORT_LIST.exec(line);
    if (listed) {
      for (const part of listed[1]!.split(',')) {
        const m = /^\s*([A-Za-z_$][\w$]*)(?:\s+as\s+([A-Za-z_$][\w$]*))?\s*$/.exec(part);
        if (!m) throw new Error(`moduleAsExpression: cannot read the export list '${line}'`);
        names.push(m[2] ? `${m[2]}: ${m[1]}` : m[1]!);
      }
      return '';
    }
    if (/^(export|import)\b/.test(line))
      throw new Error(`moduleAsExpression: unexpected module syntax '${line.slice(0, 80)}'`);
    return line;
  });
  return `(() => {\n${lines.join('\n')}\nreturn Object.freeze({ ${names.join(', ')} });\n})()`;
}
