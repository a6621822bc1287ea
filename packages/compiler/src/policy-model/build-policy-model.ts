import type { SourceFile, SourceRef } from '../diagnostics/index.js';
import type { CompileResult } from '../program/index.js';
import { provenance, type ResolvedSet } from '../resolve/index.js';
import { removalLookup } from './removal-lookup.js';
import type {
  ModelGrant,
  ModelLocation,
  ModelPermission,
  ModelRemoval,
  ModelScopeDef,
  ModelSet,
  PolicyModel,
} from './policy-model-types.js';

/** Options of {@link buildPolicyModel}. */
export interface PolicyModelOptions {
  /**
   * How files are named in the model (default: as compiled). `permset build` names them
   * relative to the policy folder's parent, so artifacts do not depend on the working directory.
   */
  fileName?: (uri: string) => string;
  /**
   * Where an entry is, for sources that are not files (a run-time custom set's definition: its
   * JSON Pointer as `file`, at line 0); undefined for the rest, located in their file.
   */
  locate?: (ref: SourceRef) => ModelLocation | undefined;
}

/** Builds the {@link PolicyModel} of a compilation (errors or not: back ends decide). */
export function buildPolicyModel(result: CompileResult, options: PolicyModelOptions = {}): PolicyModel {
  const { catalog, resolution } = result.resolved;
  const rename = options.fileName ?? ((uri: string) => uri);
  const loc = (ref: SourceRef): ModelLocation => {
    const own = options.locate?.(ref);
    if (own) return own;
    const at = locate(result.files.get(ref.uri), ref);
    return { ...at, file: rename(at.file) };
  };
  const def = catalog.def;
  // Only permissions some `none` names can be removed: the rest are simply not granted, and
  // walking every set's chain for each of them would cost sets × permissions × depth.
  const removedBy = removalLookup(result, rename, options.locate);
  const removable = removablePermissions(result, catalog);
  const attrs = (m: ReadonlyMap<string, { type: string | undefined }> | undefined): Record<string, string> =>
    Object.fromEntries([...(m ?? new Map())].filter(([, a]) => a.type).map(([n, a]) => [n, a.type as string]));

  const permissions: ModelPermission[] = [...(def?.permissions.values() ?? [])].map((p) => {
    const out: ModelPermission = {
      id: p.id,
      label: p.label,
      area: p.area,
      scopes: p.scopes.map((s) => s.value),
      requires: p.requires.map((r) => r.value),
      sensitive: p.sensitive,
      at: loc({ uri: p.uri, span: p.idSpan }),
    };
    if (p.scopeLabels.size) out.scopeLabels = Object.fromEntries([...p.scopeLabels].map(([k, v]) => [k, v.value]));
    if (p.description) out.description = p.description;
    const rt = catalog.resourceTypeOf(p.id);
    if (rt) out.resourceType = rt;
    return out;
  });

  const seatOrder = [...(def?.seats.keys() ?? [])];
  const sets: ModelSet[] = orderSets([...resolution.sets.values()], seatOrder).map((set) => {
    const grants: ModelGrant[] = [];
    for (const permission of def?.permissions.keys() ?? []) {
      const g = set.effective.get(permission);
      if (!g) continue;
      const p = provenance(resolution, set.id, permission)!;
      const grant: ModelGrant = {
        permission,
        scopes: g.scopes.map((s) => (s.when ? { scope: s.scope, when: s.when.text.trim() } : { scope: s.scope })),
        source: {
          kind: p.source.ownerKind,
          id: p.source.ownerId,
          key: p.source.entry.key,
          at: loc({ uri: p.source.entry.uri, span: p.source.entry.keySpan }),
        },
        via: p.via.map((v) => ({ kind: v.kind, from: v.from, to: v.to, at: loc(v.at) })),
      };
      if (p.restricted) {
        const term = (s: { scope: string; when?: { text: string } | undefined }) =>
          `${s.scope}\u0000${s.when?.text.trim() ?? ''}`;
        const kept = new Set(g.scopes.map(term));
        const original = (g.restrictedBy?.original.scopes ?? []).filter((s) => !kept.has(term(s)));
        grant.restricted = {
          set: p.restricted.setId,
          scope: resolution.sets.get(p.restricted.setId)?.def.restrict?.value ?? '',
          at: loc(p.restricted.at),
          from: original.map((s) => (s.when ? { scope: s.scope, when: s.when.text.trim() } : { scope: s.scope })),
        };
      }
      grants.push(grant);
    }
    const out: ModelSet = {
      id: set.id,
      name: set.def.name?.value ?? set.id,
      system: set.def.system,
      include: set.def.include.map((i) => i.value),
      at: loc({ uri: set.def.origin.uri, span: set.def.id.span }),
      grants,
    };
    if (set.def.description) out.description = set.def.description;
    if (set.seat) {
      out.seat = set.seat;
      const seat = def?.seats.get(set.seat);
      if (seat) out.paid = seat.paid;
    }
    if (set.def.extends) out.extends = set.def.extends.value;
    if (set.def.restrict) out.restrict = set.def.restrict.value;
    const removed: ModelRemoval[] = [];
    for (const permission of removable) {
      if (set.effective.has(permission)) continue;
      const r = removedBy(set.id, permission);
      if (r)
        removed.push({
          permission,
          source: { kind: r.owner.kind, id: r.owner.id, key: r.key ?? permission, at: r.at },
          via: r.via,
        });
    }
    if (removed.length) out.removed = removed;
    return out;
  });

  return {
    version: 1,
    areas: [...(def?.areas.values() ?? [])].map((a) =>
      a.resource ? { id: a.id, label: a.label, resource: a.resource.value } : { id: a.id, label: a.label },
    ),
    permissions,
    scopes: [...(def?.scopes.values() ?? [])].map((s) => {
      const out: ModelScopeDef = {
        name: s.name,
        label: s.label,
        includes: s.includes.map((i) => i.value),
        covers: [...catalog.coverage(s.name)].sort(),
      };
      if (s.when) out.when = s.when.text.trim();
      return out;
    }),
    seats: [...(def?.seats.values() ?? [])].map((s) => {
      const out: PolicyModel['seats'][number] = {
        name: s.name,
        label: s.label,
        paid: s.paid,
        customizable: s.customizable,
      };
      if (s.allows) out.allows = s.allows.map((a) => a.value);
      return out;
    }),
    resources: [...(def?.resources.values() ?? [])].map((r) => {
      const out: PolicyModel['resources'][number] = { name: r.name, attributes: attrs(r.attributes) };
      if (r.label) out.label = r.label;
      return out;
    }),
    subjectAttributes: attrs(def?.subjectAttributes),
    contextAttributes: attrs(def?.contextAttributes),
    sets,
  };
}

function locate(file: SourceFile | undefined, ref: SourceRef): ModelLocation {
  const pos = file ? file.positionAt(ref.span[0]) : { line: 0, character: 0 };
  return { file: ref.uri, line: pos.line + 1, column: pos.character + 1 };
}

/**
 * System sets first, then custom; within each, by seat in catalog order (employees before
 * clients), then a depth-first walk of the inheritance forest by id, so a base stands before the
 * sets derived from it.
 */
function orderSets(sets: ResolvedSet[], seatOrder: string[]): ResolvedSet[] {
  const byId = (a: ResolvedSet, b: ResolvedSet) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const children = new Map<string, ResolvedSet[]>();
  const roots: ResolvedSet[] = [];
  for (const s of sets) {
    if (s.base) {
      const list = children.get(s.base.id) ?? [];
      list.push(s);
      children.set(s.base.id, list);
    } else roots.push(s);
  }
  const walked: ResolvedSet[] = [];
  const stack = roots.sort(byId).reverse();
  while (stack.length) {
    const s = stack.pop()!;
    walked.push(s);
    const kids = (children.get(s.id) ?? []).sort(byId);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  const seatRank = (s: ResolvedSet) => {
    const i = s.seat ? seatOrder.indexOf(s.seat) : -1;
    return i < 0 ? seatOrder.length : i;
  };
  // A stable sort keeps the forest order inside each (system, seat) group.
  return walked
    .map((s, i) => ({ s, i }))
    .sort((a, b) => Number(b.s.def.system) - Number(a.s.def.system) || seatRank(a.s) - seatRank(b.s) || a.i - b.i)
    .map((x) => x.s);
}

/** The catalog's permissions that some set's or fragment's `none` entry decides, in catalog order. */
function removablePermissions(result: CompileResult, catalog: CompileResult['resolved']['catalog']): string[] {
  const named = new Set<string>();
  const add = (decisions: Iterable<[string, { kind: string }]>) => {
    for (const [permission, d] of decisions) if (d.kind === 'remove') named.add(permission);
  };
  for (const set of result.resolved.resolution.sets.values())
    add([...set.own].map(([p, o]) => [p, o.decision] as [string, { kind: string }]));
  for (const layer of result.resolved.resolution.fragmentLayers.values()) add(layer);
  return [...catalog.permissionIds()].filter((p) => named.has(p));
}
