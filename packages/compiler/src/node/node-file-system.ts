import { readFileSync, readdirSync, realpathSync, statSync } from 'node:fs';
import type { DirectoryEntry, EntryKind, FileSystem } from '../fs/index.js';

/** The real file system, through Node's synchronous API (the compiler is synchronous throughout). */
export class NodeFileSystem implements FileSystem {
  stat(path: string): { kind: EntryKind; size: number } | undefined {
    try {
      const s = statSync(path);
      return { kind: s.isFile() ? 'file' : s.isDirectory() ? 'directory' : 'other', size: s.size };
    } catch (e) {
      if ((e as { code?: string }).code === 'ENOENT') return undefined;
      throw e;
    }
  }

  readDirectory(path: string): DirectoryEntry[] {
    return readdirSync(path, { withFileTypes: true }).map((d) => {
      let kind: EntryKind = d.isFile() ? 'file' : d.isDirectory() ? 'directory' : 'other';
      if (d.isSymbolicLink()) {
        // Follow the link for its kind; a broken or looping link is a file the loader reports.
        try {
          const s = statSync(`${path}/${d.name}`);
          kind = s.isFile() ? 'file' : s.isDirectory() ? 'directory' : 'other';
        } catch {
          kind = 'file';
        }
      }
      return { name: d.name, kind };
    });
  }

  readFile(path: string): Uint8Array {
    return readFileSync(path);
  }

  realPath(path: string): string {
    return realpathSync(path);
  }
}
