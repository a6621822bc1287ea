import { realpathSync } from 'node:fs';
import { posix } from 'node:path';
import { buildPolicyModel, collectSources, compile, renamedSubtree, type PolicyModel } from '@permset/compiler';
import { ErrorCodes, ResponseError } from 'vscode-languageserver';
import { uriToPath } from '../language-service/uri.js';
import type { DiffParams, DiffResult } from './custom-protocol.js';
import { COMPILER_DIFF_TOOLKIT, type DiffToolkit, type GitRevision } from './diff-toolkit.js';
import { relativeName, type CompiledWorkspace } from './compiled-workspace.js';

/** BASE compiled from a git tree: what a diff needs of it. */
interface BaseSide {
  model: PolicyModel | undefined;
  errors: number;
  errorFiles: string[];
}

// BASE depends only on the tree's content, which its id names exactly: a diff view refreshed
// after every edit compiles BASE once. A few entries cover HEAD, main and a tag.
const bases = new Map<string, BaseSide>();
const MAX_BASES = 4;

/**
 * `permset diff REF` of the working tree as the editor has it (unsaved text included): BASE is
 * the policy folder in git revision `ref` (read from git's objects, no checkout), HEAD the
 * workspace's current compilation, and the answer the Markdown report `permset diff --format
 * md` prints. Files are named relative to the workspace folder on both sides, as in every view.
 * A revision git does not know, a folder outside any repository or a missing git fail with
 * git's own reason.
 */
export function diffRequest(project: CompiledWorkspace, params: DiffParams, toolkit: DiffToolkit = COMPILER_DIFF_TOOLKIT): DiffResult {
  const ref = typeof params.ref === 'string' ? params.ref.trim() : '';
  if (ref === '') throw new ResponseError(ErrorCodes.InvalidParams, 'permset/diff needs a git revision to compare with, such as HEAD or main.');
  const folderPath = uriToPath(project.ws.folderUri) ?? '/';
  const rootPath = uriToPath(project.ws.rootUri) ?? folderPath;
  const shown = relativeName(folderPath, project.ws.rootUri);
  const name = (uri: string) => relativeName(folderPath, uri);
  try {
    const repo = toolkit.openRepository(realPath(rootPath) ?? realPath(folderPath) ?? folderPath);
    const inRepo = posix.relative(repo.root, realPath(rootPath) ?? rootPath);
    if (inRepo === '..' || inRepo.startsWith('../') || posix.isAbsolute(inRepo)) {
      throw new ResponseError(ErrorCodes.InvalidParams, `Cannot compare with '${ref}': the policy folder ${rootPath} is outside the git repository at ${repo.root}.`);
    }
    const git = toolkit.openRevision({ cwd: repo.root, revision: ref, ...(inRepo ? { under: inRepo } : {}) });
    const base = baseSide(git, inRepo, shown);
    const headErrorFiles = [...project.ws.diagnostics()].filter(([, list]) => list.some((d) => d.severity === 1)).map(([uri]) => name(uri));
    const { diff, markdown } = toolkit.diff(base.model, project.model, {
      base: { label: base.model ? git.label : `${git.label}, without ${shown}`, root: shown, errors: base.errors, errorFiles: base.errorFiles },
      head: { label: 'working tree', root: shown, errors: project.errors, errorFiles: headErrorFiles },
      headResult: project.result,
      fileName: name,
    });
    return { folderUri: project.ws.folderUri, errors: project.errors, ref, base: diff.base.label, head: diff.head.label, markdown, summary: diff.summary };
  } catch (e) {
    if (toolkit.isGitError(e)) throw new ResponseError(ErrorCodes.InvalidParams, `Cannot compare with '${ref}': ${e.message}`);
    throw e;
  }
}

/** BASE: the policy folder of the revision, compiled with its files named as the working tree names them. */
function baseSide(git: GitRevision, inRepo: string, shown: string): BaseSide {
  const key = `${git.repository.root}\u0000${git.tree}\u0000${inRepo}\u0000${shown}`;
  const cached = bases.get(key);
  if (cached) return cached;
  let side: BaseSide;
  if (!git.stat(inRepo)) side = { model: undefined, errors: 0, errorFiles: [] };
  else {
    const collected = collectSources(renamedSubtree(git, shown, inRepo), shown);
    const result = compile(collected.sources, { projectUri: shown });
    const errorFiles = [...collected.problems.filter((p) => p.severity === 1), ...result.diagnostics.filter((d) => d.severity === 1)].map((d) => d.uri);
    side = { model: buildPolicyModel(result), errors: errorFiles.length, errorFiles: [...new Set(errorFiles)] };
  }
  bases.set(key, side);
  while (bases.size > MAX_BASES) bases.delete(bases.keys().next().value!);
  return side;
}

function realPath(path: string): string | undefined {
  try {
    return realpathSync(path).replace(/\\/g, '/');
  } catch {
    return undefined;
  }
}
