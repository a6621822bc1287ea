import { compareDiagnostics, toDiagnostic, type Problem } from '../diagnostics/index.js';
import { collectSources, renamedSubtree, type FileSystem } from '../fs/index.js';
import type { SourceInput } from '../load/index.js';
import type { CompileResult } from '../program/index.js';

/** The policy files of a folder, read but not compiled. */
export interface PolicyFolder {
  /** The name the folder's files are named under ("policies", "../shared", a `file://` URI's path). */
  root: string;
  sources: SourceInput[];
  /** Files that could not be read, too large, too many (from `collectSources`). */
  problems: Problem[];
  /**
   * The folder itself could not be read (it does not exist, is not a folder, or cannot be
   * listed) and gave no file: it then has no catalog either, and saying so as well would only
   * repeat the first problem in vaguer words.
   */
  unreadable: boolean;
}

/**
 * Reads every policy file under the folder `path` of `fs`, naming the files under `root`
 * (default `path`): `root/sets/x.yaml` reads `path/sets/x.yaml`. The CLI names files relative to
 * the working directory, `permset diff` names a git revision's files as the working tree does.
 */
export function readPolicyFolder(fs: FileSystem, path: string, root: string = path): PolicyFolder {
  const collected = collectSources(root === path ? fs : renamedSubtree(fs, root, path), root);
  const unreadable = collected.sources.length === 0 && collected.problems.some((p) => p.uri === root);
  return { root, sources: collected.sources, problems: collected.problems, unreadable };
}

/**
 * A compilation of a folder's files with the folder's own problems added (as diagnostics, in
 * order), and without `missing-catalog` when the folder could not be read at all. Every caller
 * that compiles a folder (the CLI, `permset diff`'s sides, the language server's workspace)
 * goes through here, so they report the same folder the same way.
 */
export function withFolderProblems(
  result: CompileResult,
  folder: Pick<PolicyFolder, 'problems' | 'unreadable'>,
): CompileResult {
  if (folder.problems.length === 0) return result;
  const kept = folder.unreadable ? result.diagnostics.filter((d) => d.code !== 'missing-catalog') : result.diagnostics;
  const extra = folder.problems.map((p) => toDiagnostic(p, (uri) => result.files.get(uri)));
  const diagnostics = [...extra, ...kept].sort(compareDiagnostics);
  return { ...result, diagnostics, hasErrors: diagnostics.some((d) => d.severity === 1) };
}
