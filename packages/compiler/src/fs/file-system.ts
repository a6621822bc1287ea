/** What kind of thing a path is. */
export type EntryKind = 'file' | 'directory' | 'other';

/** A directory entry. */
export interface DirectoryEntry {
  name: string;
  kind: EntryKind;
}

/**
 * The file access the compiler's project loader needs, injected so the core does no I/O of its
 * own: the CLI passes the Node file system, `permset diff` a git revision's tree, tests an
 * in-memory map. Paths use `/` separators. Methods may throw; the loader reports, never throws.
 */
export interface FileSystem {
  /** What `path` is (following links); `undefined` if it does not exist. */
  stat(path: string): { kind: EntryKind; size: number } | undefined;
  /** The entries of a directory (links followed for `kind`). */
  readDirectory(path: string): DirectoryEntry[];
  readFile(path: string): Uint8Array;
  /** The canonical path (links resolved), used to visit each directory once despite link loops. */
  realPath(path: string): string;
}

/** A read-only file system over a map of path to content, for tests and in-memory projects. */
export class MemoryFileSystem implements FileSystem {
  private readonly files = new Map<string, Uint8Array>();

  constructor(files: Record<string, string | Uint8Array> = {}) {
    for (const [path, content] of Object.entries(files))
      this.files.set(normalize(path), typeof content === 'string' ? new TextEncoder().encode(content) : content);
  }

  stat(path: string): { kind: EntryKind; size: number } | undefined {
    const p = normalize(path);
    const f = this.files.get(p);
    if (f) return { kind: 'file', size: f.length };
    const prefix = p === '' || p === '.' ? '' : p + '/';
    for (const k of this.files.keys()) if (k.startsWith(prefix)) return { kind: 'directory', size: 0 };
    return undefined;
  }

  readDirectory(path: string): DirectoryEntry[] {
    const p = normalize(path);
    const prefix = p === '' || p === '.' ? '' : p + '/';
    const out = new Map<string, EntryKind>();
    for (const k of this.files.keys()) {
      if (!k.startsWith(prefix)) continue;
      const rest = k.slice(prefix.length);
      const slash = rest.indexOf('/');
      if (slash < 0) out.set(rest, 'file');
      else out.set(rest.slice(0, slash), 'directory');
    }
    return [...out].map(([name, kind]) => ({ name, kind }));
  }

  readFile(path: string): Uint8Array {
    const f = this.files.get(normalize(path));
    if (!f) throw new Error(`ENOENT: no such file '${path}'`);
    return f;
  }

  realPath(path: string): string {
    return normalize(path);
  }
}

function normalize(path: string): string {
  return path.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '');
}
