import { isAbsolute, posix, relative } from 'node:path';
import type { FileSystem } from '../fs/index.js';
import { ProjectInputError, type GitAccess, type GitRevision, type RepositoryInfo } from './project-host.js';

/** The policy folder asked for lies outside the git repository, so no revision holds it. */
export class OutsideRepositoryError extends ProjectInputError {
  constructor(
    /** The folder as it was given. */
    readonly folder: string,
    readonly repositoryRoot: string,
  ) {
    super(`the policy folder '${folder}' is outside the git repository at ${repositoryRoot}`);
  }
}

/** A policy folder in a git revision, read from git's objects (no checkout). */
export interface RevisionFolder {
  revision: GitRevision;
  /** The folder's path inside the repository ("" for the top). */
  inRepo: string;
  /** Whether the revision has anything at that path. */
  exists: boolean;
  /** Identifies the folder's content exactly (repository, tree id, path): a cache key. */
  key: string;
}

/** Options of {@link openRevisionFolder}. */
export interface RevisionFolderOptions {
  /** Any revision git understands: a branch, a tag, `HEAD~2`, a commit. */
  revision: string;
  /** The policy folder: relative to `cwd` (the same path inside the repository), or absolute. */
  dir: string;
  /** The working directory: where the repository is found from, and what `dir` is relative to. */
  cwd: string;
  /** Find the repository from this folder instead of `cwd` (the language server: the policy folder). */
  repositoryAt?: string;
}

/**
 * Opens the policy folder `dir` as revision `revision` has it. Throws git's own error (see
 * {@link GitAccess.isGitError}) for a revision git cannot give, and {@link OutsideRepositoryError}
 * when the folder is not inside the repository.
 */
export function openRevisionFolder(git: GitAccess, fs: FileSystem, options: RevisionFolderOptions): RevisionFolder {
  const repo = git.openRepository(options.repositoryAt ?? options.cwd);
  const inRepo = repositoryPath(repo, fs, options.dir);
  const revision = git.openRevision({
    cwd: repo.root,
    revision: options.revision,
    ...(inRepo ? { under: inRepo } : {}),
  });
  const exists = revision.stat(inRepo) !== undefined;
  return { revision, inRepo, exists, key: `${repo.root}\u0000${revision.tree}\u0000${inRepo}` };
}

/**
 * `dir` as a path inside the repository. A relative `dir` is read from the working directory's
 * place in the repository (which git told us), so it may exist only in the revision; an absolute
 * one is compared with links resolved, as git names the repository's root.
 */
function repositoryPath(repo: RepositoryInfo, fs: FileSystem, dir: string): string {
  let rel: string;
  if (isAbsolute(dir)) {
    rel = relative(repo.root, realPath(fs, dir)).replace(/\\/g, '/');
  } else rel = posix.normalize(posix.join(repo.prefix, dir.replace(/\\/g, '/')));
  rel = rel.replace(/\/+$/, '');
  if (rel === '.' || rel === '') return '';
  if (rel === '..' || rel.startsWith('../') || isAbsolute(rel)) throw new OutsideRepositoryError(dir, repo.root);
  return rel;
}

function realPath(fs: FileSystem, path: string): string {
  try {
    return fs.realPath(path).replace(/\\/g, '/');
  } catch {
    // The folder may exist only in the revision; compare the path as written.
    return path;
  }
}
