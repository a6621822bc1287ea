/** Where the builder shows a diagnostic of `withCustomSets`. */
export type DiagnosticTarget =
  | { kind: 'grant'; key: string }
  | { kind: 'field'; field: 'id' | 'name' | 'description' | 'extends' }
  | { kind: 'set' };

/**
 * The control a diagnostic belongs to, from its JSON Pointer into a one-definition batch:
 * `/0/grants/absence.view` is the permission's row, `/0/extends` the base picker, `/0/name`
 * the name field; anything else (the whole set, `include`, `restrict`) the set as a whole.
 */
export function diagnosticTarget(path: string): DiagnosticTarget {
  const segments = path.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (segments[0] !== '0') return { kind: 'set' };
  const [, key, sub] = segments;
  if (key === 'grants' && sub !== undefined) return { kind: 'grant', key: sub };
  if (key === 'id' || key === 'name' || key === 'description' || key === 'extends') return { kind: 'field', field: key };
  return { kind: 'set' };
}
