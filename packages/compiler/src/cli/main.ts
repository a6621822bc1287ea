import { ExitCode, UsageError, type CliIO } from './cli-io.js';
import { runCommand, type Command } from './command-table.js';
import { COMMANDS, loadCommands } from './commands/index.js';
import type { ProgressReporter } from './progress/progress-reporter.js';
import { systemErrorMessage } from './system-error.js';
import { VERSION } from '../version.js';

export { VERSION };

/** `permset --help`: the commands, from the command table. */
export function overview(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.synopsis.length)) + 2;
  return `Usage: permset <command> [options]

Commands:
${commands.map((c) => `  ${c.synopsis.padEnd(width)}${c.summary}`).join('\n')}

Every command reads the policy folder DIR (default: policies), given as an argument or as
--dir DIR. Run 'permset <command> --help' for a command's options.`;
}

/**
 * Runs the CLI on `argv` (without `node` and the script) and returns the exit status. A usage
 * error prints its message and where to find the command's help, and returns 2; any unexpected
 * error is reported as an internal error without a stack trace (set PERMSET_DEBUG=1 to see one)
 * and returns 2 as well.
 */
export async function main(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    io.stdout(overview(await loadCommands()) + '\n');
    return name === undefined ? ExitCode.Usage : ExitCode.Ok;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`permset ${VERSION}\n`);
    return ExitCode.Ok;
  }
  const entry = COMMANDS.find((c) => c.name === name);
  if (!entry) {
    io.stderr(`permset: unknown command '${name}'.\nRun 'permset --help' for the commands.\n`);
    return ExitCode.Usage;
  }
  const reporter = PROGRESS_COMMANDS.has(name) ? io.progress?.(name) : undefined;
  if (reporter) io = withProgress(io, reporter);
  try {
    return await runCommand(await entry.load(), rest, io);
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`permset ${name}: ${(e as Error).message}\nRun 'permset ${name} --help' for the options.\n`);
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
  } finally {
    reporter?.finish();
  }
}

/** The command's I/O with its progress reported, and the progress line erased before any output. */
function withProgress(io: CliIO, reporter: ProgressReporter): CliIO {
  return {
    ...io,
    onProgress: reporter.onProgress,
    stdout: (text) => {
      reporter.beforeOutput();
      io.stdout(text);
    },
    stderr: (text) => {
      reporter.beforeOutput();
      io.stderr(text);
    },
  };
}

/** The commands that can run long enough to show their progress (issue 15 item 9). */
const PROGRESS_COMMANDS: ReadonlySet<string> = new Set(['build', 'diff', 'test', 'ci']);
