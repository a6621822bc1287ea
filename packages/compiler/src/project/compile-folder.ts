import { compile, type CompileResult } from '../program/index.js';
import { absolutePath, policyRootName } from './display-path.js';
import { readPolicyFolder, withFolderProblems } from './policy-folder.js';
import type { ProjectHost } from './project-host.js';

/** A policy folder compiled: what `check`, `build`, `test` and every other command start from. */
export interface FolderCompilation {
  /** The folder as its files are named: relative to the host's `cwd` ("policies", "../shared/policies"). */
  root: string;
  /** The folder's absolute path. */
  path: string;
  result: CompileResult;
}

/**
 * Reads the policy folder `dir` (relative to `host.cwd`, or absolute) through the host's file
 * system and compiles it. Files are named relative to the working directory, as the spec's JSON
 * output requires. A folder that cannot be read is an error diagnostic, never an exception.
 */
export function compileFolder(host: Pick<ProjectHost, 'cwd' | 'fs' | 'onProgress'>, dir: string): FolderCompilation {
  const root = policyRootName(host.cwd, dir);
  const path = absolutePath(host.cwd, root);
  const folder = readPolicyFolder(host.fs, path, root);
  const onProgress = host.onProgress;
  return {
    root,
    path,
    result: withFolderProblems(
      compile(folder.sources, { projectUri: root, ...(onProgress ? { onProgress } : {}) }),
      folder,
    ),
  };
}
