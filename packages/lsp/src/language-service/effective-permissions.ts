import type { CompileResult, ResolvedSet, SourceRef } from '@permset/compiler';
import { describeScopes, provenance } from '@permset/compiler';
import { code, md, plural } from './markdown.js';
import { baseName } from './uri.js';

/** Where a place in a policy file is, as people read it: `manager.yaml:28`. */
export interface ShortLocation {
  uri: string;
  /** 1-based. */
  line: number;
}

/** One effective grant of a set, explained. */
export interface GrantExplained {
  permission: string;
  label: string;
  /** The scopes in words: `member`, `own, member (when …)`. */
  scopes: string;
  /** Who wrote the grant: the set itself, a fragment it includes, or a set (or fragment) it inherits from. */
  origin: 'own' | 'fragment' | 'inherited';
  /** `own`, `fragment crm-access`, `manager`, `fragment crm-access via staff`. */
  from: string;
  at: ShortLocation;
  /** The `restrict` that narrowed the grant, and what it narrowed. */
  restricted?: { set: string; from: string };
}

/** A set's effective permissions, as hover, code lens and preview show them. */
export interface SetSummary {
  id: string;
  name: string;
  seat: string | undefined;
  seatLabel: string | undefined;
  system: boolean;
  extends: string | undefined;
  include: string[];
  restrict: string | undefined;
  grants: GrantExplained[];
  /** Grants that come from a base set or a fragment. */
  inherited: number;
}

/**
 * Explains a set's effective grants from the compiler's resolution (`provenance`): for each,
 * its scopes, who grants it (the set itself, a fragment, a base set) and where, and the
 * `restrict` that narrowed it. The server never re-derives inheritance.
 */
export function summarizeSet(result: CompileResult, setId: string): SetSummary | undefined {
  const { resolution, catalog } = result.resolved;
  const set = resolution.sets.get(setId);
  if (!set) return undefined;
  const where = (ref: SourceRef): ShortLocation => ({
    uri: ref.uri,
    line: (result.files.get(ref.uri)?.positionAt(ref.span[0]).line ?? 0) + 1,
  });
  const grants: GrantExplained[] = [];
  for (const permission of orderedPermissions(result, set)) {
    const p = provenance(resolution, set.id, permission);
    if (!p) continue;
    const source = p.source;
    const first = p.via[0];
    const origin: GrantExplained['origin'] = !first ? 'own' : first.kind === 'include' ? 'fragment' : 'inherited';
    let from: string;
    if (origin === 'own') from = 'own';
    else if (origin === 'fragment') from = `fragment ${source.ownerId}`;
    else {
      const last = p.via[p.via.length - 1]!;
      from = source.ownerKind === 'fragment' ? `fragment ${source.ownerId} via ${last.from}` : source.ownerId;
    }
    const g: GrantExplained = {
      permission,
      label: catalog.permission(permission)?.label ?? permission,
      scopes: describeScopes(p.grant.scopes),
      origin,
      from,
      at: where({ uri: source.entry.uri, span: source.entry.keySpan }),
    };
    if (p.restricted)
      g.restricted = {
        set: p.restricted.setId,
        from: describeScopes(p.grant.restrictedBy?.original.scopes ?? p.grant.scopes),
      };
    grants.push(g);
  }
  const seat = set.seat ? catalog.def?.seats.get(set.seat) : undefined;
  return {
    id: set.id,
    name: set.def.name?.value ?? set.id,
    seat: set.seat,
    seatLabel: seat?.label,
    system: set.def.system,
    extends: set.def.extends?.value,
    include: set.def.include.map((i) => i.value),
    restrict: set.def.restrict?.value,
    grants,
    inherited: grants.filter((g) => g.origin !== 'own').length,
  };
}

/** `42 permissions · 39 inherited · Employee seat`: the code lens line of a set. */
export function summaryLine(s: SetSummary): string {
  const seat = s.seat ? `${s.seatLabel ?? s.seat} seat` : 'no seat';
  return `${plural(s.grants.length, 'permission')} · ${s.inherited} inherited · ${seat}`;
}

/**
 * A set's effective permissions in Markdown, grouped by where they come from (own grants, each
 * fragment, each base), each with its scopes and `file:line`. `limit` caps each group (hover);
 * the preview shows everything.
 */
export function summaryMarkdown(s: SetSummary, limit = Number.POSITIVE_INFINITY): string {
  const head = [
    `**${md(s.name)}** ${code(s.id)}${s.system ? ' · system set' : ''}`,
    [
      s.seat
        ? `seat ${code(s.seat)}${s.seatLabel && s.seatLabel !== s.seat ? ` (${md(s.seatLabel)})` : ''}`
        : undefined,
      s.extends ? `extends ${code(s.extends)}` : undefined,
      s.include.length ? `includes ${s.include.map(code).join(', ')}` : undefined,
      s.restrict ? `restrict ${code(s.restrict)}` : undefined,
    ]
      .filter(Boolean)
      .join(' · '),
    `${plural(s.grants.length, 'effective permission')}: ${s.grants.length - s.inherited} own, ${s.inherited} inherited`,
  ].filter((l) => l !== '');
  const groups = new Map<string, GrantExplained[]>();
  for (const g of s.grants) {
    const title =
      g.origin === 'own' ? 'Own grants' : g.origin === 'fragment' ? `From ${g.from}` : `Inherited from ${g.from}`;
    groups.set(title, [...(groups.get(title) ?? []), g]);
  }
  const body: string[] = [];
  for (const [title, grants] of groups) {
    body.push('', `**${md(title)}**`, '');
    for (const g of grants.slice(0, limit)) body.push(`- ${grantLine(g)}`);
    if (grants.length > limit) body.push(`- … and ${grants.length - limit} more`);
  }
  return [...head, ...body].join('\n');
}

/** `` `budgets.view` member — View budgets (manager.yaml:28), narrowed from all by restrict `` */
export function grantLine(g: GrantExplained): string {
  const restricted = g.restricted
    ? `, narrowed from ${g.restricted.from} by \`restrict\` of ${code(g.restricted.set)}`
    : '';
  return `${code(g.permission)} ${md(g.scopes)} — ${md(g.label)} (${baseName(g.at.uri)}:${g.at.line})${restricted}`;
}

/** The set's effective permissions in catalog order. */
function orderedPermissions(result: CompileResult, set: ResolvedSet): string[] {
  const out: string[] = [];
  for (const id of result.resolved.catalog.permissionIds()) if (set.effective.has(id)) out.push(id);
  return out;
}
