import { parseArgs } from 'node:util';
import { didYouMean, didYouMeanSuffix } from '../../diagnostics/index.js';
import { buildPolicyModel, type ModelGrant, type ModelLocation, type ModelPermission, type ModelSet, type PolicyModel } from '../../emit/policy-model.js';
import { makeStyle, safeText, useColor, type Style } from '../output/terminal.js';
import { ExitCode, UsageError, type CliIO } from '../cli-io.js';
import { loadProject } from '../load-project.js';
import { printDiagnostics } from './print-diagnostics.js';

/** The help text of `permset preview` (also printed with a usage error). */
export const PREVIEW_USAGE = `Usage: permset preview SET [options]

"Try it out": what a user with permission set SET can do, grouped by area, with each granted
scope in plain words (the catalog's scope labels), its extra conditions, and where each grant
comes from (the set itself, a base set, a fragment; with file:line).

Options:
  --dir DIR             The policy directory (default: policies).
  --format human|json   Output format (default: human).
  --no-color            Never colour the output.
  -h, --help            Show this help.

Exit status: 0 on success, 1 when the policies have errors, 2 for a usage error (such as an
unknown set).`;

/** A granted scope in plain words. */
export interface PreviewScope {
  scope: string;
  /** The permission's label for this scope, else the scope's label. */
  label: string;
  /** The grant's own condition. */
  when?: string;
}

/** One granted permission of the preview. */
export interface PreviewPermission {
  id: string;
  label: string;
  sensitive: boolean;
  scopes: PreviewScope[];
  /** "granted here", "inherited from manager", "via fragment crm-access", ... */
  origin: string;
  source: { kind: 'set' | 'fragment'; id: string; key: string } & ModelLocation;
  chain: string;
  via: ({ kind: 'extends' | 'include'; from: string; to: string } & ModelLocation)[];
  restricted?: { set: string; scope: string; from: string[] } & ModelLocation;
}

/** The preview of a set (the `--format json` output). */
export interface SetPreview {
  set: { id: string; name: string; description?: string; system: boolean; seat?: string; seatLabel?: string; paid?: boolean; extends?: string; include: string[]; restrict?: string } & ModelLocation;
  areas: { id: string; label: string; granted: number; total: number; permissions: PreviewPermission[] }[];
  /** Labels of the areas where the set has nothing. */
  notGranted: string[];
  summary: { permissions: number; totalPermissions: number; areas: number; totalAreas: number };
}

/** `permset preview`: what a set can do, by area, in plain words. */
export function previewCommand(args: string[], io: CliIO): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      dir: { type: 'string', default: 'policies' },
      format: { type: 'string', default: 'human' },
      'no-color': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.stdout(PREVIEW_USAGE + '\n');
    return ExitCode.Ok;
  }
  if (positionals.length !== 1) throw new UsageError(`preview takes one set, got ${positionals.length} arguments`);
  if (values.format !== 'human' && values.format !== 'json') throw new UsageError(`--format must be human or json, not '${values.format}'`);
  const style = makeStyle(!values['no-color'] && useColor(io.isTTY, io.env));
  const result = loadProject(io, values.dir);
  if (result.hasErrors) {
    printDiagnostics(result, io, { noColor: values['no-color'] });
    io.stderr('permset preview: fix the errors above first.\n');
    return ExitCode.Failure;
  }
  const model = buildPolicyModel(result);
  const id = positionals[0]!;
  const set = model.sets.find((s) => s.id === id);
  if (!set) throw new UsageError(`Unknown permission set '${id}'.${didYouMeanSuffix(didYouMean(id, model.sets.map((s) => s.id)))}`);
  const preview = previewSet(model, set);
  io.stdout(values.format === 'json' ? JSON.stringify(preview, null, 2) + '\n' : formatPreview(preview, style));
  return ExitCode.Ok;
}

/** The preview data of one set of the model. */
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
    .map((a) => ({ id: a.id, label: a.label, granted: byArea.get(a.id)!.length, total: model.permissions.filter((p) => p.area === a.id).length, permissions: byArea.get(a.id)! }));
  const granted = areas.reduce((n, a) => n + a.granted, 0);
  return {
    set: header,
    areas,
    notGranted: model.areas.filter((a) => !byArea.has(a.id)).map((a) => a.label),
    summary: { permissions: granted, totalPermissions: model.permissions.length, areas: areas.length, totalAreas: model.areas.length },
  };
}

function previewPermission(set: ModelSet, perm: ModelPermission, grant: ModelGrant, scopeLabels: Map<string, string>): PreviewPermission {
  const out: PreviewPermission = {
    id: perm.id,
    label: perm.label,
    sensitive: perm.sensitive,
    scopes: grant.scopes.map((s) => {
      const scope: PreviewScope = { scope: s.scope, label: perm.scopeLabels?.[s.scope] ?? scopeLabels.get(s.scope) ?? s.scope };
      if (s.when !== undefined) scope.when = s.when;
      return scope;
    }),
    origin: origin(set, grant),
    source: { kind: grant.source.kind, id: grant.source.id, key: grant.source.key, ...grant.source.at },
    chain: [set.id, ...grant.via.map((v) => `← ${v.kind} ${v.to}`)].join(' '),
    via: grant.via.map((v) => ({ kind: v.kind, from: v.from, to: v.to, ...v.at })),
  };
  if (grant.restricted) out.restricted = { set: grant.restricted.set, scope: grant.restricted.scope, from: grant.restricted.from.map((s) => s.scope), ...grant.restricted.at };
  return out;
}

/**
 * Where a grant comes from, in words: "granted here", "inherited from coordinator", "via
 * fragment crm-access", "inherited from staff-crm, via fragment crm-access".
 */
function origin(set: ModelSet, grant: ModelGrant): string {
  if (grant.via.length === 0) return grant.source.kind === 'set' && grant.source.id === set.id ? 'granted here' : `from ${grant.source.kind} ${grant.source.id}`;
  const include = grant.via.find((v) => v.kind === 'include');
  const extendsSteps = grant.via.filter((v) => v.kind === 'extends');
  const inheritedFrom = include ? (include.from === set.id ? undefined : include.from) : extendsSteps.at(-1)?.to;
  const parts: string[] = [];
  if (inheritedFrom !== undefined) parts.push(`inherited from ${inheritedFrom}`);
  if (include) parts.push(`via fragment ${include.to}`);
  return parts.join(', ');
}

const where = (l: ModelLocation) => `${l.file}:${l.line}:${l.column}`;

/** The preview for people. */
export function formatPreview(p: SetPreview, style: Style): string {
  const t = safeText;
  const lines: string[] = [];
  const s = p.set;
  lines.push(`${style.bold(t(s.name))} ${style.dim(`(${t(s.id)})`)}`);
  const facts = [s.system ? 'system set' : 'custom set'];
  if (s.seat) facts.push(`seat ${t(s.seatLabel ?? s.seat)}${s.paid === undefined ? '' : s.paid ? ' (paid)' : ' (free)'}`);
  if (s.extends) facts.push(`extends ${t(s.extends)}`);
  if (s.include.length) facts.push(`includes ${s.include.map(t).join(', ')}`);
  if (s.restrict) facts.push(`restrict: ${t(s.restrict)}`);
  lines.push(`  ${facts.join(' · ')}`);
  lines.push(`  ${style.cyan(t(where(s)))}`);
  for (const area of p.areas) {
    lines.push('', `${style.bold(t(area.label))} ${style.dim(`— ${area.granted} of ${area.total} permission${area.total === 1 ? '' : 's'}`)}`);
    for (const perm of area.permissions) {
      lines.push(`  ${style.green('✔')} ${t(perm.label)} ${style.dim(t(perm.id))}${perm.sensitive ? ` ${style.yellow('sensitive')}` : ''}`);
      for (const sc of perm.scopes) lines.push(`      ${t(sc.label)} ${style.dim(`(${t(sc.scope)})`)}${sc.when ? `, only when ${t(sc.when)}` : ''}`);
      const from = perm.origin === 'granted here' ? 'granted here' : perm.origin;
      lines.push(`      ${style.dim(`${t(from)} at ${t(where(perm.source))}`)}`);
      if (perm.restricted) lines.push(`      ${style.dim(`narrowed from ${t(perm.restricted.from.join(', '))} to ${t(perm.restricted.scope)} by restrict at ${t(where(perm.restricted))}`)}`);
    }
  }
  if (p.notGranted.length) lines.push('', `${style.bold('Nothing in')} ${p.notGranted.map(t).join(', ')}`);
  const sum = p.summary;
  lines.push('', `${sum.permissions} of ${sum.totalPermissions} permissions in ${sum.areas} of ${sum.totalAreas} areas.`);
  return lines.join('\n') + '\n';
}
