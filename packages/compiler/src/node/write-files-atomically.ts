import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * Writes `files` into `dir` together or not at all: everything is written into a fresh
 * temporary folder next to `dir` (same file system, so renames are atomic), then each file is
 * renamed into place. If writing fails, nothing in `dir` has changed.
 */
export function writeFilesAtomically(dir: string, files: Readonly<Record<string, string>>): void {
  const target = resolve(dir);
  mkdirSync(dirname(target), { recursive: true });
  let staging: string;
  try {
    staging = mkdtempSync(join(dirname(target), `.${target.split(/[\\/]/).pop() ?? 'out'}.tmp-`));
  } catch (e) {
    // Name the folder that cannot be written, not mkdtemp's template (".out.tmp-XXXXXX").
    throw Object.assign(e as Error, { path: dirname(target), syscall: 'mkdir' });
  }
  try {
    for (const [name, content] of Object.entries(files)) {
      const path = join(staging, name);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, content);
    }
    mkdirSync(target, { recursive: true });
    for (const name of Object.keys(files)) {
      mkdirSync(dirname(join(target, name)), { recursive: true });
      renameSync(join(staging, name), join(target, name));
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
