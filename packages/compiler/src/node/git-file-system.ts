import { spawnSync } from 'node:child_process';
import { posix } from 'node:path';
import type { DirectoryEntry, EntryKind, FileSystem } from '../fs/index.js';

/** Why git could not give us a revision's files. */
export type GitErrorKind = 'git-missing' | 'not-a-repository' | 'bad-revision' | 'git-failed';

/** A git problem with a message fit for the user (git's own words included), never a stack trace. */
export class GitError extends Error {
  constructor(
    readonly kind: GitErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'GitError';
  }
}

/** The repository around a working directory. */
export interface GitRepository {
  /** The top-level folder (absolute, as git prints it). */
  root: string;
  /** The working directory relative to `root`, `/`-separated, "" at the top. */
  prefix: string;
  /** Whether the clone is shallow (CI checkouts often are: the base may be missing). */
  shallow: boolean;
}

/** Options of {@link GitFileSystem.open}. */
export interface GitOpenOptions {
  /** A folder inside the repository (the repository is found from it). */
  cwd: string;
  /** Any revision git understands: a branch, a tag, `HEAD~2`, a commit or tree id. */
  revision: string;
  /** Only this folder (relative to the repository root) is listed: the rest reads as missing. */
  under?: string;
  /** The git executable (default `git` on PATH). */
  git?: string;
}

interface TreeEntry {
  /** `100644`, `100755` (files), `120000` (symbolic link), `160000` (submodule). */
  mode: string;
  oid: string;
  size: number;
}

const POLICY_FILE = /\.ya?ml$/i;
const LINK = '120000';
// Large enough for any policy tree; spawnSync's default (1 MiB) is not.
const MAX_BUFFER = 1024 * 1024 * 1024;

/**
 * A read-only {@link FileSystem} over one git revision, read straight from git's objects: no
 * checkout, no working-tree access, so `permset diff main` works in any clone (a CI one
 * included). Paths are relative to the repository root. The tree is listed once
 * (`git ls-tree -r`), and the policy files' contents are read together in one
 * `git cat-file --batch` process the first time a file is read. Symbolic links are not followed:
 * reading through one fails with a clear reason, which the project loader reports.
 */
export class GitFileSystem implements FileSystem {
  private readonly files = new Map<string, TreeEntry>();
  private readonly dirs = new Map<string, Map<string, string>>();
  private readonly blobs = new Map<string, Uint8Array>();
  private readonly linkKinds = new Map<string, EntryKind>();
  private prefetched = false;

  private constructor(
    readonly repository: GitRepository,
    /** The revision as given. */
    readonly revision: string,
    /** The tree id it names. */
    readonly tree: string,
    /** The commit id, when the revision names a commit (not a bare tree). */
    readonly commit: string | undefined,
    private readonly git: string,
    listing: Buffer,
  ) {
    this.dirs.set('', new Map());
    this.index(listing);
  }

  /** Finds the repository around `cwd`, resolves the revision and lists its tree. Throws {@link GitError}. */
  static open(options: GitOpenOptions): GitFileSystem {
    const git = options.git ?? 'git';
    const repository = openRepository(options.cwd, git);
    const { tree, commit } = resolveRevision(repository, options.revision, git);
    const under = normalize(options.under ?? '');
    if (under === undefined) throw new GitError('git-failed', `'${options.under}' is not a path inside the repository`);
    const args = [
      '--literal-pathspecs',
      'ls-tree',
      '-r',
      '-z',
      '-l',
      '--full-tree',
      tree,
      ...(under ? ['--', under] : []),
    ];
    const listing = run(git, args, repository.root);
    if (listing.status !== 0) throw new GitError('git-failed', `git ls-tree failed: ${firstLine(listing.stderr)}`);
    return new GitFileSystem(repository, options.revision, tree, commit, git, listing.stdout);
  }

  /** "main (3f1b07e)", or the revision alone when it is already a commit id. */
  get label(): string {
    if (!this.commit) return this.revision;
    const short = this.commit.slice(0, 7);
    return this.commit.startsWith(this.revision) || this.revision.startsWith(short)
      ? short
      : `${this.revision} (${short})`;
  }

  stat(path: string): { kind: EntryKind; size: number } | undefined {
    const p = normalize(path);
    if (p === undefined) return undefined;
    if (this.dirs.has(p)) return { kind: 'directory', size: 0 };
    const f = this.files.get(p);
    if (!f) return undefined;
    return { kind: this.kindOf(p, f), size: f.mode === LINK ? 0 : f.size };
  }

  readDirectory(path: string): DirectoryEntry[] {
    const p = this.existing(path);
    const dir = this.dirs.get(p);
    if (!dir) throw withCode(new Error(`'${path}' is not a directory in ${this.label}`), 'ENOTDIR');
    return [...dir.keys()].map((name) => {
      const child = p ? `${p}/${name}` : name;
      const f = this.files.get(child);
      return { name, kind: f ? this.kindOf(child, f) : 'directory' };
    });
  }

  readFile(path: string): Uint8Array {
    const p = this.existing(path);
    const f = this.files.get(p);
    if (!f) throw withCode(new Error(`'${path}' is a directory`), 'EISDIR');
    if (f.mode === '160000') throw new Error(`it is a git submodule in ${this.label}; submodules are not read`);
    if (!this.prefetched) this.prefetch();
    let bytes = this.blobs.get(f.oid);
    if (!bytes) {
      bytes = readBlobs(this.git, this.repository.root, [f.oid], f.size).get(f.oid);
      if (!bytes) throw new Error(`git cannot read object ${f.oid} of ${this.label}`);
    }
    return bytes;
  }

  realPath(path: string): string {
    return this.existing(path);
  }

  /** Reads every policy file's blob in one `git cat-file --batch` run. */
  private prefetch(): void {
    this.prefetched = true;
    const wanted = new Map<string, number>();
    for (const [path, f] of this.files)
      if (f.mode !== LINK && f.mode !== '160000' && POLICY_FILE.test(path)) wanted.set(f.oid, f.size);
    if (wanted.size === 0) return;
    const total = [...wanted.values()].reduce((a, b) => a + b, 0);
    for (const [oid, bytes] of readBlobs(this.git, this.repository.root, [...wanted.keys()], total))
      this.blobs.set(oid, bytes);
  }

  /** A normalized path that exists and has no symbolic link on the way; throws otherwise. */
  private existing(path: string): string {
    const p = normalize(path);
    if (p === undefined || (!this.dirs.has(p) && !this.files.has(p)))
      throw withCode(new Error(`'${path}' does not exist in ${this.label}`), 'ENOENT');
    const segments = p ? p.split('/') : [];
    for (let i = 1; i <= segments.length; i++) {
      const at = segments.slice(0, i).join('/');
      if (this.files.get(at)?.mode === LINK)
        throw new Error(`'${at}' is a symbolic link in ${this.label}; links in a git revision are not followed`);
    }
    return p;
  }

  /** A link's kind is its target's (as a file system that follows links reports it). */
  private kindOf(path: string, f: TreeEntry): EntryKind {
    if (f.mode === '160000') return 'other';
    if (f.mode !== LINK) return 'file';
    return this.linkKinds.get(path) ?? 'file';
  }

  private index(listing: Buffer): void {
    const links: { path: string; oid: string }[] = [];
    for (const record of listing.toString('utf8').split('\0')) {
      if (!record) continue;
      const tab = record.indexOf('\t');
      const [mode, , oid, size] = record.slice(0, tab).split(/ +/);
      const path = record.slice(tab + 1);
      if (!mode || !oid) continue;
      this.files.set(path, { mode, oid, size: Number(size) || 0 });
      if (mode === LINK) links.push({ path, oid });
      const segments = path.split('/');
      for (let i = 0; i < segments.length; i++) {
        const dir = segments.slice(0, i).join('/');
        let children = this.dirs.get(dir);
        if (!children) this.dirs.set(dir, (children = new Map()));
        children.set(segments[i]!, segments.slice(0, i + 1).join('/'));
      }
    }
    if (links.length) this.resolveLinkKinds(links);
  }

  // What a link points at decides whether the loader treats it as a folder or a file; either way
  // reading through it fails, so it is reported rather than silently skipped or followed.
  private resolveLinkKinds(links: { path: string; oid: string }[]): void {
    const targets = readBlobs(
      this.git,
      this.repository.root,
      links.map((l) => l.oid),
      4096 * links.length,
    );
    for (const link of links) {
      const raw = targets.get(link.oid);
      const target = raw
        ? normalize(posix.join(posix.dirname(link.path), Buffer.from(raw).toString('utf8')))
        : undefined;
      let kind: EntryKind = 'file';
      if (target !== undefined && this.dirs.has(target)) kind = 'directory';
      else if (target !== undefined && !this.files.has(target)) {
        const type = run(this.git, ['cat-file', '-t', `${this.tree}:${target}`], this.repository.root);
        if (type.status === 0 && type.stdout.toString().trim() === 'tree') kind = 'directory';
      }
      this.linkKinds.set(link.path, kind);
    }
  }
}

/** The repository around `cwd`. Throws {@link GitError} outside a repository or without git. */
export function openRepository(cwd: string, git = 'git'): GitRepository {
  const r = run(git, ['rev-parse', '--show-toplevel', '--show-prefix', '--is-shallow-repository'], cwd);
  if (r.status !== 0) {
    const msg = firstLine(r.stderr);
    if (/not a git repository/i.test(msg))
      throw new GitError('not-a-repository', `'${cwd}' is not inside a git repository (git: ${msg})`);
    throw new GitError('git-failed', `git rev-parse failed in '${cwd}': ${msg}`);
  }
  const [root = '', prefix = '', shallow = 'false'] = r.stdout.toString('utf8').split('\n');
  return { root, prefix: prefix.replace(/\/$/, ''), shallow: shallow.trim() === 'true' };
}

/**
 * The tree (and commit, if any) a revision names. A revision starting with `-` is refused before
 * git sees it, so it can never be read as an option.
 */
export function resolveRevision(
  repo: GitRepository,
  revision: string,
  git = 'git',
): { tree: string; commit: string | undefined } {
  const bad = (why: string) => {
    const hint = repo.shallow
      ? ` This clone is shallow: fetch the revision first (git fetch --depth=1 origin ${revision}).`
      : '';
    return new GitError('bad-revision', `unknown revision '${revision}': ${why}.${hint}`);
  };
  if (revision === '' || revision.startsWith('-') || /[\0\n]/.test(revision)) throw bad('not a revision name');
  const tree = run(git, ['rev-parse', '--verify', '--quiet', `${revision}^{tree}`], repo.root);
  if (tree.status !== 0) {
    // --verify --quiet says nothing; ask again without them for git's own explanation.
    const why = firstLine(run(git, ['rev-parse', revision], repo.root).stderr)
      .replace(/^fatal: /, '')
      .replace(/\.+$/, '');
    throw bad(why || 'it names no commit or tree');
  }
  const commit = run(git, ['rev-parse', '--verify', '--quiet', `${revision}^{commit}`], repo.root);
  return {
    tree: tree.stdout.toString().trim(),
    commit: commit.status === 0 ? commit.stdout.toString().trim() : undefined,
  };
}

/** Reads blobs in one `git cat-file --batch` process; `size` is their total, for the buffer. */
function readBlobs(git: string, root: string, oids: readonly string[], size: number): Map<string, Uint8Array> {
  const r = run(git, ['cat-file', '--batch'], root, oids.join('\n') + '\n', size + 128 * oids.length + 1024 * 1024);
  if (r.status !== 0) throw new GitError('git-failed', `git cat-file failed: ${firstLine(r.stderr)}`);
  const out = new Map<string, Uint8Array>();
  const buf = r.stdout;
  let pos = 0;
  while (pos < buf.length) {
    const nl = buf.indexOf(10, pos);
    if (nl < 0) break;
    const [oid, type, length] = buf.subarray(pos, nl).toString('utf8').split(' ');
    if (type === 'missing' || length === undefined) {
      pos = nl + 1;
      continue;
    }
    const n = Number(length);
    out.set(oid!, new Uint8Array(buf.subarray(nl + 1, nl + 1 + n)));
    pos = nl + 1 + n + 1;
  }
  return out;
}

function run(
  git: string,
  args: string[],
  cwd: string,
  input?: string,
  maxBuffer = MAX_BUFFER,
): { status: number; stdout: Buffer; stderr: string } {
  const r = spawnSync(git, args, {
    cwd,
    input,
    maxBuffer: Math.min(maxBuffer, MAX_BUFFER),
    // No prompts, no index lock taken by a read-only command.
    env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' },
    windowsHide: true,
  });
  if (r.error) {
    const code = (r.error as { code?: string }).code;
    if (code === 'ENOENT') {
      // A missing cwd also gives ENOENT: tell the two apart.
      throw new GitError(
        'git-missing',
        `cannot run '${git}' in '${cwd}': git is not installed (or not on PATH), or the folder does not exist`,
      );
    }
    throw new GitError('git-failed', `git ${args[0]} failed: ${r.error.message}`);
  }
  return { status: r.status ?? 1, stdout: r.stdout, stderr: r.stderr.toString('utf8') };
}

/** A repository-relative path without `.`, `..`, doubled or trailing slashes; undefined if it escapes. */
function normalize(path: string): string | undefined {
  const p = path.replace(/\\/g, '/');
  if (p.startsWith('/')) return undefined;
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') return undefined;
    out.push(seg);
  }
  return out.join('/');
}

function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .find((l) => l.trim() !== '')
      ?.trim() ?? ''
  );
}

function withCode(e: Error, code: string): Error {
  return Object.assign(e, { code });
}
