import type { Attribution, ModelGrant } from '../policy-model/index.js';

/** The line that grants `grant` to `setId`, as an {@link Attribution}. */
export function grantAttribution(setId: string, grant: ModelGrant): Attribution {
  const { source } = grant;
  const out: Attribution = {
    what: 'grant',
    at: source.at,
    owner: { kind: source.kind, id: source.id },
    inherited: source.kind === 'fragment' || source.id !== setId || grant.via.length > 0,
    via: grant.via,
  };
  if (source.key !== grant.permission) out.key = source.key;
  return out;
}

/**
 * The `restrict` that narrowed `grant` for `setId`, if any. Its steps are the `extends` steps of
 * the grant's own path up to the restricting set, when that set is a base.
 */
export function restrictAttribution(setId: string, grant: ModelGrant): Attribution | undefined {
  const r = grant.restricted;
  if (!r) return undefined;
  const via = [];
  for (const step of grant.via) {
    if (step.from === r.set || step.kind !== 'extends') break;
    via.push(step);
  }
  return { what: 'restrict', at: r.at, owner: { kind: 'set', id: r.set }, inherited: r.set !== setId, via };
}

/** Whether two grants were narrowed by the same `restrict` to the same scope. */
export function sameRestriction(a: ModelGrant | undefined, b: ModelGrant | undefined): boolean {
  const ra = a?.restricted;
  const rb = b?.restricted;
  if (!ra || !rb) return !ra && !rb;
  return ra.set === rb.set && ra.scope === rb.scope;
}

/** "policies/sets/manager.yaml:14": the key {@link LineImpact}s are grouped by. */
export function lineKey(a: Attribution): string {
  return `${a.at.file}:${a.at.line}`;
}
