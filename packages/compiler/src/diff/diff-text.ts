import type { Attribution, ModelScope } from '../policy-model/index.js';
import type {
  CellChange,
  ChangeKind,
  DiffFlag,
  DiffSummary,
  PermissionChange,
  PolicyDiff,
  ScopeChange,
  SeatChange,
  SetDiff,
} from './diff-types.js';

// The words every diff format shares, so human, Markdown and CI summaries say the same thing.
// They return plain text: each renderer escapes it for its medium.

/** The verb of a cell change in a sentence ("manager gains deals.delete"). */
export const KIND_VERB: Record<ChangeKind, string> = {
  gain: 'gains',
  loss: 'loses',
  widen: 'widens',
  narrow: 'narrows',
  change: 'changes',
  condition: 'changes the condition of',
};

/** The word of a cell change in a table or a count ("3 gained"). */
export const KIND_WORD: Record<ChangeKind, string> = {
  gain: 'gained',
  loss: 'lost',
  widen: 'widened',
  narrow: 'narrowed',
  change: 'changed',
  condition: 'condition',
};

/** "member", "own + member", "member (when resource.client_access)"; "none" for no grant. */
export function scopesText(scopes: readonly ModelScope[] | undefined): string {
  if (!scopes || scopes.length === 0) return 'none';
  return scopes.map((s) => (s.when !== undefined ? `${s.scope} (when ${s.when})` : s.scope)).join(' + ');
}

/** "policies/sets/manager.yaml:14". */
export function locationOf(a: Attribution): string {
  return `${a.at.file}:${a.at.line}`;
}

/**
 * Where a change comes from, after its location: "" for the set's own line, ", inherited from
 * manager" (", inherited from coordinator through manager" for a longer chain), ", from fragment
 * crm-access" (", from fragment crm-access through manager" when a base includes it).
 */
export function originText(a: Attribution): string {
  if (!a.inherited) return '';
  const through = a.via.filter((v) => v.kind === 'extends').map((v) => v.to);
  if (a.owner.kind === 'fragment') {
    return `, from fragment ${a.owner.id}${through.length ? ` through ${through.join(' → ')}` : ''}`;
  }
  const chain = through.filter((id) => id !== a.owner.id);
  return `, inherited from ${a.owner.id}${chain.length ? ` through ${chain.join(' → ')}` : ''}`;
}

/** "policies/sets/manager.yaml:14 (invoices.*), inherited from manager", with "restrict at" / "none at" for those. */
export function attributionText(a: Attribution): string {
  const what = a.what === 'restrict' ? 'restrict at ' : a.what === 'none' ? 'none at ' : '';
  return `${what}${locationOf(a)}${a.key !== undefined ? ` (${a.key})` : ''}${originText(a)}`;
}

/**
 * A cell change as a sentence without the set: "gains deals.delete (member) via …",
 * "loses deals.delete (was member, granted by …; removed by none at …)", "widens budgets.view:
 * own → all via …".
 */
export function cellSentence(c: CellChange): string {
  const verb = `${KIND_VERB[c.kind]} ${c.permission}`;
  if (c.kind === 'gain') return `${verb} (${scopesText(c.after)})${c.cause ? ` via ${attributionText(c.cause)}` : ''}`;
  if (c.kind === 'loss') {
    const was = c.was ? `, granted by ${attributionText(c.was)}` : '';
    const cause = c.cause ? `; removed by ${attributionText(c.cause)}` : '';
    return `${verb} (was ${scopesText(c.before)}${was}${cause})`;
  }
  return `${verb}: ${scopesText(c.before)} → ${scopesText(c.after)}${c.cause ? ` via ${attributionText(c.cause)}` : ''}`;
}

/** "sensitive", "free seat", "base of 4 sets". */
export function flagText(flag: DiffFlag, descendants: number): string {
  return flag === 'sensitive'
    ? 'sensitive'
    : flag === 'free-seat'
      ? 'free seat'
      : `base of ${descendants} set${descendants === 1 ? '' : 's'}`;
}

/** What happened to a set as a whole: "added, 12 grants", "renamed from old-id (same grants)", "re-based manager → staff". */
export function setStatusText(s: SetDiff): string[] {
  const parts: string[] = [];
  if (s.status === 'added') parts.push(`added, ${s.cells.length} grant${s.cells.length === 1 ? '' : 's'}`);
  if (s.status === 'removed') parts.push(`removed, had ${s.cells.length} grant${s.cells.length === 1 ? '' : 's'}`);
  if (s.status === 'renamed') parts.push(`renamed from ${s.renamedFrom} (same grants)`);
  if (s.rebased) parts.push(`re-based: ${s.rebased.from ?? '(no base)'} → ${s.rebased.to ?? '(no base)'}`);
  if (s.seat) parts.push(`seat ${s.seat.from ?? '(none)'} → ${s.seat.to ?? '(none)'}`);
  return parts;
}

/** "3 sets changed (1 added, 1 renamed) · 7 cells: 3 gained, 1 lost · 2 flagged for review", or "No access changes." */
export function summaryText(summary: DiffSummary): string {
  const { sets, cells } = summary;
  if (sets.changed === 0 && summary.catalog === 0) return 'No access changes.';
  const setParts = (['added', 'removed', 'renamed', 'rebased'] as const)
    .filter((k) => sets[k] > 0)
    .map((k) => `${sets[k]} ${k === 'rebased' ? 're-based' : k}`);
  const kinds = (Object.keys(KIND_WORD) as ChangeKind[])
    .filter((k) => cells[k] > 0)
    .map((k) => `${cells[k]} ${KIND_WORD[k]}`);
  const parts = [`${plural(sets.changed, 'set')} changed${setParts.length ? ` (${setParts.join(', ')})` : ''}`];
  parts.push(`${plural(cells.total, 'cell')}${kinds.length ? `: ${kinds.join(', ')}` : ''}`);
  if (summary.catalog) parts.push(`${plural(summary.catalog, 'catalog change')}`);
  if (summary.flagged) parts.push(`${summary.flagged} flagged for review`);
  return parts.join(' · ');
}

/** The notice for a side that did not compile cleanly. */
export function errorNotice(diff: PolicyDiff, which: 'base' | 'head'): string | undefined {
  const side = diff[which];
  if (side.errors === 0) return undefined;
  const name = which === 'base' ? 'BASE' : 'HEAD';
  const what = which === 'base' ? 'comparing what compiles' : 'run permset check for details';
  return `${name} (${side.label}) has ${plural(side.errors, 'error')}; ${what}.`;
}

/** "condition 'a' → 'b'", "includes now own, member", for a changed scope. */
export function scopeChangeText(c: ScopeChange): string {
  const parts: string[] = [];
  if (c.when)
    parts.push(
      `condition ${c.when.from !== undefined ? `'${c.when.from}'` : '(none: always)'} → ${c.when.to !== undefined ? `'${c.when.to}'` : '(none: always)'}`,
    );
  if (c.covers) parts.push(`covers ${c.covers.from.join(', ')} → ${c.covers.to.join(', ')}`);
  if (c.through.length) parts.push(`the condition of ${c.through.join(', ')} changed`);
  const direction =
    c.direction === 'unknown' ? 'may allow more or less' : c.direction === 'wider' ? 'allows more' : 'allows less';
  const sets = new Set(c.affected.map((a) => a.set)).size;
  return `${parts.join('; ')} — ${direction}; affects ${plural(c.affected.length, 'cell')} in ${plural(sets, 'set')}`;
}

/** "now sensitive; label 'A' → 'B'; scopes all → all, member". */
export function permissionChangeText(c: PermissionChange): string {
  const parts: string[] = [];
  if (c.sensitive) parts.push(c.sensitive.to ? 'now sensitive' : 'no longer sensitive');
  if (c.label) parts.push(`label '${c.label.from}' → '${c.label.to}'`);
  if (c.scopes) parts.push(`scopes ${c.scopes.from.join(', ') || '(none)'} → ${c.scopes.to.join(', ') || '(none)'}`);
  if (c.requires)
    parts.push(`requires ${c.requires.from.join(', ') || '(nothing)'} → ${c.requires.to.join(', ') || '(nothing)'}`);
  return parts.join('; ');
}

/** "now free (unpaid)"; "allows a, b → a". */
export function seatChangeText(c: SeatChange): string {
  const parts: string[] = [];
  if (c.paid) parts.push(c.paid.to ? 'now paid' : 'now free (unpaid)');
  if (c.allows)
    parts.push(`allows ${c.allows.from?.join(', ') ?? '(anything)'} → ${c.allows.to?.join(', ') ?? '(anything)'}`);
  return parts.join('; ');
}

/** "1 set", "3 sets". */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
