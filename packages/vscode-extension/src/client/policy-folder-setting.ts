/**
 * The `permset.policyFolder` setting, read the way the language server reads it (see
 * `resolvePolicyRoot` in packages/lsp): empty means "the folder's `policies/` if it exists, else
 * the folder"; a relative path is under the workspace folder; an absolute one is used as it is.
 */
export type PolicyFolderSetting =
  { kind: 'auto' } | { kind: 'relative'; path: string } | { kind: 'absolute'; path: string };

/** Reads the setting's raw value (anything a settings.json can hold). */
export function parsePolicyFolderSetting(raw: unknown): PolicyFolderSetting {
  if (typeof raw !== 'string') return { kind: 'auto' };
  const value = raw.trim().replace(/\\/g, '/');
  if (value === '' || value === '.' || value === './')
    return value === '' ? { kind: 'auto' } : { kind: 'relative', path: '.' };
  if (value.startsWith('/') || /^[A-Za-z]:\//.test(value))
    return { kind: 'absolute', path: value.replace(/\/+$/, '') || '/' };
  const segments = value.split('/').filter((s) => s !== '' && s !== '.');
  return { kind: 'relative', path: segments.length ? segments.join('/') : '.' };
}
