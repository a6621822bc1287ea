import { diffModels, removalLookup, renderDiffMarkdown, type CompileResult, type DiffSide, type FileSystem, type PolicyDiff, type PolicyModel } from '@permset/compiler';
import { GitError, GitFileSystem, openRepository } from '@permset/compiler/node';

/** A git revision read as a file system (the compiler's `GitFileSystem`). */
export interface GitRevision extends FileSystem {
  readonly repository: { root: string };
  /** The tree id the revision names: it identifies the policies' content exactly. */
  readonly tree: string;
  /** "main (3f1b07e)". */
  readonly label: string;
}

/**
 * What `permset/diff` needs from the compiler's diff module and git reader. An interface (with
 * {@link COMPILER_DIFF_TOOLKIT} as the one implementation the server uses) so a test can stand
 * in for git, e.g. to check how a missing git binary is reported.
 */
export interface DiffToolkit {
  openRepository(cwd: string): { root: string };
  openRevision(options: { cwd: string; revision: string; under?: string }): GitRevision;
  /** Git's own failures (a bad revision, no repository, no git): their messages are for people. */
  isGitError(e: unknown): e is Error;
  /** `diffModels` with removals attributed from HEAD's compilation, and its Markdown report. */
  diff(base: PolicyModel | undefined, head: PolicyModel, options: { base: DiffSide; head: DiffSide; headResult: CompileResult; fileName: (uri: string) => string }): { diff: PolicyDiff; markdown: string };
}

/** The compiler's `diffModels`/`renderDiffMarkdown` and its git reader (`permset diff`'s own). */
export const COMPILER_DIFF_TOOLKIT: DiffToolkit = {
  openRepository: (cwd) => openRepository(cwd),
  openRevision: (options) => GitFileSystem.open(options),
  isGitError: (e): e is Error => e instanceof GitError,
  diff: (base, head, { base: baseSide, head: headSide, headResult, fileName }) => {
    const diff = diffModels(base, head, { base: baseSide, head: headSide, removals: removalLookup(headResult, fileName) });
    return { diff, markdown: renderDiffMarkdown(diff) };
  },
};
