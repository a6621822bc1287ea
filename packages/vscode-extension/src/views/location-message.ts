/** A validated request from a view to open a policy file at a place. */
export interface OpenLocation {
  /** Relative to the workspace folder, `/`-separated (as the server names files). */
  file: string;
  /** 0-based, for VS Code. */
  line: number;
  character: number;
}

/**
 * Reads a `permset.openLocation` message from a webview (the matrix page or our views): a YAML
 * file named relative to the workspace folder (or absolute, for a policy folder outside it), and
 * a 1-based line and column. Anything else (another type, a non-YAML file, a URL, bad numbers)
 * is refused with `undefined`: a page never opens an arbitrary resource.
 */
export function readOpenLocation(message: unknown): OpenLocation | undefined {
  if (!message || typeof message !== 'object') return undefined;
  const m = message as Record<string, unknown>;
  if (m['type'] !== 'permset.openLocation') return undefined;
  const file = m['file'];
  if (
    typeof file !== 'string' ||
    file === '' ||
    file.length > 4096 ||
    (/^[a-z][a-z0-9+.-]*:/i.test(file) && !/^[A-Za-z]:[\\/]/.test(file))
  )
    return undefined;
  if (!/\.ya?ml$/i.test(file) || file.includes('\0')) return undefined;
  const line = positive(m['line']);
  const column = positive(m['column']) ?? 1;
  if (line === undefined) return undefined;
  return { file: file.replace(/\\/g, '/'), line: line - 1, character: column - 1 };
}

function positive(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 10_000_000 ? value : undefined;
}
