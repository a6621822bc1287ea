import { dirname, join, relative, resolve } from 'node:path';
import { buildPolicyModel } from '../policy-model/index.js';
import type { FileSystem } from '../fs/index.js';
import { compile } from '../program/index.js';
import { formatSnapshot, matrixSnapshot } from '../policy-tests/index.js';

/** The projects `permset init` can write: a small clean starting point, or the shipped Productive model. */
export const INIT_EXAMPLES = ['starter', 'productive'] as const;

/** One of {@link INIT_EXAMPLES}. */
export type InitExample = (typeof INIT_EXAMPLES)[number];

/** The policy folder a new project gets; `permset check` and the editor find it by this name. */
export const INIT_POLICY_FOLDER = 'policies';

/** What {@link initProject} reads and writes, injected: it does no I/O of its own. */
export interface InitProjectHost {
  fs: FileSystem;
  /** Writes files (paths relative to `dir`, `/`-separated) all together or not at all. */
  writeFiles(dir: string, files: Readonly<Record<string, string>>): void;
}

/** Options of {@link initProject}. */
export interface InitProjectOptions {
  /** The project folder (absolute). It may exist (a repository with other files) or not. */
  dir: string;
  /**
   * The templates folder shipped with the package: `common/` (CI workflow, allowlist, editor
   * settings, written for every example) and one folder per example holding its `policies/`.
   */
  templates: string;
  /** Default `starter`. */
  example?: InitExample;
}

/** Why nothing was written. */
export type InitRefusal =
  /** Files `init` would write are there already (it never overwrites). */
  | 'files-exist'
  /** The policy folder already holds files. */
  | 'policy-folder-not-empty'
  /** `dir` is (inside) a policy folder: a catalog is there or above it. */
  | 'inside-policy-tree'
  /** `dir` is a file. */
  | 'not-a-directory'
  /** The example's templates are not in this install (a repository checkout that was not built). */
  | 'example-missing';

/** The outcome of {@link initProject}. */
export type InitProjectResult =
  | { status: 'written'; /** What was written, relative to `dir`, sorted. */ files: string[] }
  | {
      status: 'refused';
      reason: InitRefusal;
      /** For people: what is in the way and what to do. */ message: string;
      /** The paths in the way (absolute). */ paths: string[];
    };

const CATALOG_FILES = ['catalog.yaml', 'catalog.yml'];
const SNAPSHOT = `${INIT_POLICY_FOLDER}/access-matrix.snap.json`;

/**
 * `permset init`: scaffolds a project that passes `permset check --max-warnings 0`,
 * `permset test` and `permset fmt --check` as written. It reads the template files, adds the
 * access-matrix snapshot of the example's policies (computed, so it always matches them), and
 * writes everything at once, or nothing: it refuses when a file it would write exists, when the
 * policy folder has files, or when `dir` is inside a policy folder. Write failures (a read-only
 * folder) are the host's exceptions; nothing is written then either.
 */
export function initProject(host: InitProjectHost, options: InitProjectOptions): InitProjectResult {
  const dir = resolve(options.dir);
  const refusal = checkTarget(host.fs, dir);
  if (refusal) return refusal;

  const example = options.example ?? 'starter';
  const exampleDir = join(options.templates, example);
  if (host.fs.stat(exampleDir)?.kind !== 'directory') {
    return {
      status: 'refused',
      reason: 'example-missing',
      message: `The ${example} example is not in this install (${exampleDir} is missing); in a checkout of permset, run npm run build first.`,
      paths: [exampleDir],
    };
  }
  const files = { ...readTree(host.fs, join(options.templates, 'common')), ...readTree(host.fs, exampleDir) };
  if (!(SNAPSHOT in files)) files[SNAPSHOT] = snapshotOf(files);

  const existing = Object.keys(files)
    .map((f) => join(dir, f))
    .filter((p) => host.fs.stat(p) !== undefined);
  if (existing.length > 0) {
    return {
      status: 'refused',
      reason: 'files-exist',
      message: `These files exist already, and permset init never overwrites a file:\n${existing.map((p) => `  ${relative(dir, p)}`).join('\n')}\nMove them away (or merge by hand) and run permset init again.`,
      paths: existing,
    };
  }
  host.writeFiles(dir, files);
  return { status: 'written', files: Object.keys(files).sort() };
}

function checkTarget(fs: FileSystem, dir: string): InitProjectResult | undefined {
  const stat = fs.stat(dir);
  if (stat && stat.kind !== 'directory')
    return { status: 'refused', reason: 'not-a-directory', message: `${dir} is a file, not a folder.`, paths: [dir] };
  // A catalog in the folder or any folder above it: `init` there would nest one project in another.
  for (let d = dir; ; d = dirname(d)) {
    const catalog = CATALOG_FILES.map((f) => join(d, f)).find((p) => fs.stat(p)?.kind === 'file');
    if (catalog) {
      return {
        status: 'refused',
        reason: 'inside-policy-tree',
        message: `${dir} is inside an existing policy folder (${catalog} is its catalog). Run permset init in the project folder that should hold a new policies/ folder, outside any other.`,
        paths: [catalog],
      };
    }
    if (dirname(d) === d) break;
  }
  const policies = join(dir, INIT_POLICY_FOLDER);
  const entries = fs.stat(policies)?.kind === 'directory' ? fs.readDirectory(policies) : [];
  if (entries.length > 0) {
    const paths = entries.map((e) => join(policies, e.name)).sort();
    return {
      status: 'refused',
      reason: 'policy-folder-not-empty',
      message: `${INIT_POLICY_FOLDER}/ already has files:\n${paths.map((p) => `  ${relative(dir, p)}`).join('\n')}\npermset init starts a new policy folder; to check the one you have, run permset check ${INIT_POLICY_FOLDER}.`,
      paths,
    };
  }
  return undefined;
}

/** Every file under `root`, by `/`-separated relative path, as text. */
function readTree(fs: FileSystem, root: string): Record<string, string> {
  const files: Record<string, string> = {};
  const decoder = new TextDecoder();
  const visit = (abs: string, rel: string) => {
    for (const entry of [...fs.readDirectory(abs)].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const childRel = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.kind === 'directory') visit(join(abs, entry.name), childRel);
      else if (entry.kind === 'file') files[childRel] = decoder.decode(fs.readFile(join(abs, entry.name)));
    }
  };
  visit(root, '');
  return files;
}

// The snapshot `permset test --update-snapshot` would write for the example's policies. The
// templates are tested to compile without errors; were one broken, its snapshot would still be
// what `permset test` compares against, so `test` would report the broken policies themselves.
function snapshotOf(files: Record<string, string>): string {
  const sources = Object.entries(files)
    .filter(([path]) => path.startsWith(`${INIT_POLICY_FOLDER}/`) && /\.ya?ml$/.test(path))
    .map(([uri, text]) => ({ uri, text }));
  const result = compile(sources, { projectUri: INIT_POLICY_FOLDER });
  return formatSnapshot(matrixSnapshot(buildPolicyModel(result)));
}
