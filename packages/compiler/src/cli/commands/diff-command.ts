import { realpathSync } from 'node:fs';
import { isAbsolute, posix, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { compareDiagnostics, didYouMean, didYouMeanSuffix, toDiagnostic, type Diagnostic } from '../../diagnostics/index.js';
import {
  diffModels,
  evaluateGates,
  parseAllowlist,
  parseGate,
  permissionMatcher,
  renderDiffHuman,
  renderDiffJson,
  renderDiffMarkdown,
  type AllowEntry,
  type Gate,
  type GateResult,
  type PolicyDiff,
} from '../../diff/index.js';
import { buildPolicyModel, removalLookup, type PolicyModel } from '../../policy-model/index.js';
import { collectSources, renamedSubtree, type FileSystem } from '../../fs/index.js';
import { GitError, GitFileSystem, openRepository, type GitRepository } from '../../node/git-file-system.js';
import { compile, type CompileResult } from '../../program/index.js';
import { ExitCode, UsageError, type CliIO } from '../cli-io.js';
import { displayPath, loadProject } from '../load-project.js';
import { formatLocation } from '../output/human-format.js';
import { makeStyle, safeText, useColor } from '../output/terminal.js';

/** The help text of `permset diff`. */
export const DIFF_USAGE = `Usage: permset diff BASE [HEAD] [options]

Compares the effective access of two versions of the policies: per permission set, every
permission gained, lost, widened, narrowed or whose condition changed, with the line that
causes it; sets added, removed, renamed or re-based; catalog changes. Changes that touch
sensitive permissions, free (client) seats or sets many others extend are flagged.

BASE and HEAD are git revisions (read from git's objects, no checkout) or directories.
HEAD defaults to the working tree. A directory is the policy folder itself, or a checkout
that holds one (DIR/policies, see --dir).

Options:
  --dir DIR              The policy folder (default: policies), relative to the working
                         directory; inside a revision, the same path in the repository.
  --format human|md|json Output format (default: human). md is a pull-request comment.
  --fail-on GATE         Exit 1 when the diff has: gain (any new access), loss, change
                         (anything), or GAIN:PATTERN etc. for matching permissions only,
                         e.g. gain:cost_rates.* (repeatable).
  --allow FILE           An allowlist of intended changes: a YAML or JSON list of
                         { set, permission, change, reason } (see docs/diff.md).
  --many N               Flag sets with at least N descendant sets (default: 3).
  --no-color             Never colour the output.
  -h, --help             Show this help.

Exit status: 0 no gate tripped, 1 a gate tripped, 2 usage error (a bad revision, a
malformed allowlist).`;

/** A problem with the inputs of a diff (not with its command line): exit 2, no usage text. */
export class DiffInputError extends Error {}

/** What {@link runDiff} needs: the parsed command line. */
export interface DiffRunOptions {
  base: string;
  head?: string;
  dir: string;
  failOn: readonly string[];
  allow?: string;
  many?: number;
}

/** One side of a diff after compiling it. */
export interface DiffInput {
  label: string;
  /** The policy folder as files are named ("policies"). */
  root: string;
  result: CompileResult;
  /** Undefined when a revision has no policy folder at all (everything in HEAD is new). */
  model: PolicyModel | undefined;
}

/** Everything a diff run found. */
export interface DiffRun {
  diff: PolicyDiff;
  gates: GateResult;
  base: DiffInput;
  head: DiffInput;
}

/**
 * What a diff run knows before HEAD is compiled: the gates, the allowlist and the compiled BASE.
 * `permset ci --base` prepares first, so a bad revision, gate or allowlist stops it before any
 * other work, and then reuses its own check of the working tree as HEAD.
 */
export interface PreparedDiff {
  options: DiffRunOptions;
  gates: Gate[];
  allowlist: AllowEntry[];
  base: DiffInput;
  repository: () => GitRepository;
}

/**
 * Parses the gates and the allowlist and compiles BASE. Throws {@link UsageError} for a bad
 * option, {@link DiffInputError} for a malformed allowlist and {@link GitError} when git cannot
 * give the revision.
 */
export function prepareDiff(io: CliIO, options: DiffRunOptions): PreparedDiff {
  const gates = options.failOn.map((text) => {
    const g = parseGate(text);
    if (typeof g === 'string') throw new UsageError(g);
    return g;
  });
  const allowlist = options.allow !== undefined ? readAllowlist(io, options.allow) : [];
  let repo: GitRepository | undefined;
  const repository = () => (repo ??= openRepository(io.cwd));
  const base = loadSide(io, options.base, options.dir, repository);
  return { options, gates, allowlist, base, repository };
}

/**
 * Compiles HEAD (unless given), diffs it with the prepared BASE and runs the gates. A gate whose
 * pattern matches no permission of either side is a {@link DiffInputError}: a typo must not
 * switch a gate off silently.
 */
export function finishDiff(io: CliIO, prepared: PreparedDiff, headResult?: CompileResult): DiffRun {
  const { options, base } = prepared;
  const head = headResult
    ? compiled('working tree', displayPath(io.cwd, options.dir), headResult)
    : loadSide(io, options.head, options.dir, prepared.repository);
  const headModel = head.model ?? buildPolicyModel(head.result);
  checkGatePatterns(prepared.gates, [...(base.model?.permissions ?? []), ...headModel.permissions].map((p) => p.id));
  const sideInfo = (s: DiffInput) => ({ label: s.label, root: s.root, errors: errorsOf(s).length, errorFiles: [...new Set(errorsOf(s).map((d) => d.uri))] });
  const diff = diffModels(base.model, headModel, {
    base: sideInfo(base),
    head: sideInfo(head),
    ...(options.many !== undefined ? { many: options.many } : {}),
    removals: removalLookup(head.result),
  });
  return { diff, gates: evaluateGates(diff, prepared.gates, prepared.allowlist), base, head };
}

/** Loads and compiles both sides, diffs them and runs the gates: {@link prepareDiff} then {@link finishDiff}. */
export function runDiff(io: CliIO, options: DiffRunOptions): DiffRun {
  return finishDiff(io, prepareDiff(io, options));
}

function checkGatePatterns(gates: readonly Gate[], permissionIds: readonly string[]): void {
  // Without any catalog there is nothing to hold the patterns against (both sides are broken).
  if (permissionIds.length === 0) return;
  const ids = [...new Set(permissionIds)];
  for (const gate of gates) {
    if (gate.pattern === undefined || ids.some(permissionMatcher(gate.pattern))) continue;
    const prefixes = ids.flatMap((id) => id.split('.').slice(0, -1).map((_, i, parts) => `${parts.slice(0, i + 1).join('.')}.*`));
    const suggestions = didYouMean(gate.pattern, [...new Set([...prefixes, ...ids])]);
    throw new DiffInputError(`--fail-on ${gate.text}: '${gate.pattern}' matches no permission of BASE or HEAD, so this gate could never trip.${didYouMeanSuffix(suggestions)}`);
  }
}

/** `permset diff BASE [HEAD]`. */
export function diffCommand(args: string[], io: CliIO): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      dir: { type: 'string', default: 'policies' },
      format: { type: 'string', default: 'human' },
      'fail-on': { type: 'string', multiple: true },
      allow: { type: 'string' },
      many: { type: 'string' },
      'no-color': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.stdout(DIFF_USAGE + '\n');
    return ExitCode.Ok;
  }
  if (positionals.length === 0) throw new UsageError('diff needs BASE: a git revision or a directory');
  if (positionals.length > 2) throw new UsageError(`diff takes BASE and HEAD, got ${positionals.length} arguments: ${positionals.join(' ')}`);
  const format = values.format;
  if (format !== 'human' && format !== 'md' && format !== 'json') throw new UsageError(`--format must be human, md or json, not '${format}'`);
  let many: number | undefined;
  if (values.many !== undefined) {
    many = Number(values.many);
    if (!Number.isInteger(many) || many < 1) throw new UsageError(`--many takes a whole number >= 1, not '${values.many}'`);
  }
  let run: DiffRun;
  try {
    run = runDiff(io, {
      base: positionals[0]!,
      ...(positionals[1] !== undefined ? { head: positionals[1] } : {}),
      dir: values.dir,
      failOn: values['fail-on'] ?? [],
      ...(values.allow !== undefined ? { allow: values.allow } : {}),
      ...(many !== undefined ? { many } : {}),
    });
  } catch (e) {
    if (!(e instanceof GitError || e instanceof DiffInputError)) throw e;
    io.stderr(`permset diff: ${safeText(e.message)}\n`);
    return ExitCode.Usage;
  }
  const style = makeStyle(!values['no-color'] && useColor(io.isTTY, io.env));
  reportErrors(io, 'BASE', run.base, 'comparing what compiles');
  reportErrors(io, 'HEAD', run.head, 'run permset check for details');
  if (format === 'json') io.stdout(renderDiffJson(run.diff, run.gates));
  else if (format === 'md') io.stdout(renderDiffMarkdown(run.diff, run.gates));
  else io.stdout(renderDiffHuman(run.diff, style, run.gates));
  return run.gates.failed ? ExitCode.Failure : ExitCode.Ok;
}

/**
 * A side: the working tree (`spec` undefined), a directory, or a git revision. A directory that
 * holds `dir` (a checkout) stands for that folder; otherwise it is the policy folder itself.
 */
function loadSide(io: CliIO, spec: string | undefined, dir: string, repository: () => GitRepository): DiffInput {
  if (spec === undefined) return compiled('working tree', displayPath(io.cwd, dir), loadProject(io, dir));
  const abs = resolve(io.cwd, spec);
  if (kindOf(io.fs, abs) === 'directory') {
    const nested = isAbsolute(dir) ? undefined : resolve(abs, dir);
    const folder = nested !== undefined && kindOf(io.fs, nested) === 'directory' ? nested : abs;
    const shown = displayPath(io.cwd, folder);
    return compiled(shown, shown, loadProject(io, folder));
  }
  const repo = repository();
  const inRepo = repoPath(repo, dir);
  const git = GitFileSystem.open({ cwd: repo.root, revision: spec, under: inRepo });
  const shown = displayPath(io.cwd, dir);
  if (!git.stat(inRepo)) {
    // No policy folder in that revision (the policies arrive with HEAD): everything is new.
    const result = compile([], { projectUri: shown });
    return { label: `${git.label}, without ${shown}`, root: shown, result, model: undefined };
  }
  const collected = collectSources(renamedSubtree(git, shown, inRepo), shown);
  const result = compile(collected.sources, { projectUri: shown });
  const extra = collected.problems.map((p) => toDiagnostic(p, (uri) => result.files.get(uri)));
  const withProblems = extra.length
    ? { ...result, diagnostics: [...extra, ...result.diagnostics].sort(compareDiagnostics), hasErrors: result.hasErrors || extra.some((d) => d.severity === 1) }
    : result;
  return compiled(git.label, shown, withProblems);
}

/** A side's errors; none for a revision without a policy folder (there is nothing to be wrong). */
function errorsOf(side: DiffInput): Diagnostic[] {
  return side.model ? side.result.diagnostics.filter((d) => d.severity === 1) : [];
}

function compiled(label: string, root: string, result: CompileResult): DiffInput {
  return { label, root, result, model: buildPolicyModel(result) };
}

/** `dir` (relative to the working directory, whose place in the repository git told us, or absolute) as a path inside the repository. */
function repoPath(repo: GitRepository, dir: string): string {
  let rel: string;
  if (isAbsolute(dir)) {
    let real = dir;
    try {
      real = realpathSync(dir);
    } catch {
      // The folder may exist only in the revision; compare the path as written.
    }
    rel = relative(repo.root, real).replace(/\\/g, '/');
  } else rel = posix.normalize(posix.join(repo.prefix, dir.replace(/\\/g, '/')));
  rel = rel.replace(/\/+$/, '');
  if (rel === '.' || rel === '') return '';
  if (rel === '..' || rel.startsWith('../') || isAbsolute(rel)) throw new UsageError(`--dir '${dir}' is outside the git repository at ${repo.root}`);
  return rel;
}

function kindOf(fs: FileSystem, path: string): string | undefined {
  try {
    return fs.stat(path)?.kind;
  } catch {
    return undefined;
  }
}

function readAllowlist(io: CliIO, path: string): AllowEntry[] {
  const shown = displayPath(io.cwd, path);
  let bytes: Uint8Array;
  try {
    bytes = io.fs.readFile(resolve(io.cwd, path));
  } catch (e) {
    throw new DiffInputError(`cannot read the allowlist '${shown}': ${(e as Error).message}`);
  }
  const { entries, problems } = parseAllowlist(shown, bytes);
  if (problems.length) throw new DiffInputError(`the allowlist is malformed:\n${problems.map((p) => `  ${p.file}:${p.line}:${p.column}: ${p.message}`).join('\n')}`);
  return entries;
}

/** Lists a side's errors on stderr (stdout is the report), briefly: `permset check` has the details. */
function reportErrors(io: CliIO, name: string, side: DiffInput, what: string): void {
  const errors = errorsOf(side);
  if (!errors.length) return;
  io.stderr(`permset diff: ${name} (${safeText(side.label)}) has ${errors.length} error${errors.length === 1 ? '' : 's'}; ${what}.\n`);
  for (const d of errors.slice(0, 20)) io.stderr(`  ${formatLocation(d.uri, d.range.start.line, d.range.start.character)} ${d.code} ${safeText(d.message)}\n`);
  if (errors.length > 20) io.stderr(`  … and ${errors.length - 20} more\n`);
}
