/**
 * The key of a kernel: the grant function of one scope of a permission of `resourceType`, with
 * the grant's own condition text (trimmed, as the policy model writes it) if any. custom-sets.js
 * holds one kernel per key a set of the built policies can reach; a run-time set's grant is the
 * disjunction of its scopes' kernels.
 */
export function kernelKey(resourceType: string | undefined, scope: string, when: string | undefined): string {
  return `${resourceType ?? ''}\u0000${resourceType === undefined ? 0 : 1}\u0000${scope}\u0000${when ?? ''}`;
}
