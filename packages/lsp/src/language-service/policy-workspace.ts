import { posix } from 'node:path';
import type {
  CompileResult,
  Diagnostic,
  FileSystem,
  LoadedFile,
  Problem,
  SourceFile,
  SourceInput,
} from '@permset/compiler';
import { DEFAULT_MAX_FILE_SIZE, Program, fileTooLarge } from '@permset/compiler';
import { readPolicyFolder, withFolderProblems } from '@permset/compiler/project';
import { isPolicyFile, isYamlPath } from './policy-file.js';
import { isUnder, pathToUri, uriToPath } from './uri.js';
import { WorkspaceState } from './workspace-state.js';

/** How a {@link PolicyWorkspace} is set up. */
export interface PolicyWorkspaceOptions {
  /** The workspace folder (a `file://` URI). */
  folderUri: string;
  /** Where policy files are read from on disk. */
  fileSystem: FileSystem;
  /**
   * The policy folder, relative to the workspace folder or absolute. Default: the folder's
   * `policies/` if it exists, else the folder itself.
   */
  policyFolder?: string | undefined;
}

/**
 * One workspace folder's policies, compiled incrementally: the compiler's {@link Program} over
 * every policy file under the policy folder, with the editor's unsaved text in place of the
 * disk's for open files. Files are keyed by canonical `file://` URI.
 *
 * Only policy files are part of the program (see `isPolicyFile`): other YAML files in the folder
 * are left alone. A file stays a policy file while it is open, or while a syntax error hides its
 * `kind`, so typing never makes its diagnostics flicker away.
 *
 * Edits are cheap: they only record the text. The file is re-loaded when a feature needs its
 * tree (`loaded`), and the project re-resolved and re-checked on `compile`.
 */
export class PolicyWorkspace {
  readonly folderUri: string;
  /** The policy folder on disk, `/`-separated. */
  readonly rootPath: string;
  readonly rootUri: string;
  /** Where policy files are read from on disk. */
  readonly fs: FileSystem;
  /** What features and requests cache for this workspace: dropped with it, shared with no other. */
  readonly state = new WorkspaceState();
  private readonly program: Program;
  private readonly openDocs = new Map<string, { text: string; version: number }>();
  /** Open documents whose latest text has not been loaded into the program yet. */
  private readonly stale = new Set<string>();
  private readonly policyUris = new Set<string>();
  /** What reading the policy folder found wrong (unreadable, too large), by file URI. */
  private scanProblems: Problem[] = [];
  /** Whether the policy folder itself could not be read (see `readPolicyFolder`). */
  private rootUnreadable = false;
  private last: CompileResult | undefined;
  private fresh = false;
  /** Bumped on every change: what a compilation saw, for callers that must not publish stale results. */
  generation = 0;

  constructor(options: PolicyWorkspaceOptions) {
    this.folderUri = options.folderUri;
    this.fs = options.fileSystem;
    const folderPath = uriToPath(options.folderUri) ?? '/';
    this.rootPath = resolvePolicyRoot(folderPath, options.policyFolder, this.fs);
    this.rootUri = pathToUri(this.rootPath);
    this.program = new Program({ projectUri: this.rootUri });
  }

  /** Reads every policy file under the policy folder from disk (open documents keep their text). */
  scan(): number {
    const collected = readPolicyFolder(this.fs, this.rootPath);
    this.scanProblems = collected.problems.map((p) => ({ ...p, uri: pathToUri(p.uri) }));
    this.rootUnreadable = collected.unreadable;
    for (const source of collected.sources) {
      const uri = pathToUri(source.uri);
      if (this.openDocs.has(uri)) continue;
      this.apply({ uri, bytes: source.bytes! }, false);
    }
    this.changed();
    return this.policyUris.size;
  }

  /** Whether a file belongs to this workspace: a YAML file under the policy folder. */
  contains(uri: string): boolean {
    const path = uriToPath(uri);
    return path !== undefined && isYamlPath(path) && isUnder(path, this.rootPath);
  }

  /** Whether a file is one of the workspace's policy files (in the program). */
  isPolicyFile(uri: string): boolean {
    this.sync(uri);
    return this.policyUris.has(uri);
  }

  /** Every policy file, sorted. */
  policyFiles(): string[] {
    this.syncAll();
    return [...this.policyUris].sort();
  }

  /** The editor opened a document: its text replaces the file's. */
  openDocument(uri: string, text: string, version: number): void {
    this.openDocs.set(uri, { text, version });
    this.stale.add(uri);
    this.changed();
  }

  /** The editor changed an open document. */
  changeDocument(uri: string, text: string, version: number): void {
    this.openDocument(uri, text, version);
  }

  /** The editor closed a document: the file on disk (if any) is the truth again. */
  closeDocument(uri: string): void {
    this.openDocs.delete(uri);
    this.stale.delete(uri);
    this.reloadFromDisk(uri);
  }

  /** A file changed on disk (created, changed or deleted); open documents keep the editor's text. */
  fileChangedOnDisk(uri: string): void {
    if (this.openDocs.has(uri) || !this.contains(uri)) return;
    this.reloadFromDisk(uri);
  }

  /** The editor's text of an open document (policy file or not). */
  openText(uri: string): string | undefined {
    return this.openDocs.get(uri)?.text;
  }

  /** The version of an open document, if it is open. */
  openVersion(uri: string): number | undefined {
    return this.openDocs.get(uri)?.version;
  }

  /** A policy file as loaded (tree and text), current with the editor. */
  loaded(uri: string): LoadedFile | undefined {
    this.sync(uri);
    return this.policyUris.has(uri) ? this.program.loaded(uri) : undefined;
  }

  /** A policy file's text with its line table. */
  sourceFile(uri: string): SourceFile | undefined {
    return this.loaded(uri)?.source;
  }

  /**
   * Resolves and checks the whole project (cached until something changes), with what reading
   * the folder found added as `permset check` adds it.
   */
  compile(): CompileResult {
    this.syncAll();
    if (!this.fresh || !this.last) {
      this.last = withFolderProblems(this.program.compile(), {
        problems: this.scanProblems,
        unreadable: this.rootUnreadable && this.policyUris.size === 0,
      });
      this.fresh = true;
    }
    return this.last;
  }

  /**
   * The latest compilation, even if an edit came after it, for features that must answer at
   * once (hover, completion): they read names and grants from it and positions from the current
   * text. Compiles if there has never been one.
   */
  lastCompiled(): CompileResult {
    return this.last ?? this.compile();
  }

  /** Whether `compile()` would do work. */
  get dirty(): boolean {
    return !this.fresh || this.stale.size > 0;
  }

  /** Every diagnostic of the project by file (none at all for a folder without policy files). */
  diagnostics(): Map<string, Diagnostic[]> {
    const result = this.compile();
    const out = new Map<string, Diagnostic[]>();
    if (this.policyUris.size === 0 && this.scanProblems.length === 0) return out;
    for (const d of result.diagnostics) {
      const list = out.get(d.uri);
      if (list) list.push(d);
      else out.set(d.uri, [d]);
    }
    return out;
  }

  private sync(uri: string): void {
    if (!this.stale.has(uri)) return;
    this.stale.delete(uri);
    const doc = this.openDocs.get(uri);
    if (doc) this.apply({ uri, text: doc.text }, true);
  }

  private syncAll(): void {
    for (const uri of [...this.stale]) this.sync(uri);
  }

  private reloadFromDisk(uri: string): void {
    const path = uriToPath(uri);
    // What the scan said about this file (unreadable, too large) is replaced by what happens now.
    this.scanProblems = this.scanProblems.filter((d) => d.uri !== uri);
    let bytes: Uint8Array | undefined;
    try {
      const stat = path !== undefined ? this.fs.stat(path) : undefined;
      if (stat?.kind === 'file' && stat.size > DEFAULT_MAX_FILE_SIZE) {
        // As in the scan: a huge file is reported, never read into memory.
        if (this.contains(uri))
          this.scanProblems.push({ ...fileTooLarge(path!, stat.size, DEFAULT_MAX_FILE_SIZE), uri });
      } else if (stat?.kind === 'file') bytes = this.fs.readFile(path!);
    } catch {
      bytes = undefined;
    }
    if (bytes && this.contains(uri)) this.apply({ uri, bytes }, false);
    else {
      this.program.removeFile(uri);
      this.policyUris.delete(uri);
    }
    this.changed();
  }

  private apply(input: SourceInput, open: boolean): void {
    this.program.setFile(input);
    const loaded = this.program.loaded(input.uri)!;
    const wasPolicy = this.policyUris.has(input.uri);
    const keep =
      isPolicyFile(loaded) ||
      // A file the loader refused (too large, an alias bomb, nesting too deep) has no `kind` to
      // tell, but is still reported, as `permset check` does.
      loaded.problems.some((p) => p.code === 'file-too-large' || p.code === 'yaml-limit') ||
      (wasPolicy && (open || loaded.documents.some((d) => d.hasSyntaxErrors)));
    if (keep) this.policyUris.add(input.uri);
    else {
      this.program.removeFile(input.uri);
      this.policyUris.delete(input.uri);
    }
    this.fresh = false;
  }

  private changed(): void {
    this.fresh = false;
    this.generation++;
  }
}

/** The policy folder of a workspace folder: the setting, else `policies/` if it exists, else the folder. */
export function resolvePolicyRoot(folderPath: string, setting: string | undefined, fs: FileSystem): string {
  const folder = folderPath.replace(/\/+$/, '') || '/';
  if (setting && setting.trim() !== '') {
    const s = setting.trim().replace(/\\/g, '/');
    return posix.normalize(s.startsWith('/') ? s : `${folder}/${s}`).replace(/\/+$/, '') || '/';
  }
  const policies = `${folder === '/' ? '' : folder}/policies`;
  try {
    if (fs.stat(policies)?.kind === 'directory') return policies;
  } catch {
    // an unreadable `policies` is not the policy folder
  }
  return folder;
}
