import { renderDiffMarkdown } from '@permset/compiler';
import { NODE_GIT } from '@permset/compiler/node';
import {
  OutsideRepositoryError,
  RevisionCache,
  diffSides,
  revisionSide,
  type GitAccess,
} from '@permset/compiler/project';
import { ErrorCodes, ResponseError } from 'vscode-languageserver';
import { uriToPath } from '../language-service/uri.js';
import type { StateKey } from '../language-service/workspace-state.js';
import type { DiffParams, DiffResult } from './custom-protocol.js';
import { relativeName, type CompiledWorkspace } from './compiled-workspace.js';

// BASE depends only on the tree's content, which its id names exactly: a diff view refreshed
// after every edit compiles BASE once. A few entries cover HEAD, main and a tag.
const DIFF_BASES: StateKey<RevisionCache> = { name: 'diff bases', create: () => new RevisionCache(4) };

/**
 * `permset diff REF` of the working tree as the editor has it (unsaved text included): BASE is
 * the policy folder in git revision `ref` (read from git's objects, no checkout), HEAD the
 * workspace's current compilation, and the answer the Markdown report `permset diff --format
 * md` prints: both come from the same use cases (`revisionSide`, `diffSides`). Files are named
 * relative to the workspace folder on both sides, as in every view. A revision git does not
 * know, a folder outside any repository or a missing git fail with git's own reason.
 */
export function diffRequest(project: CompiledWorkspace, params: DiffParams, git: GitAccess = NODE_GIT): DiffResult {
  const ref = typeof params.ref === 'string' ? params.ref.trim() : '';
  if (ref === '')
    throw new ResponseError(
      ErrorCodes.InvalidParams,
      'permset/diff needs a git revision to compare with, such as HEAD or main.',
    );
  const { ws } = project;
  const folderPath = uriToPath(ws.folderUri) ?? '/';
  const rootPath = uriToPath(ws.rootUri) ?? folderPath;
  const realPath = (path: string) => {
    try {
      return ws.fs.realPath(path).replace(/\\/g, '/');
    } catch {
      return undefined;
    }
  };
  try {
    const host = { cwd: folderPath, fs: ws.fs, git };
    const base = revisionSide(host, {
      revision: ref,
      dir: rootPath,
      repositoryAt: realPath(rootPath) ?? realPath(folderPath) ?? folderPath,
      cache: ws.state.get(DIFF_BASES),
    });
    const head = { label: 'working tree', root: base.root, result: project.result, model: project.model };
    const { diff } = diffSides(base, head, { fileName: (uri) => relativeName(folderPath, uri) });
    return {
      folderUri: ws.folderUri,
      errors: project.errors,
      ref,
      base: diff.base.label,
      head: diff.head.label,
      markdown: renderDiffMarkdown(diff),
      summary: diff.summary,
    };
  } catch (e) {
    if (e instanceof OutsideRepositoryError) {
      throw new ResponseError(
        ErrorCodes.InvalidParams,
        `Cannot compare with '${ref}': the policy folder ${rootPath} is outside the git repository at ${e.repositoryRoot}.`,
      );
    }
    if (git.isGitError(e))
      throw new ResponseError(ErrorCodes.InvalidParams, `Cannot compare with '${ref}': ${e.message}`);
    throw e;
  }
}
