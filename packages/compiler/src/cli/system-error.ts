/**
 * A failed file-system call (writing a report into a path whose parent is a file, a read-only
 * disk, …) as one line a user can act on, or `undefined` when `e` is not such an error. These
 * are the user's environment, not a bug, so they are not printed as internal errors.
 */
export function systemErrorMessage(e: unknown): string | undefined {
  if (typeof e !== 'object' || e === null) return undefined;
  const { code, syscall, path } = e as { code?: unknown; syscall?: unknown; path?: unknown };
  if (typeof code !== 'string' || !/^E[A-Z]+$/.test(code) || typeof syscall !== 'string') return undefined;
  const reason = REASONS[code] ?? `${code}: ${(e as Error).message}`;
  const where = typeof path === 'string' ? ` '${path}'` : '';
  const verb = WRITES.has(syscall) ? `cannot write${where}` : `cannot ${syscall}${where}`;
  return `${verb}: ${reason}`;
}

const WRITES = new Set(['open', 'write', 'mkdir', 'rename', 'copyfile', 'unlink', 'rmdir', 'rm', 'fsync', 'close']);

const REASONS: Record<string, string> = {
  EEXIST: 'a file is in the way of a folder that is needed there',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'it is a folder',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  ENOENT: 'no such file or folder',
  ENAMETOOLONG: 'the name is too long',
  EMFILE: 'too many open files',
};
