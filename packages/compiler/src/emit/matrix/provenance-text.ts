import type { ModelGrant, ModelLocation, ModelScope } from '../../policy-model/index.js';

/**
 * "policies/sets/system/manager.yaml:28", as a reader (and an editor's go-to-line) wants it;
 * with `dir` ("policies/"), a file under it is named relative to it ("sets/system/manager.yaml:28").
 */
export function locationText(at: ModelLocation, dir = ''): string {
  return `${dir && at.file.startsWith(dir) ? at.file.slice(dir.length) : at.file}:${at.line}`;
}

/**
 * Where a set's grant comes from, in words, without the inheritance path:
 *
 * - "granted here (policies/sets/system/manager.yaml:28)": the set's own line;
 * - "inherited from manager (policies/sets/system/manager.yaml:28)": a base set's line;
 * - "from fragment crm-access (policies/fragments/crm-access.yaml:5)": an included fragment's line;
 *
 * with "invoices.* at " before the location when a wildcard key grants it, and
 * ", narrowed from all to member by restrict (…:11)" when a `restrict` narrowed it ("by restrict
 * of manager-restricted" when that restrict is a base's). `dir` shortens paths as in
 * {@link locationText}.
 */
export function provenanceSummary(setId: string, grant: ModelGrant, dir = ''): string {
  const { origin, narrowed } = phrases(setId, grant, dir);
  return narrowed ? `${origin}, ${narrowed}` : origin;
}

/**
 * {@link provenanceSummary} with the inheritance path spliced in after the origin:
 * "inherited from staff (…/staff.yaml:32) via extends at …/manager-restricted.yaml:10 → manager
 * extends at …/manager.yaml:10 → coordinator extends at …/coordinator.yaml:8". The first step is
 * the set's own `extends`/`include` line; each later step names the set that takes it.
 */
export function provenanceText(setId: string, grant: ModelGrant, dir = ''): string {
  const { origin, narrowed } = phrases(setId, grant, dir);
  const steps = grant.via
    .map((v, i) => `${i === 0 ? '' : `${v.from} `}${v.kind} at ${locationText(v.at, dir)}`)
    .join(' → ');
  return `${origin}${steps ? ` via ${steps}` : ''}${narrowed ? `, ${narrowed}` : ''}`;
}

function phrases(setId: string, grant: ModelGrant, dir: string): { origin: string; narrowed?: string } {
  const { source } = grant;
  const where = `(${source.key !== grant.permission ? `${source.key} at ` : ''}${locationText(source.at, dir)})`;
  const origin =
    source.kind === 'fragment'
      ? `from fragment ${source.id} ${where}`
      : source.id === setId && grant.via.length === 0
        ? `granted here ${where}`
        : `inherited from ${source.id} ${where}`;
  const r = grant.restricted;
  if (!r) return { origin };
  const from = r.from.length ? `from ${scopeList(r.from)} ` : '';
  const by = r.set === setId ? 'restrict' : `restrict of ${r.set}`;
  return { origin, narrowed: `narrowed ${from}to ${r.scope} by ${by} (${locationText(r.at, dir)})` };
}

function scopeList(scopes: readonly ModelScope[]): string {
  return scopes.map((s) => s.scope).join(' + ');
}
