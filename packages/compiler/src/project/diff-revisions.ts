import { didYouMean, didYouMeanSuffix, type Diagnostic } from '../diagnostics/index.js';
import {
  diffModels,
  evaluateGates,
  parseAllowlist,
  permissionCandidates,
  permissionMatcher,
  staleAllowlistEntries,
  type AllowEntry,
  type AllowlistNames,
  type AllowlistProblem,
  type Gate,
  type GateResult,
  type PolicyDiff,
} from '../diff/index.js';
import { removalLookup, scopeLookup, buildPolicyModel, type PolicyModel } from '../policy-model/index.js';
import { compile, type CompileResult } from '../program/index.js';
import { compileFolder } from './compile-folder.js';
import { isAbsolute } from 'node:path';
import { absolutePath, displayPath } from './display-path.js';
import { openRevisionFolder } from './git-revision.js';
import { readPolicyFolder, withFolderProblems } from './policy-folder.js';
import { ProjectInputError, type GitAccess, type ProjectHost } from './project-host.js';

/** One side of a diff, compiled. */
export interface DiffInput {
  /** "working tree", "main (3f1b07e)", a folder. */
  label: string;
  /** The policy folder as files are named ("policies"). */
  root: string;
  result: CompileResult;
  /** Undefined when a revision has no policy folder at all (everything in HEAD is new). */
  model: PolicyModel | undefined;
}

/** Everything a diff found. */
export interface DiffRun {
  diff: PolicyDiff;
  gates: GateResult;
  base: DiffInput;
  head: DiffInput;
}

/** A host that can also read git revisions. */
export interface DiffHost extends ProjectHost {
  git: GitAccess;
}

/** A few compiled revisions, by content: a diff view refreshed after every edit compiles BASE once. */
export class RevisionCache {
  private readonly entries = new Map<string, DiffInput>();

  constructor(private readonly max = 4) {}

  /** The side cached under `key`, or the one `load` gives (then cached). */
  get(key: string, load: () => DiffInput): DiffInput {
    const hit = this.entries.get(key);
    if (hit) return hit;
    const side = load();
    this.entries.set(key, side);
    while (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
    return side;
  }
}

/** Options of {@link revisionSide}. */
export interface RevisionSideOptions {
  revision: string;
  /** The policy folder: relative to `host.cwd` (the same path inside the repository), or absolute. */
  dir: string;
  /** Find the repository from this folder instead of `host.cwd`. */
  repositoryAt?: string;
  cache?: RevisionCache;
}

/**
 * The policy folder of a git revision, compiled with its files named as the working tree names
 * them, so the two sides of a diff name the same file the same way. A revision without the
 * folder is a side without a model: the policies arrive with HEAD, so everything is new. Throws
 * git's own error for a revision git cannot give.
 */
export function revisionSide(host: DiffHost, options: RevisionSideOptions): DiffInput {
  const shown = displayPath(host.cwd, options.dir);
  const folder = openRevisionFolder(host.git, host.fs, {
    revision: options.revision,
    dir: options.dir,
    cwd: host.cwd,
    ...(options.repositoryAt !== undefined ? { repositoryAt: options.repositoryAt } : {}),
  });
  const load = (): DiffInput => {
    const { revision } = folder;
    if (!folder.exists)
      return {
        label: `${revision.label}, without ${shown}`,
        root: shown,
        result: compile([], { projectUri: shown }),
        model: undefined,
      };
    const read = readPolicyFolder(revision, folder.inRepo, shown);
    const onProgress = host.onProgress;
    return compiledSide(
      revision.label,
      shown,
      withFolderProblems(compile(read.sources, { projectUri: shown, ...(onProgress ? { onProgress } : {}) }), read),
    );
  };
  return options.cache ? options.cache.get(`${folder.key}\u0000${shown}`, load) : load();
}

/**
 * A side of `permset diff`: the working tree (`spec` undefined), a directory, or a git revision.
 * A directory that holds `dir` (a checkout) stands for that folder; otherwise it is the policy
 * folder itself.
 */
export function loadDiffSide(host: DiffHost, spec: string | undefined, dir: string): DiffInput {
  if (spec === undefined) {
    return compiledSide('working tree', displayPath(host.cwd, dir), compileFolder(host, dir).result);
  }
  const abs = absolutePath(host.cwd, spec);
  if (kindOf(host, abs) === 'directory') {
    const nested = absolutePath(abs, dir);
    const chosen = !isAbsolute(dir) && kindOf(host, nested) === 'directory' ? nested : abs;
    const shown = displayPath(host.cwd, chosen);
    return compiledSide(shown, shown, compileFolder(host, chosen).result);
  }
  return revisionSide(host, { revision: spec, dir });
}

/** A compiled folder as a diff side. */
export function compiledSide(
  label: string,
  root: string,
  result: CompileResult,
  model: PolicyModel = buildPolicyModel(result),
): DiffInput {
  return { label, root, result, model };
}

/** Options of {@link diffSides}. */
export interface DiffSidesOptions {
  gates?: readonly Gate[];
  allowlist?: readonly AllowEntry[];
  /** Flag sets with at least this many descendant sets. */
  many?: number;
  /** How files are named in the diff (default: as compiled). */
  fileName?: (uri: string) => string;
}

/**
 * Diffs two compiled sides and runs the gates. A gate whose pattern matches no permission of
 * either side is a {@link ProjectInputError}: a typo must not switch a gate off silently.
 */
export function diffSides(base: DiffInput, head: DiffInput, options: DiffSidesOptions = {}): DiffRun {
  const gates = options.gates ?? [];
  const name = options.fileName ?? ((uri: string) => uri);
  // A gate must never pass because it read nothing (a misspelt --dir finds no folder on either side).
  if (readNothing(base) && readNothing(head)) {
    throw new ProjectInputError(
      `neither BASE (${base.label}) nor HEAD (${head.label}) has policy files in '${head.root}', so there is nothing to compare and no gate could trip; is --dir right (default: policies)?`,
    );
  }
  const headModel = head.model ?? buildPolicyModel(head.result);
  const permissionIds = [...(base.model?.permissions ?? []), ...headModel.permissions].map((p) => p.id);
  checkGatePatterns(gates, permissionIds);
  checkAllowlistNames(options.allowlist ?? [], {
    sets: [...(base.model?.sets ?? []), ...headModel.sets].map((s) => s.id),
    permissions: permissionIds,
  });
  const sideInfo = (s: DiffInput) => ({
    label: s.label,
    root: s.root,
    errors: errorsOf(s).length,
    errorFiles: [...new Set(errorsOf(s).map((d) => name(d.uri)))],
  });
  const diff = diffModels(base.model, headModel, {
    base: sideInfo(base),
    head: sideInfo(head),
    ...(options.many !== undefined ? { many: options.many } : {}),
    removals: removalLookup(head.result, name),
    scopes: scopeLookup(head.result, name),
  });
  return { diff, gates: evaluateGates(diff, gates, options.allowlist ?? []), base, head };
}

/** What `permset diff BASE [HEAD]` is asked. */
export interface DiffRunOptions {
  base: string;
  /** Default: the working tree. */
  head?: string;
  /** The policy folder (default of the CLI: policies). */
  dir: string;
  gates: readonly Gate[];
  /** An allowlist file of intended changes. */
  allow?: string;
  many?: number;
}

/**
 * What a diff knows before HEAD is compiled: the gates, the allowlist and the compiled BASE.
 * `permset ci --base` prepares first, so a bad revision or allowlist stops it before any other
 * work, and then passes its own compilation of the working tree as HEAD.
 */
export interface PreparedDiff {
  options: DiffRunOptions;
  allowlist: AllowEntry[];
  base: DiffInput;
}

/**
 * Reads the allowlist and compiles BASE. Throws {@link ProjectInputError} for a malformed
 * allowlist or a folder outside the repository, and git's error when git cannot give BASE.
 */
export function prepareDiff(host: DiffHost, options: DiffRunOptions): PreparedDiff {
  const allowlist = options.allow !== undefined ? readAllowlist(host, options.allow) : [];
  return { options, allowlist, base: loadDiffSide(sideHost(host, 'BASE'), options.base, options.dir) };
}

/** Compiles HEAD (unless given: a compilation of the working tree), diffs it with BASE and runs the gates. */
export function finishDiff(host: DiffHost, prepared: PreparedDiff, headResult?: CompileResult): DiffRun {
  const { options } = prepared;
  const head = headResult
    ? compiledSide('working tree', displayPath(host.cwd, options.dir), headResult)
    : loadDiffSide(sideHost(host, 'HEAD'), options.head, options.dir);
  host.onProgress?.({ stage: 'diff', done: 0, total: 1 });
  const run = diffSides(prepared.base, head, {
    gates: options.gates,
    allowlist: prepared.allowlist,
    ...(options.many !== undefined ? { many: options.many } : {}),
  });
  host.onProgress?.({ stage: 'diff', done: 1, total: 1 });
  return run;
}

/** The host for compiling one side: its progress names the side. */
function sideHost(host: DiffHost, detail: string): DiffHost {
  const onProgress = host.onProgress;
  return onProgress ? { ...host, onProgress: (p) => onProgress({ ...p, detail }) } : host;
}

/** `permset diff`: {@link prepareDiff} then {@link finishDiff}. */
export function diffRevisions(host: DiffHost, options: DiffRunOptions): DiffRun {
  return finishDiff(host, prepareDiff(host, options));
}

/** Whether a side read no policy file at all: a revision without the folder, or a folder that is missing or empty. */
function readNothing(side: DiffInput): boolean {
  return side.model === undefined || side.result.files.size === 0;
}

/** A side's errors; none for a revision without a policy folder (there is nothing to be wrong). */
export function errorsOf(side: DiffInput): Diagnostic[] {
  return side.model ? side.result.diagnostics.filter((d) => d.severity === 1) : [];
}

function checkGatePatterns(gates: readonly Gate[], permissionIds: readonly string[]): void {
  // Without any catalog there is nothing to hold the patterns against (both sides are broken).
  if (permissionIds.length === 0) return;
  const ids = [...new Set(permissionIds)];
  for (const gate of gates) {
    if (gate.pattern === undefined || ids.some(permissionMatcher(gate.pattern))) continue;
    const suggestions = didYouMean(gate.pattern, permissionCandidates(ids));
    throw new ProjectInputError(
      `--fail-on ${gate.text}: '${gate.pattern}' matches no permission of BASE or HEAD, so this gate could never trip.${didYouMeanSuffix(suggestions)}`,
    );
  }
}

function checkAllowlistNames(allowlist: readonly AllowEntry[], names: AllowlistNames): void {
  const problems = staleAllowlistEntries(allowlist, names);
  if (!problems.length) return;
  throw new ProjectInputError(
    `the allowlist names what exists in neither BASE nor HEAD, so ${problems.length === 1 ? 'this entry' : 'these entries'} could never allow a change:\n${problemLines(problems)}`,
  );
}

function kindOf(host: ProjectHost, path: string): string | undefined {
  try {
    return host.fs.stat(path)?.kind;
  } catch {
    return undefined;
  }
}

function readAllowlist(host: ProjectHost, path: string): AllowEntry[] {
  const shown = displayPath(host.cwd, path);
  let bytes: Uint8Array;
  try {
    bytes = host.fs.readFile(absolutePath(host.cwd, path));
  } catch (e) {
    throw new ProjectInputError(`cannot read the allowlist '${shown}': ${(e as Error).message}`);
  }
  const { entries, problems } = parseAllowlist(shown, bytes);
  if (problems.length) throw new ProjectInputError(`the allowlist is malformed:\n${problemLines(problems)}`);
  return entries;
}

/** Allowlist problems, one indented `file:line:col: message` line each. */
function problemLines(problems: readonly AllowlistProblem[]): string {
  return problems.map((p) => `  ${p.file}:${p.line}:${p.column}: ${p.message}`).join('\n');
}
