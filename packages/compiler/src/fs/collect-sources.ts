import type { Problem } from '../diagnostics/index.js';
import { makeProblem } from '../diagnostics/index.js';
import { DEFAULT_MAX_FILE_SIZE, fileTooLarge, type SourceInput } from '../load/load-file.js';
import type { FileSystem } from './file-system.js';

/** Options of {@link collectSources}. */
export interface CollectOptions {
  /** Stop after this many policy files (a runaway directory is reported, not loaded). */
  maxFiles?: number;
  /**
   * Files `stat` says are larger than this are reported as too large without being read (the
   * `load` stage's limit, checked early so a huge file never reaches memory). What is read is
   * checked again by `load`: a file may grow between `stat` and the read.
   */
  maxFileSize?: number;
}

const POLICY_FILE = /\.ya?ml$/i;
// Folders no one keeps policies in, and which can be huge or recursive.
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);

/**
 * Finds every `*.yaml` / `*.yml` file under `root` (or `root` itself if it is a file) and reads
 * it, in sorted order so every output is deterministic. Unreadable files, missing roots and link
 * loops become problems; nothing throws. Files keep their bytes: decoding is the `load` stage's.
 */
export function collectSources(
  fs: FileSystem,
  root: string,
  options: CollectOptions = {},
): { sources: SourceInput[]; problems: Problem[] } {
  const sources: SourceInput[] = [];
  const problems: Problem[] = [];
  const maxFiles = options.maxFiles ?? 50_000;
  const unreadable = (path: string, why: unknown) =>
    problems.push(makeProblem('file-unreadable', `Cannot read '${path}': ${reason(why)}`, { uri: path, span: [0, 0] }));

  let rootStat;
  try {
    rootStat = fs.stat(root);
  } catch (e) {
    unreadable(root, e);
    return { sources, problems };
  }
  if (!rootStat) {
    problems.push(makeProblem('file-unreadable', `'${root}' does not exist.`, { uri: root, span: [0, 0] }));
    return { sources, problems };
  }
  const files: string[] = [];
  if (rootStat.kind === 'file') {
    files.push(root);
  } else {
    const seen = new Set<string>();
    const stack = [root];
    while (stack.length > 0) {
      const dir = stack.pop()!;
      let entries;
      try {
        const real = fs.realPath(dir);
        if (seen.has(real)) continue; // a link back to a folder already walked
        seen.add(real);
        entries = fs.readDirectory(dir);
      } catch (e) {
        unreadable(dir, e);
        continue;
      }
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      const subdirs: string[] = [];
      for (const entry of entries) {
        const path = dir === '.' ? entry.name : `${dir.replace(/\/+$/, '')}/${entry.name}`;
        if (entry.kind === 'directory') {
          if (!SKIPPED_DIRS.has(entry.name)) subdirs.push(path);
        } else if (entry.kind === 'file' && POLICY_FILE.test(entry.name)) {
          files.push(path);
        }
      }
      // Depth-first in name order: push in reverse so the first name is walked first.
      for (let i = subdirs.length - 1; i >= 0; i--) stack.push(subdirs[i]!);
    }
  }
  files.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (files.length > maxFiles) {
    problems.push(
      makeProblem(
        'file-too-large',
        `'${root}' holds ${files.length} policy files, more than the limit of ${maxFiles}; only the first ${maxFiles} are checked.`,
        { uri: root, span: [0, 0] },
      ),
    );
    files.length = maxFiles;
  }
  const maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  for (const path of files) {
    try {
      const size = fs.stat(path)?.size ?? 0;
      if (size > maxFileSize) {
        problems.push(fileTooLarge(path, size, maxFileSize));
        continue;
      }
      sources.push({ uri: path, bytes: fs.readFile(path) });
    } catch (e) {
      unreadable(path, e);
    }
  }
  return { sources, problems };
}

function reason(e: unknown): string {
  const err = e as { code?: string; message?: string };
  if (err?.code === 'EACCES' || err?.code === 'EPERM') return 'permission denied.';
  if (err?.code === 'ELOOP') return 'too many levels of symbolic links.';
  if (err?.code === 'ENOENT') return 'it does not exist (a broken link?).';
  if (err?.code === 'EISDIR') return 'it is a directory.';
  return `${err?.message ?? String(e)}.`;
}
