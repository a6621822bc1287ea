import type { CellChange, ChangeKind, PolicyDiff, SetDiff } from './diff-types.js';
import {
  cellSentence,
  errorNotice,
  flagText,
  permissionChangeText,
  scopeChangeText,
  seatChangeText,
  setStatusText,
  summaryText,
} from './diff-text.js';
import type { GateHit, GateResult } from './evaluate-gates.js';

/**
 * Terminal styling (the CLI's `Style` fits). Kept structural so the diff core does not depend
 * on the CLI.
 */
export interface DiffStyle {
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
  bold(s: string): string;
  dim(s: string): string;
}

/** No colours (files, pipes, tests). */
export const PLAIN_STYLE: DiffStyle = { red: id, green: id, yellow: id, cyan: id, bold: id, dim: id };

function id(s: string): string {
  return s;
}

const MARK: Record<ChangeKind, string> = { gain: '+', loss: '-', widen: '↑', narrow: '↓', change: '~', condition: '?' };

/**
 * The diff for a terminal: a header, notices for sides with errors, catalog changes, then each
 * changed set with one sentence per cell ("+ gains deals.delete (member) via
 * policies/sets/manager.yaml:14, inherited from manager [sensitive]"), the summary line, and the
 * gates' verdicts when `gates` is given. Text from policy files is made safe for terminals.
 */
export function renderDiffHuman(diff: PolicyDiff, style: DiffStyle = PLAIN_STYLE, gates?: GateResult): string {
  const out: string[] = [style.bold(`permset diff: ${safe(diff.base.label)} → ${safe(diff.head.label)}`)];
  for (const which of ['base', 'head'] as const) {
    const notice = errorNotice(diff, which);
    if (notice) out.push(style.yellow(`⚠ ${safe(notice)}`));
  }
  out.push(...catalogLines(diff, style));
  for (const s of diff.sets) out.push('', ...setLines(s, style));
  out.push('', style.bold(summaryText(diff.summary)));
  if (gates) out.push(...gateLines(gates, style));
  return out.join('\n') + '\n';
}

function catalogLines(diff: PolicyDiff, style: DiffStyle): string[] {
  const { permissions, scopes, seats } = diff.catalog;
  const lines: string[] = [];
  for (const c of scopes.changed)
    lines.push(`  ${style.yellow('!')} scope ${safe(c.scope)}: ${safe(scopeChangeText(c))}`);
  for (const c of permissions.changed)
    lines.push(
      `  permission ${safe(c.id)}: ${safe(permissionChangeText(c))}${c.sensitive?.to ? ' ' + style.yellow('[sensitive]') : ''}`,
    );
  for (const c of seats.changed)
    lines.push(
      `  seat ${safe(c.seat)}: ${safe(seatChangeText(c))}${c.paid && !c.paid.to ? ' ' + style.yellow('[free seat]') : ''}`,
    );
  const listed = (what: string, verb: string, ids: readonly string[]) => {
    if (ids.length) lines.push(`  ${what} ${verb}: ${safe(abbreviate(ids))}`);
  };
  listed('permissions', 'added', permissions.added);
  listed('permissions', 'removed', permissions.removed);
  listed('scopes', 'added', scopes.added);
  listed('scopes', 'removed', scopes.removed);
  listed('seats', 'added', seats.added);
  listed('seats', 'removed', seats.removed);
  return lines.length ? ['', style.bold('Catalog'), ...lines] : [];
}

function setLines(s: SetDiff, style: DiffStyle): string[] {
  const status = setStatusText(s);
  const flags = s.flags.map((f) => flagText(f, s.descendants));
  const head = [
    style.bold(safe(s.id)),
    ...(status.length ? [`— ${safe(status.join('; '))}`] : []),
    ...(flags.length ? [style.yellow(`[${flags.join(', ')}]`)] : []),
    ...(s.uncertain ? [style.yellow('[BASE had errors here: may be partial]')] : []),
  ];
  return [head.join(' '), ...s.cells.map((c) => cellLine(c, style))];
}

function cellLine(c: CellChange, style: DiffStyle): string {
  const colour =
    c.kind === 'gain' || c.kind === 'widen'
      ? style.green
      : c.kind === 'loss' || c.kind === 'narrow'
        ? style.red
        : style.yellow;
  const own = c.flags.includes('sensitive') ? ' ' + style.yellow('[sensitive]') : '';
  return `  ${colour(MARK[c.kind])} ${safe(cellSentence(c))}${own}`;
}

function gateLines(gates: GateResult, style: DiffStyle): string[] {
  const lines: string[] = [];
  const item = (h: GateHit) =>
    `${safe(h.set)} ${safe(h.permission)} (${h.kind}${h.scope !== undefined ? ` through scope ${safe(h.scope)}` : ''})`;
  for (const g of gates.gates) {
    const line = `--fail-on ${safe(g.gate)}: ${g.tripped} unallowed change${g.tripped === 1 ? '' : 's'}${g.allowed ? `, ${g.allowed} allowed` : ''}`;
    lines.push(g.tripped ? style.red(`✖ ${line}`) : style.green(`✔ ${line}`));
    for (const h of gates.tripped.filter((x) => x.gate === g.gate)) lines.push(`    ${item(h)}`);
    for (const h of gates.allowed.filter((x) => x.gate === g.gate)) {
      const e = h.allowedBy!;
      lines.push(style.dim(`    allowed: ${item(h)} by ${safe(e.at.file)}:${e.at.line}: ${safe(e.reason)}`));
    }
  }
  for (const e of gates.unused) {
    lines.push(
      style.yellow(
        `⚠ ${safe(e.at.file)}:${e.at.line}:${e.at.column}: allowlist entry (${safe(e.set)} ${safe(e.permission)} ${e.change}) matches no change`,
      ),
    );
  }
  return lines.length ? ['', ...lines] : [];
}

/** "a, b, c and 12 more". */
function abbreviate(ids: readonly string[], max = 12): string {
  return ids.length <= max ? ids.join(', ') : `${ids.slice(0, max).join(', ')} and ${ids.length - max} more`;
}

/**
 * Control and bidi characters from policy files are shown as `\u{…}` rather than sent to the
 * terminal, where they could move the cursor or reorder what the reader sees.
 */
function safe(text: string): string {
  /* eslint-disable no-control-regex -- control characters are what must not reach the terminal (a block, so it holds however the line below is wrapped) */
  return text.replace(
    /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g,
    (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`,
  );
  /* eslint-enable no-control-regex */
}
