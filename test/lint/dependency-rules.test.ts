import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-dir.js';

// `npm run lint` runs dependency-cruiser with .dependency-cruiser.cjs over the real sources, which
// pass. These tests run the same configuration over small trees that break each rule, so a rule
// that silently stopped matching (a renamed folder, a wrong regular expression) fails here.

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
  cycle?: { name: string }[];
}

const CONFIG = join(REPO, '.dependency-cruiser.cjs');
const DEPCRUISE = join(REPO, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

/** Writes `files` (path → source) into a fresh folder and returns what the cruiser reports. */
function cruise(files: Record<string, string>): Violation[] {
  const root = tempDir('permset-deps-');
  writeFileSync(
    join(root, 'tsconfig.base.json'),
    JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true } }),
  );
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  let out: string;
  try {
    out = execFileSync(process.execPath, [DEPCRUISE, 'packages', '--config', CONFIG, '--output-type', 'json'], {
      cwd: root,
      encoding: 'utf8',
    });
  } catch (e) {
    // The cruiser exits non-zero when it finds errors; its report is still on stdout.
    out = (e as { stdout: string }).stdout;
  }
  const report = JSON.parse(out) as { summary: { violations: Violation[] } };
  return report.summary.violations;
}

const brief = (v: Violation) => `${v.rule.name}: ${v.from} -> ${v.to}`;

describe('the dependency rules of `npm run lint`', () => {
  it('passes a tree whose stages import only earlier stages', () => {
    expect(
      cruise({
        'packages/compiler/src/load/load-file.ts': 'export const load = 1;\n',
        'packages/compiler/src/resolve/resolver.ts':
          "import { load } from '../load/load-file.js';\nexport const resolved = load;\n",
        'packages/compiler/src/check/checker.ts':
          "import { resolved } from '../resolve/resolver.js';\nexport const checked = resolved;\n",
      }),
    ).toEqual([]);
  });

  it('fails on an import cycle, type-only imports included', () => {
    const violations = cruise({
      'packages/compiler/src/emit/a.ts': "import type { B } from './b.js';\nexport interface A { b?: B }\n",
      'packages/compiler/src/emit/b.ts': "import type { A } from './a.js';\nexport interface B { a?: A }\n",
    });
    // One violation per cycle, with the whole loop.
    expect(violations.map(brief)).toEqual([
      'no-circular: packages/compiler/src/emit/a.ts -> packages/compiler/src/emit/b.ts',
    ]);
    expect(violations[0]!.cycle!.map((m) => m.name)).toEqual([
      'packages/compiler/src/emit/b.ts',
      'packages/compiler/src/emit/a.ts',
    ]);
  });

  it('fails on an import from a later stage (resolve reading check, policy-model reading diff)', () => {
    const violations = cruise({
      'packages/compiler/src/check/checker.ts': 'export const checked = 1;\n',
      'packages/compiler/src/resolve/resolver.ts':
        "import { checked } from '../check/checker.js';\nexport const resolved = checked;\n",
      'packages/compiler/src/diff/removals.ts': 'export const removals = 1;\n',
      'packages/compiler/src/policy-model/model.ts':
        "import { removals } from '../diff/removals.js';\nexport const model = removals;\n",
    });
    expect(violations.map(brief).sort()).toEqual([
      'stage-direction-policy-model: packages/compiler/src/policy-model/model.ts -> packages/compiler/src/diff/removals.ts',
      'stage-direction-resolve: packages/compiler/src/resolve/resolver.ts -> packages/compiler/src/check/checker.ts',
    ]);
  });

  it('fails on a folder with no place in the stage order, on I/O in the core, on a runtime that imports the compiler, on the LSP reading compiler sources', () => {
    const violations = cruise({
      'packages/compiler/src/load/load-file.ts': 'export const load = 1;\n',
      'packages/compiler/src/misc/helper.ts':
        "import { load } from '../load/load-file.js';\nexport const helper = load;\n",
      'packages/compiler/src/emit/write.ts':
        "import { writeFileSync } from 'node:fs';\nexport const write = writeFileSync;\n",
      'packages/compiler/src/runtime/evaluate.ts':
        "import { load } from '../load/load-file.js';\nexport const evaluate = load;\n",
      'packages/lsp/src/server/hover.ts':
        "import { load } from '../../../compiler/src/load/load-file.js';\nexport const hover = load;\n",
    });
    expect(violations.map(brief).sort()).toEqual([
      'lsp-uses-the-public-api: packages/lsp/src/server/hover.ts -> packages/compiler/src/load/load-file.ts',
      // The cruiser names Node's built-ins without the `node:` prefix.
      'no-io-in-the-core: packages/compiler/src/emit/write.ts -> fs',
      'runtime-is-standalone: packages/compiler/src/runtime/evaluate.ts -> packages/compiler/src/load/load-file.ts',
      'stage-folder-is-placed: packages/compiler/src/misc/helper.ts -> packages/compiler/src/load/load-file.ts',
    ]);
  });
});
