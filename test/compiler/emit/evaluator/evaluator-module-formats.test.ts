import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportCedar } from '../../../../packages/compiler/src/emit/cedar/index.js';
import { REPO } from '../../../helpers/cli.js';
import { typeErrorsIn } from '../../../helpers/type-check.js';
import { evaluatorOfDir } from './evaluator-harness.js';

// The evaluator (and the Cedar helper) as `permset build` writes them, loaded as a user would:
// in a new project of `"type": "commonjs"` (what `npm init -y` writes) and of `"type": "module"`,
// with require and with import, and type-checked by TypeScript under module NodeNext, Bundler
// and CommonJS. The snippets are docs/evaluator.md's own ("Loading the evaluator").

const DOC = readFileSync(join(REPO, 'docs/evaluator.md'), 'utf8');
/** The code block after `<!-- tested: name -->` in the doc. */
function snippet(name: string): string {
  const match = new RegExp(`<!-- tested: ${name} -->\\n\`\`\`\\w+\\n([\\s\\S]*?)\`\`\``).exec(DOC);
  if (!match) throw new Error(`docs/evaluator.md has no snippet "${name}"`);
  return match[1]!;
}

let root: string;
const project = (type: 'commonjs' | 'module') => join(root, type);

beforeAll(async () => {
  const { model, files } = await evaluatorOfDir(REPO);
  const cedar = exportCedar(model).files;
  root = mkdtempSync(join(tmpdir(), 'permset-formats-'));
  for (const type of ['commonjs', 'module'] as const) {
    const dir = project(type);
    mkdirSync(join(dir, 'dist/cedar'), { recursive: true });
    // What `npm init -y` writes (npm 11), with the type under test.
    const manifest = {
      name: `app-${type}`,
      version: '1.0.0',
      main: 'index.js',
      scripts: { test: 'echo "Error: no test specified" && exit 1' },
      keywords: [],
      author: '',
      license: 'ISC',
      description: '',
      type,
    };
    writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'dist', name), text);
    for (const [name, text] of Object.entries(cedar)) writeFileSync(join(dir, 'dist/cedar', name), text);
  }
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function run(dir: string, file: string, code: string): string {
  writeFileSync(join(dir, file), code);
  return execFileSync(process.execPath, [file], { cwd: dir, encoding: 'utf8' }).trim();
}

// As in the doc's first example: `manager-restricted` sees a budget only as one of its members.
const DENY = "{ id: 'u1', set: 'manager-restricted' }, 'budgets.view', { type: 'budget', owner: 'u2', members: [] }";
const ALLOW =
  "{ id: 'u1', set: 'manager-restricted' }, 'budgets.view', { type: 'budget', owner: 'u2', members: ['u1'] }";

describe('the evaluator in a new project', () => {
  it('loads with require in a CommonJS project, as the doc shows', () => {
    expect(run(project('commonjs'), 'index.js', snippet('commonjs/index.js'))).toBe('true');
  });

  it('loads with import in an ES module project, as the doc shows', () => {
    expect(run(project('module'), 'index.js', snippet('module/index.js'))).toBe('true');
  });

  it('loads with import from an .mjs file of a CommonJS project, and with require from a .cjs file of an ES module project', () => {
    expect(run(project('commonjs'), 'index.mjs', snippet('module/index.js'))).toBe('true');
    expect(run(project('module'), 'index.cjs', snippet('commonjs/index.js'))).toBe('true');
  });

  it('gives named imports of the CommonJS file to an ES module, the same module as require', () => {
    const code = [
      "import { createRequire } from 'node:module';",
      "import { can, explain, SET_IDS, MODEL_HASH } from './dist/evaluator.cjs';",
      "import * as esm from './dist/evaluator.mjs';",
      "const required = createRequire(import.meta.url)('./dist/evaluator.cjs');",
      `console.log(can(${DENY}), explain(${DENY}).reason, required.can === can, SET_IDS.length === esm.SET_IDS.length, MODEL_HASH === esm.MODEL_HASH);`,
    ].join('\n');
    expect(run(project('module'), 'named.js', code)).toBe('false conditions-false true true true');
  });

  it('keeps evaluator.js working for ES module projects that import it', () => {
    const code = `import { can, explain } from './dist/evaluator.js';\nconsole.log(can(${ALLOW}), explain(${DENY}).reason);\n`;
    expect(run(project('module'), 'legacy.js', code)).toBe('true conditions-false');
  });

  it('exports the same names from the ES module and the CommonJS module', () => {
    const code =
      "import * as esm from './dist/evaluator.mjs';\nimport cjs from './dist/evaluator.cjs';\nconsole.log(JSON.stringify([Object.keys(esm).sort(), Object.keys(cjs).sort()]));\n";
    const [esm, cjs] = JSON.parse(run(project('module'), 'names.js', code)) as [string[], string[]];
    expect(cjs).toEqual(esm);
    expect(esm).toContain('can');
  });

  it('loads the Cedar helper both ways too', () => {
    const request = "({ id: 'u1', set: 'manager' }, 'budgets.view', { type: 'budget', id: 'b1' })";
    const required = run(
      project('commonjs'),
      'cedar.js',
      `const { toCedarRequest } = require('./dist/cedar/entities.cjs');\nconsole.log(JSON.stringify(toCedarRequest${request}.principal));\n`,
    );
    const imported = run(
      project('module'),
      'cedar.js',
      `import { toCedarRequest } from './dist/cedar/entities.mjs';\nconsole.log(JSON.stringify(toCedarRequest${request}.principal));\n`,
    );
    expect(JSON.parse(required)).toEqual({ type: 'Permset::User', id: 'u1' });
    expect(imported).toBe(required);
  });
});

describe('the declarations under each TypeScript module setting', () => {
  const settings: { row: string; type: 'commonjs' | 'module'; options: Record<string, string>; from: string[] }[] = [
    {
      row: '| `"module": "NodeNext"` in a `"type": "module"` package | `\'./dist/evaluator.mjs\'` (or `\'./dist/evaluator.js\'`) |',
      type: 'module',
      options: { module: 'NodeNext', moduleResolution: 'NodeNext' },
      from: ['./dist/evaluator.mjs', './dist/evaluator.js'],
    },
    {
      row: '| `"module": "NodeNext"` in a `"type": "commonjs"` package | `\'./dist/evaluator.cjs\'` |',
      type: 'commonjs',
      options: { module: 'NodeNext', moduleResolution: 'NodeNext' },
      from: ['./dist/evaluator.cjs'],
    },
    {
      row: '| `"module": "ESNext", "moduleResolution": "Bundler"` | `\'./dist/evaluator.mjs\'` (or `\'./dist/evaluator.js\'`) |',
      type: 'module',
      options: { module: 'ESNext', moduleResolution: 'Bundler' },
      from: ['./dist/evaluator.mjs', './dist/evaluator.js'],
    },
    {
      row: '| `"module": "CommonJS"` | `\'./dist/evaluator.cjs\'` |',
      type: 'commonjs',
      options: { module: 'CommonJS' },
      from: ['./dist/evaluator.cjs'],
    },
  ];

  it.each(settings)(
    "$options.module / $type: the doc's consumer type-checks, and a typo is an error",
    ({ row, type, options, from }) => {
      expect(DOC).toContain(row);
      const dir = project(type);
      const base = snippet('typescript');
      expect(base).toContain("from './dist/evaluator.cjs'");
      const files = from.map((specifier, i) => {
        const name = `consumer-${options.module}-${i}.ts`;
        writeFileSync(
          join(dir, name),
          `${base.replace("'./dist/evaluator.cjs'", `'${specifier}'`)}can(user, 'budgets.veiw', { type: 'budget' });\n`,
        );
        return name;
      });
      const errors = typeErrorsIn(dir, options, files);
      // Exactly the typo, once per consumer: the declarations were found and read.
      expect(errors).toHaveLength(files.length);
      for (const e of errors) expect(e).toMatch(/Argument of type '"budgets\.veiw"' is not assignable/);
    },
  );
});
