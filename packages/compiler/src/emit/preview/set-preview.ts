import type { ModelGrant, ModelLocation, ModelPermission, ModelSet, PolicyModel } from '../../policy-model/index.js';

/** A granted scope in plain words. */
export interface PreviewScope {
  scope: string;
  /** The permission's label for this scope, else the scope's label. */
  label: string;
  /** The grant's own condition. */
  when?: string;
}

/** One granted permission of a preview. */
export interface PreviewPermission {
  id: string;
  label: string;
  sensitive: boolean;
  scopes: PreviewScope[];
  /** "granted here", "inherited from manager", "via fragment crm-access", ... */
  origin: string;
  source: { kind: 'set' | 'fragment'; id: string; key: string } & ModelLocation;
  /** `manager-restricted ← extends manager`. */
  chain: string;
  via: ({ kind: 'extends' | 'include'; from: string; to: string } & ModelLocation)[];
  restricted?: { set: string; scope: string; from: string[] } & ModelLocation;
}

/** What a user with a set can do (the shape of `permset preview --format json`). */
export interface SetPreview {
  set: {
    id: string;
    name: string;
    description?: string;
    system: boolean;
    seat?: string;
    seatLabel?: string;
    paid?: boolean;
    extends?: string;
    include: string[];
    restrict?: string;
  } & ModelLocation;
  areas: { id: string; label: string; granted: number; total: number; permissions: PreviewPermission[] }[];
  /** Labels of the areas where the set has nothing. */
  notGranted: string[];
  /** Permissions a `none` entry takes away (its own, a fragment's or a base's), in catalog order. */
  removed: {
    id: string;
    label: string;
    source: { kind: 'set' | 'fragment'; id: string; key: string } & ModelLocation;
    chain: string;
  }[];
  summary: { permissions: number; totalPermissions: number; areas: number; totalAreas: number };
}

/**
 * "Try it out": what a user with `set` can do, grouped by the catalog's areas, each granted scope
 * in the words of the catalog's scope labels, and where each grant comes from. Pure data from
 * the policy model: `permset preview` prints it (`--format json` as it is) and the language
 * server's `permset/preview` request returns it.
 */
export function previewSet(model: PolicyModel, set: ModelSet): SetPreview {
  const permissions = new Map(model.permissions.map((p) => [p.id, p]));
  const scopeLabels = new Map(model.scopes.map((s) => [s.name, s.label]));
  const seat = model.seats.find((s) => s.name === set.seat);
  const { id, name, description, system, include, at } = set;
  const header: SetPreview['set'] = { id, name, ...(description ? { description } : {}), system, include, ...at };
  if (set.seat) header.seat = set.seat;
  if (seat) header.seatLabel = seat.label;
  if (set.paid !== undefined) header.paid = set.paid;
  if (set.extends) header.extends = set.extends;
  if (set.restrict) header.restrict = set.restrict;

  const byArea = new Map<string, PreviewPermission[]>();
  for (const grant of set.grants) {
    const perm = permissions.get(grant.permission);
    if (!perm) continue;
    const list = byArea.get(perm.area) ?? [];
    list.push(previewPermission(set, perm, grant, scopeLabels));
    byArea.set(perm.area, list);
  }
  const areas = model.areas
    .filter((a) => byArea.has(a.id))
    .map((a) => ({
      id: a.id,
      label: a.label,
      granted: byArea.get(a.id)!.length,
      total: model.permissions.filter((p) => p.area === a.id).length,
      permissions: byArea.get(a.id)!,
    }));
  const granted = areas.reduce((n, a) => n + a.granted, 0);
  return {
    set: header,
    areas,
    notGranted: model.areas.filter((a) => !byArea.has(a.id)).map((a) => a.label),
    removed: (set.removed ?? []).map((r) => ({
      id: r.permission,
      label: permissions.get(r.permission)?.label ?? r.permission,
      source: { kind: r.source.kind, id: r.source.id, key: r.source.key, ...r.source.at },
      chain: [set.id, ...r.via.map((v) => `← ${v.kind} ${v.to}`)].join(' '),
    })),
    summary: {
      permissions: granted,
      totalPermissions: model.permissions.length,
      areas: areas.length,
      totalAreas: model.areas.length,
    },
  };
}

function previewPermission(
  set: ModelSet,
  perm: ModelPermission,
  grant: ModelGrant,
  scopeLabels: Map<string, string>,
): PreviewPermission {
  const out: PreviewPermission = {
    id: perm.id,
    label: perm.label,
    sensitive: perm.sensitive,
    scopes: grant.scopes.map((s) => {
      const scope: PreviewScope = {
        scope: s.scope,
        label: perm.scopeLabels?.[s.scope] ?? scopeLabels.get(s.scope) ?? s.scope,
      };
      if (s.when !== undefined) scope.when = s.when;
      return scope;
    }),
    origin: origin(set, grant),
    source: { kind: grant.source.kind, id: grant.source.id, key: grant.source.key, ...grant.source.at },
    chain: [set.id, ...grant.via.map((v) => `← ${v.kind} ${v.to}`)].join(' '),
    via: grant.via.map((v) => ({ kind: v.kind, from: v.from, to: v.to, ...v.at })),
  };
  if (grant.restricted)
    out.restricted = {
      set: grant.restricted.set,
      scope: grant.restricted.scope,
      from: grant.restricted.from.map((s) => s.scope),
      ...grant.restricted.at,
    };
  return out;
}

/**
 * Where a grant comes from, in words: "granted here", "inherited from coordinator", "via
 * fragment crm-access", "inherited from staff-crm, via fragment crm-access".
 */
function origin(set: ModelSet, grant: ModelGrant): string {
  if (grant.via.length === 0)
    return grant.source.kind === 'set' && grant.source.id === set.id
      ? 'granted here'
      : `from ${grant.source.kind} ${grant.source.id}`;
  const include = grant.via.find((v) => v.kind === 'include');
  const extendsSteps = grant.via.filter((v) => v.kind === 'extends');
  const inheritedFrom = include ? (include.from === set.id ? undefined : include.from) : extendsSteps.at(-1)?.to;
  const parts: string[] = [];
  if (inheritedFrom !== undefined) parts.push(`inherited from ${inheritedFrom}`);
  if (include) parts.push(`via fragment ${include.to}`);
  return parts.join(', ');
}
