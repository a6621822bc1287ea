import type { FileSystem } from '../fs/index.js';
import type { OnProgress } from '../program/index.js';

/**
 * What a use case may touch outside the compiler, injected by its caller (the CLI passes the
 * Node file system and git, the language server its workspace's, tests an in-memory one). The
 * use cases themselves do no I/O: every read, write and git call goes through here.
 */
export interface ProjectHost {
  /** The folder relative paths are read from; files are named relative to it. */
  cwd: string;
  fs: FileSystem;
  /** Writes a file, creating folders (the snapshot of `permset test --update-snapshot`). */
  writeFile?(path: string, content: string | Uint8Array): void;
  /** Writes a set of files into a folder all together or not at all (`permset build`). */
  writeFiles?(dir: string, files: Readonly<Record<string, string>>): void;
  /**
   * Told what a long use case is doing (stage, units done of total), between units of work:
   * the CLI shows it on a terminal. Leave it out to ignore it.
   */
  onProgress?: OnProgress;
}

/** The repository around a folder, as git reports it. */
export interface RepositoryInfo {
  /** The top-level folder (absolute, as git prints it). */
  root: string;
  /** The working directory relative to `root`, `/`-separated, "" at the top. */
  prefix: string;
}

/** A git revision read as a file system (paths relative to the repository root). */
export interface GitRevision extends FileSystem {
  readonly repository: { root: string };
  /** The tree id the revision names: it identifies the policies' content exactly. */
  readonly tree: string;
  /** "main (3f1b07e)". */
  readonly label: string;
}

/**
 * How use cases read git: the repository around a folder and a revision's tree. The Node
 * implementation is `NODE_GIT` (`@permset/compiler/node`), which runs the git executable; a
 * test can stand in for it (a missing git, say).
 */
export interface GitAccess {
  openRepository(cwd: string): RepositoryInfo;
  openRevision(options: { cwd: string; revision: string; under?: string }): GitRevision;
  /** Git's own failures (a bad revision, no repository, no git): their messages are for people. */
  isGitError(e: unknown): e is Error;
}

/**
 * A problem with what a use case was asked to read (a malformed allowlist, a gate that can
 * never trip, nowhere to write): its message is for people, and callers show it as it is (the
 * CLI exits 2, the language server answers "invalid params").
 */
export class ProjectInputError extends Error {
  override readonly name = 'ProjectInputError';
}
