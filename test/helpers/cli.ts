import { join } from 'node:path';
import { main } from '../../packages/compiler/src/cli/main.js';
import type { CliIO } from '../../packages/compiler/src/cli/cli-io.js';
import type { FileSystem } from '../../packages/compiler/src/fs/index.js';
import { NodeFileSystem } from '../../packages/compiler/src/node/index.js';

/** Runs the CLI in-process and captures what it prints. */
export async function runCli(
  args: string[],
  options: {
    cwd: string;
    env?: Record<string, string>;
    isTTY?: boolean;
    fs?: FileSystem;
    files?: Map<string, string | Uint8Array>;
    appendFile?: (path: string, content: string) => void;
  },
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    cwd: options.cwd,
    env: options.env ?? {},
    isTTY: options.isTTY ?? false,
    fs: options.fs ?? new NodeFileSystem(),
    writeFile: (path, content) => options.files?.set(path, content),
    ...(options.appendFile ? { appendFile: options.appendFile } : {}),
    writeFiles: (dir, files) => {
      for (const [name, content] of Object.entries(files)) options.files?.set(`${dir}/${name}`, content);
    },
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

/** The repository root. */
export const REPO = join(import.meta.dirname, '..', '..');
