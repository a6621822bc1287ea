import { isAbsolute, relative, resolve } from 'node:path';

/**
 * A folder as use cases name it in their results (and as the loader names the files under it):
 * relative to `cwd` when inside it, absolute otherwise, `/`-separated. Two runs from the same
 * folder name the same file the same way, which diffs and snapshots rely on.
 */
export function displayPath(cwd: string, dir: string): string {
  const abs = resolve(cwd, dir);
  const rel = relative(cwd, abs);
  const shown = rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? abs : rel;
  return shown.replace(/\\/g, '/');
}

/**
 * The policy folder as its files are named in diagnostics: relative to `cwd`, also outside it
 * (`../other/policies`), as the spec's `file` is; absolute only when no relative path exists
 * (another drive on Windows).
 */
export function policyRootName(cwd: string, dir: string): string {
  const abs = resolve(cwd, dir);
  const rel = relative(cwd, abs);
  return (rel === '' ? '.' : isAbsolute(rel) ? abs : rel).replace(/\\/g, '/');
}

/** `path` (relative to `cwd`, or absolute) as an absolute path. */
export function absolutePath(cwd: string, path: string): string {
  return isAbsolute(path) ? path : resolve(cwd, path);
}
