/**
 * The exit status after a reader closed the output early: 128 + SIGPIPE (13), what a shell
 * reports for `git log` or `grep` cut off by `| head -1`. Node ignores SIGPIPE, so without this
 * the failed write surfaces as an unhandled `EPIPE` error with a stack trace.
 */
export const CLOSED_PIPE_EXIT = 141;

/** A stream the CLI writes to, as far as this module needs it. */
export interface OutputStream {
  on(event: 'error', listener: (error: NodeJS.ErrnoException) => void): unknown;
}

/**
 * Makes a closed stdout or stderr end the process quietly, as `git` and `grep` do: no message
 * (the reader is gone, and what we would print is the reason nobody reads it), status
 * {@link CLOSED_PIPE_EXIT} (so `set -o pipefail` still sees that the command did not finish). Any
 * other write error ends it with one line on stderr and status 2. For the CLI's own process only.
 */
export function exitQuietlyOnClosedPipe(
  stdout: OutputStream,
  stderr: OutputStream,
  exit: (code: number) => never = (code) => process.exit(code),
  report: (line: string) => void = (line) => void process.stderr.write(line),
): void {
  const onError = (stream: 'stdout' | 'stderr') => (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') exit(CLOSED_PIPE_EXIT);
    if (stream === 'stdout') {
      try {
        report(`permset: cannot write the output: ${error.code ?? error.message}\n`);
      } catch {
        // stderr is gone too: the status says it
      }
    }
    exit(2);
  };
  stdout.on('error', onError('stdout'));
  stderr.on('error', onError('stderr'));
}
