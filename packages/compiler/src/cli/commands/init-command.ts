import { relative, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { INIT_EXAMPLES, initProject, type InitExample } from '../../project/index.js';
import { ExitCode, UsageError } from '../cli-io.js';
import { defineCommand } from '../command-table.js';
import { systemErrorMessage } from '../system-error.js';

/** `permset init --help`. */
export const INIT_USAGE = `Usage: permset init [DIR] [options]

Starts permset in the project folder DIR (default: the current folder; created if missing):
  policies/                      a catalog with one area, two system sets (one extending the
                                 other), a custom set, a fragment, a guard, a TestSuite and
                                 the access-matrix snapshot
  .github/workflows/permset.yml  CI: check, test, SARIF, the access diff on pull requests
  .github/permset-allowlist.yaml intended access changes (empty)
  .vscode/                       the editor extension, and YAML schemas for editors without it

Options:
  --dir DIR                      The project folder, as an option (the same as DIR).
  --example starter|productive   starter (default), or the shipped Productive model's policies
  -h, --help                     Show this help.

Files already in DIR are kept: init never overwrites one. It writes nothing and exits 2 when a
file it would write exists, when DIR/policies already has files, or when DIR is inside a
policy folder. Exit status: 0 written, 2 nothing written.`;

/**
 * The templates ship with the package, next to its package.json: found by walking up from this
 * module, which is in src/cli/commands/, dist/cli/commands/ or the bundle's dist/bundle/.
 */
function templatesFolder(): string {
  let dir = new URL('./', import.meta.url);
  for (;;) {
    if (
      existsSync(fileURLToPath(new URL('package.json', dir))) &&
      existsSync(fileURLToPath(new URL('templates/', dir)))
    )
      return fileURLToPath(new URL('templates/', dir));
    const up = new URL('../', dir);
    if (up.href === dir.href)
      throw new Error("permset init: the package's templates/ folder is missing (a broken installation)");
    dir = up;
  }
}

/** `permset init`: scaffolds a project (see {@link initProject}). */
export const initCommand = defineCommand({
  name: 'init',
  synopsis: 'init [DIR]',
  summary: 'Start a project: policies, a CI workflow and editor settings (--example).',
  help: INIT_USAGE,
  dirAt: 0,
  defaultDir: '.',
  options: {
    example: { type: 'string', default: 'starter', choices: INIT_EXAMPLES },
  },
  run({ values, dir: folder, io }) {
    const dir = resolve(io.cwd, folder);
    const writeFiles = io.writeFiles;
    if (!writeFiles) throw new UsageError('this environment cannot write files');
    let result;
    try {
      result = initProject(
        { fs: io.fs, writeFiles },
        { dir, templates: templatesFolder(), example: values.example as InitExample },
      );
    } catch (e) {
      const system = systemErrorMessage(e);
      if (!system) throw e;
      io.stderr(`permset init: ${system}. Nothing was written.\n`);
      return ExitCode.Usage;
    }
    if (result.status === 'refused') {
      io.stderr(`permset init: ${result.message}\nNothing was written.\n`);
      return ExitCode.Usage;
    }
    const shown = relative(io.cwd, dir).replace(/\\/g, '/');
    io.stdout(
      `Wrote a permset project${shown === '' ? '' : ` in ${shown}`} (${values.example}):\n${result.files.map((f) => `  ${f}\n`).join('')}\n`,
    );
    io.stdout(
      'Next:\n' +
        (shown === '' ? '' : `  cd ${shown.includes(' ') ? JSON.stringify(shown) : shown}\n`) +
        '  npx permset check --max-warnings 0   # the policies, like a compiler\n' +
        '  npx permset test                     # the TestSuites and the access-matrix snapshot\n' +
        '  git add policies .github .vscode && git commit -m "Add permission policies"\n' +
        'Guide: https://github.com/permset/permset/blob/main/docs/adopting.md\n',
    );
    return ExitCode.Ok;
  },
});
