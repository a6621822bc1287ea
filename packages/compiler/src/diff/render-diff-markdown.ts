import { mdCode, mdHtmlText, mdText } from '../emit/matrix/markdown-escape.js';
import type { Attribution } from '../policy-model/index.js';
import type { CellChange, ChangeKind, PolicyDiff } from './diff-types.js';
import {
  errorNotice,
  flagText,
  KIND_WORD,
  locationOf,
  originText,
  permissionChangeText,
  plural,
  scopeChangeText,
  scopesText,
  seatChangeText,
  setStatusText,
  summaryText,
} from './diff-text.js';
import type { GateResult } from './evaluate-gates.js';

/** Options of {@link renderDiffMarkdown}. */
export interface MarkdownDiffOptions {
  /** Fold each set's changes in `<details>` when more rows than this are shown (default 30). */
  foldAbove?: number;
  /** At most this many cell rows in all (default 400), so a comment stays under GitHub's 65,536 characters. */
  maxRows?: number;
}

/**
 * The diff as a pull-request comment: the summary and gate verdicts first, then what needs a
 * second look (flagged changes, lines that change several sets, catalog changes), a compact
 * table with one row per set, and the cell changes per set, folded in `<details>` when there are
 * many. Every id, label and condition is escaped: a policy file cannot inject Markdown or HTML.
 */
export function renderDiffMarkdown(diff: PolicyDiff, gates?: GateResult, options: MarkdownDiffOptions = {}): string {
  const foldAbove = options.foldAbove ?? 30;
  const maxRows = options.maxRows ?? 400;
  const out: string[] = [`### permset diff: ${mdText(diff.base.label)} → ${mdText(diff.head.label)}`, ''];
  const flaggedNote = diff.summary.flagged ? ` · ⚠️ ${diff.summary.flagged} flagged for review` : '';
  out.push(`**${mdText(summaryText({ ...diff.summary, flagged: 0 }))}**${flaggedNote}`, '');
  const notices = (['base', 'head'] as const)
    .map((w) => errorNotice(diff, w))
    .filter((n): n is string => n !== undefined);
  if (notices.length) out.push('> [!WARNING]', ...notices.map((n) => `> ${mdText(n)}`), '');
  if (gates?.gates.length) out.push(...gateLines(gates), '');
  out.push(...flaggedSection(diff), ...linesSection(diff), ...catalogSection(diff));
  if (diff.sets.length) out.push(...overview(diff), ...details(diff, foldAbove, maxRows));
  return (
    out
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trimEnd() + '\n'
  );
}

function gateLines(gates: GateResult): string[] {
  const parts = gates.gates.map(
    (g) =>
      `${g.tripped ? '❌' : '✅'} ${mdCode(`--fail-on ${g.gate}`)}: ${plural(g.tripped, 'unallowed change')}${g.allowed ? `, ${g.allowed} allowed` : ''}`,
  );
  const lines = [`**Gates:** ${parts.join(' · ')}`];
  if (gates.tripped.length) {
    lines.push('');
    for (const h of gates.tripped.slice(0, 20)) {
      lines.push(
        `- ❌ ${mdCode(h.gate)}: ${mdCode(h.set)} ${mdCode(h.permission)} ${KIND_WORD[h.kind]}${h.scope !== undefined ? ` (scope ${mdCode(h.scope)})` : ''}`,
      );
    }
    if (gates.tripped.length > 20) lines.push(`- …and ${gates.tripped.length - 20} more`);
  }
  if (gates.unused.length)
    lines.push(
      '',
      `⚠️ ${plural(gates.unused.length, 'allowlist entry')} match${gates.unused.length === 1 ? 'es' : ''} no change: ${gates.unused.map((e) => mdCode(`${e.at.file}:${e.at.line}`)).join(', ')}`,
    );
  // One row per allowed change (a change several gates catch is listed once), with its reason.
  const seen = new Set<string>();
  const rows: string[] = [];
  for (const h of gates.allowed) {
    const key = `${h.set}\u0000${h.permission}\u0000${h.kind}\u0000${h.scope ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const e = h.allowedBy!;
    rows.push(
      `| ${mdCode(h.set, true)} | ${mdCode(h.permission, true)} | ${KIND_WORD[h.kind]} | ${mdText(e.reason)} | ${mdCode(`${e.at.file}:${e.at.line}`, true)} |`,
    );
  }
  if (rows.length) {
    lines.push(
      '',
      `<details><summary>${mdHtmlText(`${plural(rows.length, 'change')} allowed by the allowlist`)}</summary>`,
      '',
    );
    lines.push('| set | permission | change | reason | entry |', '|---|---|---|---|---|', ...rows, '', '</details>');
  }
  return lines;
}

function flaggedSection(diff: PolicyDiff): string[] {
  const rows: string[] = [];
  let total = 0;
  for (const s of diff.sets) {
    for (const c of s.cells) {
      if (!c.flags.length) continue;
      total++;
      if (rows.length < 20)
        rows.push(
          `| ${mdCode(s.id, true)} | ${mdCode(c.permission, true)} | ${KIND_WORD[c.kind]} | ${c.flags.map((f) => flagText(f, s.descendants)).join(', ')} |`,
        );
    }
  }
  if (!total) return [];
  const more = total > rows.length ? [`\n…and ${total - rows.length} more, marked ⚠️ below.`] : [];
  return [
    '#### ⚠️ Flagged for review',
    '',
    '| set | permission | change | why |',
    '|---|---|---|---|',
    ...rows,
    ...more,
    '',
  ];
}

function linesSection(diff: PolicyDiff): string[] {
  const shared = diff.lines.filter((l) => l.sets.length > 1).slice(0, 10);
  if (!shared.length) return [];
  const rows = shared.map((l) => {
    const sets =
      l.sets
        .slice(0, 5)
        .map((s) => mdCode(s, true))
        .join(', ') + (l.sets.length > 5 ? `, … (${l.sets.length - 5} more)` : '');
    return `| ${via(l.cause)} | ${l.sets.length}: ${sets} | ${l.cells} |`;
  });
  return ['#### Lines that change several sets', '', '| line | sets | cells |', '|---|---|---|', ...rows, ''];
}

function catalogSection(diff: PolicyDiff): string[] {
  const { permissions, scopes, seats } = diff.catalog;
  const items: string[] = [];
  for (const c of scopes.changed) items.push(`- ⚠️ scope ${mdCode(c.scope)}: ${mdText(scopeChangeText(c))}`);
  for (const c of permissions.changed)
    items.push(`- ${c.sensitive?.to ? '⚠️ ' : ''}permission ${mdCode(c.id)}: ${mdText(permissionChangeText(c))}`);
  for (const c of seats.changed)
    items.push(`- ${c.paid && !c.paid.to ? '⚠️ ' : ''}seat ${mdCode(c.seat)}: ${mdText(seatChangeText(c))}`);
  const list = (label: string, ids: readonly string[]) => {
    if (!ids.length) return;
    const shown = ids
      .slice(0, 20)
      .map((i) => mdCode(i))
      .join(', ');
    items.push(`- ${label}: ${shown}${ids.length > 20 ? ` and ${ids.length - 20} more` : ''}`);
  };
  list('permissions added', permissions.added);
  list('permissions removed', permissions.removed);
  list('scopes added', scopes.added);
  list('scopes removed', scopes.removed);
  list('seats added', seats.added);
  list('seats removed', seats.removed);
  return items.length ? ['#### Catalog', '', ...items, ''] : [];
}

function overview(diff: PolicyDiff): string[] {
  const rows = diff.sets.map((s) => {
    const counts = (Object.keys(KIND_WORD) as ChangeKind[])
      .map((k) => [k, s.cells.filter((c) => c.kind === k).length] as const)
      .filter(([, n]) => n > 0)
      .map(([k, n]) => `${n} ${KIND_WORD[k]}`)
      .join(', ');
    const flags = s.flags.map((f) => flagText(f, s.descendants));
    const sensitive = s.cells.filter((c) => c.flags.includes('sensitive')).length;
    if (sensitive) flags.unshift(`${sensitive} sensitive`);
    const status =
      [...setStatusText(s).map(mdText), ...(s.uncertain ? ['❓ BASE had errors here'] : [])].join('; ') || 'changed';
    return `| ${mdCode(s.id, true)} | ${status} | ${counts || '—'} | ${flags.length ? `⚠️ ${flags.join(', ')}` : ''} |`;
  });
  return ['#### Sets', '', '| set | what | cells | review |', '|---|---|---|---|', ...rows, ''];
}

function details(diff: PolicyDiff, foldAbove: number, maxRows: number): string[] {
  const total = diff.sets.reduce((n, s) => n + s.cells.length, 0);
  if (!total) return [];
  const fold = total > foldAbove;
  const out: string[] = [`#### Changes (${plural(total, 'cell')})`, ''];
  let shown = 0;
  for (const s of diff.sets) {
    if (!s.cells.length) continue;
    if (shown >= maxRows) break;
    const cells = s.cells.slice(0, maxRows - shown);
    shown += cells.length;
    const table = ['| change | permission | before | after | via |', '|---|---|---|---|---|', ...cells.map(cellRow)];
    if (cells.length < s.cells.length)
      table.push('', `…and ${s.cells.length - cells.length} more changes of this set.`);
    if (fold) {
      const summary = `${s.id}: ${s.cells.length} change${s.cells.length === 1 ? '' : 's'}${s.cells.some((c) => c.flags.length) ? ' ⚠️' : ''}`;
      out.push(`<details><summary>${mdHtmlText(summary)}</summary>`, '', ...table, '', '</details>', '');
    } else out.push(`**${mdCode(s.id)}**`, '', ...table, '');
  }
  if (shown < total) out.push(`…and ${total - shown} more changes; \`permset diff --format json\` lists them all.`, '');
  return out;
}

function cellRow(c: CellChange): string {
  const cell = (scopes: CellChange['before']) => (scopes ? mdCode(scopesText(scopes), true) : '—');
  const where =
    c.kind === 'loss'
      ? [c.was ? `was ${via(c.was)}` : '', c.cause ? `removed by ${via(c.cause)}` : ''].filter(Boolean).join('; ')
      : c.cause
        ? via(c.cause)
        : '';
  return `| ${c.flags.length ? '⚠️ ' : ''}${KIND_WORD[c.kind]} | ${mdCode(c.permission, true)} | ${cell(c.before)} | ${cell(c.after)} | ${where} |`;
}

/** `policies/sets/manager.yaml:14` + ", inherited from manager", escaped for a table cell. */
function via(a: Attribution): string {
  const what = a.what === 'restrict' ? 'restrict at ' : a.what === 'none' ? 'none at ' : '';
  return `${what}${mdCode(locationOf(a), true)}${a.key !== undefined ? ` (${mdCode(a.key, true)})` : ''}${mdText(originText(a))}`;
}
