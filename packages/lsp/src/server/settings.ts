/** The server's settings (section `permset`; see docs/editors.md). */
export interface ServerSettings {
  /** The policy folder, relative to each workspace folder (default: `policies/` if it exists, else the folder). */
  policyFolder: string | undefined;
  /** How long edits must pause before the workspace is re-checked, in milliseconds (default 150). */
  debounceMs: number;
}

/** The defaults. */
export const DEFAULT_SETTINGS: ServerSettings = { policyFolder: undefined, debounceMs: 150 };

/**
 * Reads settings from what a client sends (`initializationOptions`, `workspace/configuration`,
 * `didChangeConfiguration`): either `{ permset: { … } }` or the section itself. Unknown or
 * ill-typed values fall back to the current ones.
 */
export function readSettings(raw: unknown, current: ServerSettings = DEFAULT_SETTINGS): ServerSettings {
  const obj = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const section =
    obj['permset'] && typeof obj['permset'] === 'object' ? (obj['permset'] as Record<string, unknown>) : obj;
  const policyFolder = section['policyFolder'];
  const debounce = section['debounceMs'];
  return {
    policyFolder:
      typeof policyFolder === 'string'
        ? policyFolder.trim() === ''
          ? undefined
          : policyFolder
        : policyFolder === null
          ? undefined
          : current.policyFolder,
    debounceMs:
      typeof debounce === 'number' && Number.isFinite(debounce) && debounce >= 0 && debounce <= 10_000
        ? debounce
        : current.debounceMs,
  };
}
