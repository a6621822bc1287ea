import type { GitAccess } from '../project/index.js';
import { GitError, GitFileSystem, openRepository } from './git-file-system.js';

/** The use cases' git, through the git executable on PATH (`GitFileSystem`). */
export const NODE_GIT: GitAccess = {
  openRepository: (cwd) => openRepository(cwd),
  openRevision: (options) => GitFileSystem.open(options),
  isGitError: (e): e is Error => e instanceof GitError,
};
