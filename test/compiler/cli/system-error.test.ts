import { describe, expect, it } from 'vitest';
import { main } from '../../../packages/compiler/src/cli/main.js';
import type { CliIO } from '../../../packages/compiler/src/cli/cli-io.js';
import { systemErrorMessage } from '../../../packages/compiler/src/cli/system-error.js';
import { NodeFileSystem } from '../../../packages/compiler/src/node/index.js';
import { REPO } from '../../helpers/cli.js';

const systemError = (code: string, syscall: string, path: string) =>
  Object.assign(new Error(`${code}: failed, ${syscall} '${path}'`), { code, syscall, path });

describe('file-system failures in the CLI', () => {
  it('says what could not be written and why, in words', () => {
    expect(systemErrorMessage(systemError('EEXIST', 'mkdir', '/out/report'))).toBe(
      "cannot write '/out/report': a file is in the way of a folder that is needed there",
    );
    expect(systemErrorMessage(systemError('EACCES', 'open', '/ro/ci.json'))).toBe(
      "cannot write '/ro/ci.json': permission denied",
    );
    expect(systemErrorMessage(systemError('ENOENT', 'scandir', '/gone'))).toBe(
      "cannot scandir '/gone': no such file or folder",
    );
    expect(systemErrorMessage(systemError('EWHATEVER', 'open', '/x'))).toBe(
      "cannot write '/x': EWHATEVER: EWHATEVER: failed, open '/x'",
    );
  });

  it('leaves other errors alone (they are bugs, reported as internal errors)', () => {
    expect(systemErrorMessage(new TypeError('x is undefined'))).toBeUndefined();
    expect(
      systemErrorMessage(Object.assign(new Error('parse'), { code: 'ERR_PARSE_ARGS_UNKNOWN_OPTION' })),
    ).toBeUndefined();
    expect(systemErrorMessage('EEXIST')).toBeUndefined();
  });

  it('ends `permset ci --json` into an unwritable path with that line and exit 2, not an internal error', async () => {
    let stderr = '';
    const io: CliIO = {
      stdout: () => undefined,
      stderr: (s) => (stderr += s),
      cwd: REPO,
      env: {},
      isTTY: false,
      fs: new NodeFileSystem(),
      writeFile: () => {
        throw systemError('ENOTDIR', 'open', '/tmp/a-file/ci.json');
      },
    };
    expect(await main(['ci', 'policies', '--json', '/tmp/a-file/ci.json'], io)).toBe(2);
    expect(stderr).toBe("permset ci: cannot write '/tmp/a-file/ci.json': a part of the path is a file, not a folder\n");
  });
});
