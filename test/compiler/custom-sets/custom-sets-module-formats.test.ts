import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO } from '../../helpers/cli.js';
import { typeErrorsIn } from '../../helpers/type-check.js';

// custom-sets as `permset build` writes it, loaded as a user would, the way the evaluator's own
// module-format test does (test/compiler/emit/evaluator/evaluator-module-formats.test.ts): in new projects
// of `"type": "commonjs"` and `"type": "module"`, with require and with import, and type-checked
// under module NodeNext, Bundler and CommonJS. Each form must use the evaluator of its own form,
// so a tenant and the application's can() share one evaluator instance.

const BIN = join(REPO, 'packages/compiler/dist/cli/bin.js');
const DOC = readFileSync(join(REPO, 'docs/custom-sets.md'), 'utf8');

function snippet(name: string): string {
  const match = new RegExp(`<!-- tested: ${name} -->\\n\`\`\`\\w+\\n([\\s\\S]*?)\`\`\``).exec(DOC);
  if (!match) throw new Error(`docs/custom-sets.md has no snippet "${name}"`);
  return match[1]!;
}

let root: string;
const project = (type: 'commonjs' | 'module') => join(root, type);

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'permset-custom-sets-formats-'));
  execFileSync(process.execPath, [BIN, 'build', join(REPO, 'policies'), '--out', join(root, 'dist')], { cwd: root });
  for (const type of ['commonjs', 'module'] as const) {
    const dir = project(type);
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ name: `app-${type}`, version: '1.0.0', main: 'index.js', license: 'ISC', type }, null, 2) + '\n',
    );
    cpSync(join(root, 'dist'), join(dir, 'dist'), { recursive: true });
  }
}, 120_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

function run(dir: string, file: string, code: string): string {
  writeFileSync(join(dir, file), code);
  return execFileSync(process.execPath, ['--disallow-code-generation-from-strings', file], {
    cwd: dir,
    encoding: 'utf8',
  }).trim();
}

const DEFINITION =
  "[{ id: 'regional-lead', name: 'Regional lead', extends: 'staff', grants: { 'deals.view': 'member' } }]";
const MEMBER = "{ id: 'u1', set: 'regional-lead' }, 'deals.view', { type: 'deal', owner: 'u2', members: ['u1'] }";
const OUTSIDER = "{ id: 'u1', set: 'regional-lead' }, 'deals.view', { type: 'deal', owner: 'u2', members: [] }";
/** Prints the run-time set's two decisions and whether the tenant's evaluator is `evaluator`'s. */
const PROBE = `const t = withCustomSets(${DEFINITION});\nconsole.log(t.ok, t.can(${MEMBER}), t.can(${OUTSIDER}), t.permissionsOf('staff') === evaluator.permissionsOf('staff'));\n`;

describe('custom-sets in a new project', () => {
  it("the doc's CommonJS snippet runs as written (require in a CommonJS project)", () => {
    const code = snippet('custom-sets commonjs');
    expect(code).toContain("require('./dist/custom-sets.cjs')");
    expect(run(project('commonjs'), 'index.js', code)).toBe('true');
  });

  it('custom-sets.cjs requires evaluator.cjs: with require, from a CommonJS project and from a .cjs file of an ES module project', () => {
    const code = `const { withCustomSets } = require('./dist/custom-sets.cjs');\nconst evaluator = require('./dist/evaluator.cjs');\n${PROBE}`;
    expect(run(project('commonjs'), 'probe.js', code)).toBe('true true false true');
    expect(run(project('module'), 'probe.cjs', code)).toBe('true true false true');
  });

  it('custom-sets.mjs imports evaluator.mjs: with import, from an ES module project and from an .mjs file of a CommonJS project', () => {
    const code = `import { withCustomSets } from './dist/custom-sets.mjs';\nimport * as evaluator from './dist/evaluator.mjs';\n${PROBE}`;
    expect(run(project('module'), 'probe.js', code)).toBe('true true false true');
    expect(run(project('commonjs'), 'probe.mjs', code)).toBe('true true false true');
  });

  it('custom-sets.js imports evaluator.js (ES module projects that already import it)', () => {
    const code = `import { withCustomSets } from './dist/custom-sets.js';\nimport * as evaluator from './dist/evaluator.js';\n${PROBE}`;
    expect(run(project('module'), 'legacy.js', code)).toBe('true true false true');
  });

  it('gives the named export of the CommonJS file to an ES module, the same function as require', () => {
    const code = [
      "import { createRequire } from 'node:module';",
      "import { withCustomSets } from './dist/custom-sets.cjs';",
      "import * as esm from './dist/custom-sets.mjs';",
      "import cjs from './dist/custom-sets.cjs';",
      "const required = createRequire(import.meta.url)('./dist/custom-sets.cjs');",
      'console.log(required.withCustomSets === withCustomSets, JSON.stringify(Object.keys(esm)), JSON.stringify(Object.keys(cjs)));',
    ].join('\n');
    expect(run(project('module'), 'named.js', code)).toBe('true ["withCustomSets"] ["withCustomSets"]');
  });
});

describe('the custom-sets declarations under each TypeScript module setting', () => {
  const settings: { type: 'commonjs' | 'module'; options: Record<string, string>; from: string[] }[] = [
    {
      type: 'module',
      options: { module: 'NodeNext', moduleResolution: 'NodeNext' },
      from: ['./dist/custom-sets.mjs', './dist/custom-sets.js'],
    },
    {
      type: 'commonjs',
      options: { module: 'NodeNext', moduleResolution: 'NodeNext' },
      from: ['./dist/custom-sets.cjs'],
    },
    {
      type: 'module',
      options: { module: 'ESNext', moduleResolution: 'Bundler' },
      from: ['./dist/custom-sets.mjs', './dist/custom-sets.js'],
    },
    { type: 'commonjs', options: { module: 'CommonJS' }, from: ['./dist/custom-sets.cjs'] },
  ];

  it.each(settings)(
    '$options.module / $type: a consumer type-checks, and a wrong scope and a typo are errors',
    ({ type, options, from }) => {
      const dir = project(type);
      const files = from.map((specifier, i) => {
        const name = `consumer-${options.module}-${options.moduleResolution ?? 'default'}-${i}.ts`;
        const code = [
          `import { withCustomSets, type CustomSetDefinition } from '${specifier}';`,
          "const def: CustomSetDefinition = { id: 'regional-lead', name: 'Regional lead', extends: 'staff', grants: { 'deals.view': 'member' } };",
          "export const ok: boolean = withCustomSets([def]).can({ id: 'u1', set: 'regional-lead' }, 'deals.view', { type: 'deal', owner: 'u2', members: ['u1'] });",
          "export const bad: CustomSetDefinition = { id: 'x', name: 'X', extends: 'staff', grants: { 'deals.view': 'own' } };",
          "withCustomSets([def]).can({ id: 'u1', set: 'regional-lead' }, 'deals.veiw', { type: 'deal' });",
          '',
        ].join('\n');
        writeFileSync(join(dir, name), code);
        return name;
      });
      const errors = typeErrorsIn(dir, options, files);
      // Exactly the wrong scope (line 4) and the typo (line 5), once per consumer: the declarations
      // and the evaluator's types they import were found and read.
      expect(errors).toHaveLength(2 * files.length);
      for (const name of files) {
        expect(errors.filter((e) => e.startsWith(`${name}:4 `))).toHaveLength(1);
        expect(errors.filter((e) => e.startsWith(`${name}:5 `))).toEqual([expect.stringMatching(/'"deals\.veiw"'/)]);
      }
    },
  );
});
