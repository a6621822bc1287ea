import type { CompileResult, FragmentDef, GuardDef } from '@permset/compiler';
import { describeScopes } from '@permset/compiler';
import { code, listWords, md, plural } from './markdown.js';
import { summarizeSet, summaryMarkdown } from './effective-permissions.js';

/** How many sets a permission's hover lists before "and N more". */
const MAX_LISTED = 15;

/**
 * A permission in Markdown: label, id, description, area, resource type, allowed scopes (with the
 * product's per-scope labels), `requires`, and the sets that grant it. With `inSet`, also what
 * that set effectively holds, and whether its `restrict` narrowed it.
 */
export function describePermission(result: CompileResult, id: string, inSet?: string): string | undefined {
  const { catalog, resolution } = result.resolved;
  const p = catalog.permission(id);
  if (!p) return undefined;
  const area = catalog.def?.areas.get(p.area);
  const resource = catalog.resourceTypeOf(id);
  const lines = [`**${md(p.label)}** ${code(id)}${p.sensitive ? ' · sensitive' : ''}`];
  if (p.description) lines.push(p.description);
  lines.push(`Area: ${md(area?.label ?? p.area)}${resource ? ` · resource type ${code(resource)}` : ''}`);
  const scopes = p.scopes.map((s) => {
    const label = p.scopeLabels.get(s.value)?.value;
    return `${code(s.value)}${label ? ` (${md(label)})` : ''}`;
  });
  lines.push(`Scopes: ${scopes.join(', ') || 'none'}`);
  if (p.requires.length) lines.push(`Requires: ${p.requires.map((r) => code(r.value)).join(', ')}`);
  if (inSet) {
    const set = resolution.sets.get(inSet);
    const grant = set?.effective.get(id);
    if (set) {
      const narrowed = grant?.restrictedBy
        ? `, narrowed from ${md(describeScopes(grant.restrictedBy.original.scopes))} by \`restrict\` of ${code(grant.restrictedBy.setId)}`
        : '';
      lines.push(`In ${code(inSet)}: ${grant ? md(describeScopes(grant.scopes)) + narrowed : 'not granted'}`);
    }
  }
  const granted: string[] = [];
  for (const set of resolution.sets.values()) {
    const g = set.effective.get(id);
    if (g) granted.push(`${code(set.id)} (${md(describeScopes(g.scopes))})`);
  }
  lines.push(
    granted.length === 0
      ? 'Granted by no set.'
      : `Granted by ${plural(granted.length, 'set')}: ${granted.slice(0, MAX_LISTED).join(', ')}${granted.length > MAX_LISTED ? `, and ${granted.length - MAX_LISTED} more` : ''}`,
  );
  return lines.join('\n\n');
}

/** A permission pattern: what it matches (and, in a set, what it grants there). */
export function describePattern(result: CompileResult, pattern: string): string {
  const matches = result.resolved.catalog.matches(pattern);
  const shown = matches
    .slice(0, 30)
    .map((m) => `- ${code(m)} ${md(result.resolved.catalog.permission(m)?.label ?? '')}`);
  return [
    `Pattern ${code(pattern)} matches ${plural(matches.length, 'permission')}${matches.length ? ':' : '.'}`,
    '',
    ...shown,
    ...(matches.length > 30 ? [`- … and ${matches.length - 30} more`] : []),
  ].join('\n');
}

/** A set: its effective permissions, grouped by where they come from. */
export function describeSet(result: CompileResult, id: string): string | undefined {
  const summary = summarizeSet(result, id);
  return summary ? summaryMarkdown(summary, 25) : undefined;
}

/** A fragment: description, grants, and the sets that include it. */
export function describeFragment(result: CompileResult, id: string): string | undefined {
  const f: FragmentDef | undefined = result.resolved.project.fragments.get(id);
  if (!f) return undefined;
  const users = [...result.resolved.project.sets.values()]
    .filter((s) => s.include.some((i) => i.value === id))
    .map((s) => code(s.id.value));
  const grants = f.grants.map(
    (g) =>
      `- ${code(g.key)}: ${g.value.none ? 'none' : md(g.value.scopes.map((s) => s.scope + (s.when ? ` (when ${s.when.text.trim()})` : '')).join(', '))}`,
  );
  return [
    `**Fragment** ${code(id)}`,
    ...(f.description ? ['', f.description] : []),
    '',
    users.length ? `Included by ${listWords(users)}.` : 'Included by no set.',
    '',
    ...grants,
  ].join('\n');
}

/** A scope: label, condition and what it covers (and the permission's own label for it). */
export function describeScope(result: CompileResult, name: string, permission?: string): string | undefined {
  const { catalog } = result.resolved;
  const s = catalog.scope(name);
  if (!s) return undefined;
  const covers = [...catalog.coverage(name)].filter((c) => c !== name).sort();
  const perScope = permission ? catalog.permission(permission)?.scopeLabels.get(name)?.value : undefined;
  return [
    `**${md(s.label)}** scope ${code(name)}${perScope ? ` — for ${code(permission!)}: ${md(perScope)}` : ''}`,
    ...(s.description ? ['', s.description] : []),
    '',
    s.when ? `Holds when: ${code(s.when.text.trim())}` : 'Always holds (no condition).',
    ...(covers.length ? ['', `Covers ${covers.map(code).join(', ')}.`] : []),
  ].join('\n');
}

/** A seat: label, whether it is paid and customizable, what it allows. */
export function describeSeat(result: CompileResult, name: string): string | undefined {
  const seat = result.resolved.catalog.def?.seats.get(name);
  if (!seat) return undefined;
  return [
    `**${md(seat.label)}** seat ${code(name)}`,
    ...(seat.description ? ['', seat.description] : []),
    '',
    `${seat.paid ? 'Paid' : 'Free'} · ${seat.customizable ? 'customizable' : 'not customizable (only system sets extend its sets)'}`,
    seat.allows ? `Allows ${seat.allows.map((a) => code(a.value)).join(', ')}.` : 'Allows every permission.',
  ].join('\n');
}

/** A resource type and its attributes. */
export function describeResourceType(result: CompileResult, name: string): string | undefined {
  const r = result.resolved.catalog.def?.resources.get(name);
  if (!r) return undefined;
  const attrs = [...r.attributes.values()].map((a) => `${code(a.name)}: ${a.type ?? '?'}`);
  return [
    `**${md(r.label ?? name)}** resource type ${code(name)}`,
    ...(r.description ? ['', r.description] : []),
    '',
    `Attributes: ${attrs.join(', ') || 'none'}`,
  ].join('\n');
}

/** A guard: its guarantee and what it applies to. */
export function describeGuard(result: CompileResult, id: string): string | undefined {
  const g: GuardDef | undefined = result.resolved.project.guards.get(id);
  if (!g) return undefined;
  const applies = g.appliesTo?.seat
    ? `sets of seat ${code(g.appliesTo.seat.value)}`
    : g.appliesTo?.sets
      ? `${g.appliesTo.sets.map((s) => code(s.value)).join(', ')} and the sets extending them`
      : g.appliesTo?.except
        ? `every set except ${g.appliesTo.except.map((s) => code(s.value)).join(', ')}`
        : 'no set';
  return [
    `**Guard** ${code(id)}`,
    ...(g.description ? ['', g.description] : []),
    '',
    `Applies to ${applies}.`,
    ...(g.never.length ? [`Never: ${g.never.map((n) => code(n.value)).join(', ')}`] : []),
  ].join('\n');
}
