import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkRuntimeTemplates, findRuntimeTemplates, MAX_LINES } from '../../scripts/check-runtime-templates.mjs';
import { REPO } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-dir.js';

// `npm run lint` runs scripts/check-runtime-templates.mjs over the real sources, which pass. These
// tests feed it small sources that break the rule, so a check that silently stopped matching
// fails here.

const find = findRuntimeTemplates;
const check = checkRuntimeTemplates;

/** `n` lines of script, as a page script or an emitter's runtime part would be written. */
const script = (n: number) =>
  Array.from({ length: n }, (_, i) => (i === 0 ? 'function render(data) {' : `  var x${i} = data.rows[${i}];`)).join(
    '\n',
  );

describe('the runtime-template rule of `npm run lint`', () => {
  it('flags a String.raw script longer than the limit, at the template', () => {
    const source = `export const PAGE = 1;\nexport const SCRIPT = String.raw\`\n${script(MAX_LINES)}\n\`;\n`;
    expect(find('src/page.ts', source)).toEqual([
      'src/page.ts:2:33: a template string of 10 lines holds code (function); write runtime code as a module in packages/compiler/src/runtime/ (see docs/architecture.md, Runtime), or mark text that is not runtime code with "// runtime-template-allowed: <reason>"',
    ]);
  });

  it('flags arrows and declarations in templates with substitutions, nested ones included', () => {
    const arrows = Array.from({ length: MAX_LINES + 1 }, (_, i) => `rows.map((r) => r.cells[${i}]);`).join('\n');
    const decls = Array.from({ length: MAX_LINES + 1 }, (_, i) => `const v${i} = \${'x'};`).join('\n');
    const source = `const a = \`\n${arrows}\n\`;\nconst b = \`\${wrap(\`\n${decls}\n\`)}\`;\n`;
    expect(find('a.ts', source).map((p) => p.slice(0, p.indexOf(' holds')))).toEqual([
      'a.ts:1:11: a template string of 11 lines',
      'a.ts:12:19: a template string of 11 lines',
    ]);
  });

  it('leaves short snippets and long templates without code alone', () => {
    const short = `const s = \`\n${script(MAX_LINES - 2)}\n\`;\n`;
    const html = `const page = \`<!DOCTYPE html>\n${Array.from({ length: 20 }, (_, i) => `<p class="row-${i}">\${rows[${i}]}</p>`).join('\n')}\n\`;\n`;
    const css = `const style = \`\n${Array.from({ length: 20 }, (_, i) => `.c${i} { color: red; }`).join('\n')}\n\`;\n`;
    expect(find('ok.ts', short + html + css)).toEqual([]);
  });

  it('allows a marked template only with a reason', () => {
    const body = `\`\n${script(MAX_LINES + 2)}\n\``;
    expect(find('a.ts', `// runtime-template-allowed: declarations only, nothing runs\nconst d = ${body};\n`)).toEqual(
      [],
    );
    expect(find('b.ts', `const d = /* runtime-template-allowed: a usage example in a README */ ${body};\n`)).toEqual(
      [],
    );
    expect(find('c.ts', `// runtime-template-allowed:\nconst d = ${body};\n`)).toEqual([
      'c.ts:2:11: "runtime-template-allowed:" needs a reason',
    ]);
    // A marker two lines above is not this template's.
    expect(
      find('d.ts', `// runtime-template-allowed: something else\nconst x = 1;\nconst d = ${body};\n`),
    ).toHaveLength(1);
  });

  it('checks every package source and skips generated folders; the command fails with the findings', () => {
    const root = tempDir('permset-templates-');
    const files: Record<string, string> = {
      'packages/compiler/src/emit/page-script.ts': `export const S = \`\n${script(12)}\n\`;\n`,
      'packages/compiler/src/runtime/generated/page-text.ts': `export const S = \`\n${script(12)}\n\`;\n`,
      'packages/lsp/src/server/ok.ts': 'export const ok = `short`;\n',
    };
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    expect(check(root).map((p) => p.slice(0, p.indexOf(':', p.indexOf('.ts'))))).toEqual([
      'packages/compiler/src/emit/page-script.ts',
    ]);
    const run = spawnSync(process.execPath, [join(REPO, 'scripts/check-runtime-templates.mjs'), root], {
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(
      /^Runtime code in template strings:\n {2}packages\/compiler\/src\/emit\/page-script\.ts:1:18: a template string of 14 lines holds code \(function\)/,
    );
  });

  it('passes the repository as it is', () => {
    expect(check(REPO)).toEqual([]);
  });
});
