import { describe, expect, it } from 'vitest';
import { main } from '../../../../packages/compiler/src/cli/main.js';
import type { CliIO } from '../../../../packages/compiler/src/cli/cli-io.js';
import { NodeFileSystem } from '../../../../packages/compiler/src/node/index.js';
import { REPO } from '../../../helpers/cli.js';

/** Runs the CLI with a progress reporter that logs what the command does with it. */
async function run(args: string[]): Promise<{ code: number; log: string[] }> {
  const log: string[] = [];
  const io: CliIO = {
    stdout: () => void log.push('stdout'),
    stderr: () => void log.push('stderr'),
    cwd: REPO,
    env: {},
    isTTY: false,
    fs: new NodeFileSystem(),
    writeFiles: () => {},
    writeFile: () => {},
    progress: (command) => {
      log.push(`reporter ${command}`);
      return {
        onProgress: (p) =>
          void (log.at(-1)?.startsWith('progress')
            ? (log[log.length - 1] = `progress ${p.stage}`)
            : log.push(`progress ${p.stage}`)),
        beforeOutput: () => void log.push('beforeOutput'),
        finish: () => void log.push('finish'),
        abort: () => void log.push('abort'),
      };
    },
  };
  return { code: await main(args, io), log };
}

describe('the CLI reports the progress of build, diff, test and ci', () => {
  it('build: progress, the line erased before the output, finished once', async () => {
    const { code, log } = await run(['build', '--out', 'out']);
    expect(code).toBe(0);
    expect(log).toEqual(['reporter build', 'progress write', 'beforeOutput', 'stdout', 'finish']);
  });

  it('test, ci and diff get a reporter too; check, fmt and --version do not', async () => {
    for (const command of ['test', 'ci', 'diff']) {
      const { log } = await run(command === 'diff' ? ['diff', 'policies'] : [command]);
      expect(log[0]).toBe(`reporter ${command}`);
      expect(log.at(-1)).toBe('finish');
      expect(log.filter((l) => l === 'stdout' || l === 'stderr').length).toBe(
        log.filter((l) => l === 'beforeOutput').length,
      );
    }
    for (const args of [['check'], ['fmt', '--check'], ['--version']]) {
      expect((await run(args)).log.some((l) => l.startsWith('reporter'))).toBe(false);
    }
  });

  it('a usage error still finishes the reporter (which then prints nothing: no progress was made)', async () => {
    const { code, log } = await run(['build', '--frobnicate']);
    expect(code).toBe(2);
    expect(log).toEqual(['reporter build', 'beforeOutput', 'stderr', 'finish']);
  });
});
