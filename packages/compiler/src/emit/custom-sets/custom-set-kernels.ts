import { kernelKey } from './kernel-key.js';
import type { ResolvedProject } from '../../program/index.js';
import { computeLayer } from '../../resolve/index.js';
import type { EvaluatorPlan, GrantFunctionWriter } from '../evaluator/index.js';
import { jsString } from '../evaluator/js-literal.js';

/**
 * The kernels of custom-sets.js: for every permission's resource type, every scope the permission
 * allows, alone and with each grant condition the built policies attach to that permission (a
 * run-time set inherits those from its base or a fragment, and `restrict` can move them to a
 * narrower scope). Each is a grant shape of one scope, written by the evaluator's own writer, so
 * a run-time set decides with the very code a compiled set does. Returns the `KERNELS` table.
 */
export function kernelTable(compiled: ResolvedProject, plan: EvaluatorPlan, writer: GrantFunctionWriter): string {
  const { catalog, resolution } = compiled;
  const whens = new Map<string, Set<string>>();
  const note = (permission: string, when: string | undefined) => {
    if (when === undefined) return;
    let set = whens.get(permission);
    if (!set) whens.set(permission, (set = new Set()));
    set.add(when);
  };
  for (const set of resolution.sets.values()) {
    for (const [permission, grant] of set.effective)
      for (const s of grant.scopes) note(permission, s.when?.text.trim());
    for (const [permission, own] of set.own)
      if (own.decision.kind === 'grant')
        for (const s of own.decision.grant.scopes) note(permission, s.when?.text.trim());
  }
  // Every fragment, including one no built set includes (the resolver computes a fragment's
  // layer only when a set includes it): a run-time set may be the first to.
  for (const fragment of compiled.project.fragments.values()) {
    const layer =
      resolution.fragmentLayers.get(fragment.id.value) ??
      computeLayer({ kind: 'fragment', id: fragment.id.value, grants: fragment.grants }, catalog);
    for (const [permission, decision] of layer)
      if (decision.kind === 'grant') for (const s of decision.grant.scopes) note(permission, s.when?.text.trim());
  }
  const rows = new Map<string, string>();
  for (const permission of catalog.def?.permissions.values() ?? []) {
    const type = catalog.resourceTypeOf(permission.id);
    const conditions: (string | undefined)[] = [undefined, ...[...(whens.get(permission.id) ?? [])].sort()];
    for (const { value: scope } of permission.scopes) {
      for (const when of conditions) {
        const key = kernelKey(type, scope, when);
        if (rows.has(key)) continue;
        const id = writer.fnOfShape(plan.shape(type, [when === undefined ? { scope } : { scope, when }]));
        rows.set(key, id === 0 ? 'ALLOW' : id === 1 ? 'DENY' : `g${id}`);
      }
    }
  }
  const entries = [...rows].map(([key, fn]) => `[${jsString(key)}, ${fn}]`);
  return `const KERNELS = new Map([\n  ${entries.join(',\n  ')}\n]);`;
}
