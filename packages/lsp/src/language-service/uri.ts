import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * The file system path of a `file://` URI, `undefined` for any other scheme (an untitled
 * buffer, a git diff view): those are never policy files of a workspace.
 */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri).replace(/\\/g, '/');
  } catch {
    return undefined;
  }
}

/** The `file://` URI of a path, in the one spelling the server uses as a key. */
export function pathToUri(path: string): string {
  return pathToFileURL(path).href;
}

/**
 * A URI in the server's canonical spelling. Clients may encode the same file differently
 * (`%3A` or `:`, upper- or lower-case escapes); the server keys files by this form and answers
 * with the client's own spelling where it knows it.
 */
export function normalizeUri(uri: string): string {
  const path = uriToPath(uri);
  return path === undefined ? uri : pathToUri(path);
}

/** Whether `path` is `root` or inside it. */
export function isUnder(path: string, root: string): boolean {
  const r = root.replace(/\/+$/, '');
  return path === r || path.startsWith(r + '/');
}

/** The last segment of a URI or path (`manager.yaml`). */
export function baseName(uriOrPath: string): string {
  const clean = uriOrPath.replace(/\/+$/, '');
  return decodeURIComponent(clean.slice(clean.lastIndexOf('/') + 1));
}
