import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { NodeFileSystem, writeFilesAtomically } from '../node/index.js';
import { exitQuietlyOnClosedPipe } from './closed-pipe.js';
import { main } from './main.js';
import { progressReporter } from './progress/progress-reporter.js';
import { setUpProcess } from './process-setup.js';

/**
 * Runs the `permset` command in this process with the real terminal, file system and
 * environment, and returns its exit status. The entry of the CLI bundle (the `bin` launcher
 * calls it) and of `bin.ts`.
 */
export async function runCli(args: string[]): Promise<number> {
  setUpProcess();
  exitQuietlyOnClosedPipe(process.stdout, process.stderr);
  return main(args, {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    cwd: process.cwd(),
    env: process.env,
    isTTY: process.stdout.isTTY === true,
    fs: new NodeFileSystem(),
    writeFile: (path, content) => {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, content);
    },
    writeFiles: (dir, files) => writeFilesAtomically(dir, files),
    appendFile: (path, content) => {
      mkdirSync(dirname(path), { recursive: true });
      appendFileSync(path, content);
    },
    progress: (command) => {
      const reporter = progressReporter(command, {
        stderr: process.stderr,
        env: process.env,
        now: () => performance.now(),
      });
      // An early exit (stdout closed by `| head`, an uncaught failure) must not leave the line drawn.
      process.once('exit', () => reporter.abort());
      // A closed stdout is reported a tick after the failed write and ends the process quietly: the
      // summary waits for that, so a reader that went away gets no summary either.
      return { ...reporter, finish: () => void setImmediate(() => reporter.finish()) };
    },
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
  });
}
