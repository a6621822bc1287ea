import { buildCommand, BUILD_USAGE } from './commands/build-command.js';
import { checkCommand, CHECK_USAGE } from './commands/check-command.js';
import { ciCommand, CI_USAGE } from './commands/ci-command.js';
import { diffCommand, DIFF_USAGE } from './commands/diff-command.js';
import { explainCommand, EXPLAIN_USAGE } from './commands/explain-command.js';
import { previewCommand, PREVIEW_USAGE } from './commands/preview-command.js';
import { testCommand, TEST_USAGE } from './commands/test-command.js';
import { fmtCommand, FMT_USAGE } from './commands/fmt-command.js';
import { matrixCommand, MATRIX_USAGE } from './commands/matrix-command.js';
import { initCommand, INIT_USAGE } from './commands/init-command.js';
import { ExitCode, UsageError, type CliIO } from './cli-io.js';

import { systemErrorMessage } from './system-error.js';
import { VERSION } from '../version.js';

export { VERSION };

const USAGE = `Usage: permset <command> [options]

Commands:
  init [DIR]      Start a project: policies, a CI workflow and editor settings (--example).
  check [DIR]     Validate and check the policies in DIR (default: policies).
  build [DIR]     Check, then write the evaluator and the access-matrix reports (--out DIR).
  matrix [DIR]    Print the access matrix (--format md|html|csv|json, --sets a,b).
  fmt [DIR]       Format the policy files in DIR canonically (--check for CI).
  explain SET PERMISSION   Explain a decision: the granting chain, each condition, what is missing.
  preview SET     What a user with the set can do, by area, in plain words ("Try it out").
  test [DIR]      Run the TestSuites and the access-matrix snapshot (--coverage, --update-snapshot).
  diff BASE [HEAD]  Compare effective access between git revisions or directories (gates for CI).
  ci [DIR]        check + test (+ diff --base REV) with JSON, JUnit, SARIF and GitHub outputs.

Run 'permset <command> --help' for a command's options.`;

type Command = (args: string[], io: CliIO) => number | Promise<number>;

const COMMANDS: Record<string, { run: Command; usage: string }> = {
  init: { run: initCommand, usage: INIT_USAGE },
  check: { run: checkCommand, usage: CHECK_USAGE },
  build: { run: buildCommand, usage: BUILD_USAGE },
  matrix: { run: matrixCommand, usage: MATRIX_USAGE },
  fmt: { run: fmtCommand, usage: FMT_USAGE },
  explain: { run: explainCommand, usage: EXPLAIN_USAGE },
  preview: { run: previewCommand, usage: PREVIEW_USAGE },
  test: { run: testCommand, usage: TEST_USAGE },
  diff: { run: diffCommand, usage: DIFF_USAGE },
  ci: { run: ciCommand, usage: CI_USAGE },
};

/**
 * Runs the CLI on `argv` (without `node` and the script) and returns the exit status. Usage
 * errors print the command's usage and return 2; any unexpected error is reported as an internal
 * error without a stack trace (set PERMSET_DEBUG=1 to see one) and returns 2 as well.
 */
export async function main(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    io.stdout(USAGE + '\n');
    return name === undefined ? ExitCode.Usage : ExitCode.Ok;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`permset ${VERSION}\n`);
    return ExitCode.Ok;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr(`permset: unknown command '${name}'.\n\n${USAGE}\n`);
    return ExitCode.Usage;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`permset ${name}: ${(e as Error).message}\n\n${command.usage}\n`);
      return ExitCode.Usage;
    }
    const system = systemErrorMessage(e);
    if (system) {
      io.stderr(`permset ${name}: ${system}\n`);
      return ExitCode.Usage;
    }
    io.stderr(`permset ${name}: internal error: ${(e as Error).message ?? String(e)}\n`);
    if (io.env['PERMSET_DEBUG']) io.stderr(`${(e as Error).stack ?? ''}\n`);
    return ExitCode.Usage;
  }
}
