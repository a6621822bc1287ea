import type { AllowEntry } from './allowlist.js';
import type { ModelLocation } from '../policy-model/index.js';
import type { ChangeKind, DiffFlag, PolicyDiff } from './diff-types.js';
import { permissionMatcher, permissionPatternProblem, setMatcher } from './id-patterns.js';

/**
 * A CI gate over a diff: `gain` trips on any new access (gained, widened, changed cells, and
 * conditions that may allow more), `loss` on any lost access, `change` on any access change at
 * all; with a pattern (`gain:cost_rates.*`) only on matching permissions.
 */
export interface Gate {
  on: 'gain' | 'loss' | 'change';
  pattern?: string;
  /** As written on the command line. */
  text: string;
}

/** Parses `gain`, `loss`, `change`, optionally with `:PATTERN`; a string is the problem. */
export function parseGate(text: string): Gate | string {
  const colon = text.indexOf(':');
  const on = colon < 0 ? text : text.slice(0, colon);
  if (on !== 'gain' && on !== 'loss' && on !== 'change')
    return `--fail-on takes gain, loss or change (optionally with :PATTERN), not '${text}'`;
  if (colon < 0) return { on, text };
  const pattern = text.slice(colon + 1);
  const problem = permissionPatternProblem(pattern);
  if (problem) return `--fail-on ${text}: ${problem}`;
  return { on, pattern, text };
}

/**
 * One access change a gate looks at: a changed cell, or a cell whose meaning changed because
 * the catalog changed the condition of a scope it grants (`scope` names it).
 */
export interface GateItem {
  set: string;
  permission: string;
  kind: ChangeKind;
  gainsAccess: boolean;
  losesAccess: boolean;
  flags: DiffFlag[];
  scope?: string;
  /**
   * The line that causes the change, for annotations: HEAD's grant, `restrict` or `none` (or the
   * catalog's scope for a scope item); for a loss that no HEAD line causes (the grant was deleted),
   * BASE's line that granted it, named as HEAD names its files. Absent when no line is known.
   */
  at?: GateLine;
}

/** A line a gate item is attributed to, and which side's text it is. */
export interface GateLine extends ModelLocation {
  side: 'head' | 'base';
}

/** A gate hit: an item with the gate that caught it and, if allowed, the allowlist entry. */
export interface GateHit extends GateItem {
  gate: string;
  allowedBy?: AllowEntry;
}

/** What the gates found. */
export interface GateResult {
  /** Per gate: how many changes it caught, how many of those the allowlist allowed. */
  gates: { gate: string; hits: number; tripped: number; allowed: number }[];
  /** Caught and not allowed: each makes the command exit 1. */
  tripped: GateHit[];
  /** Caught, but allowed by an allowlist entry (with its reason). */
  allowed: GateHit[];
  /** Allowlist entries that match no change at all: stale, or a typo. */
  unused: AllowEntry[];
  failed: boolean;
}

/** Every access change of a diff as gate items, in report order (cells, then catalog scopes). */
export function gateItems(diff: PolicyDiff): GateItem[] {
  const items: GateItem[] = [];
  for (const s of diff.sets) {
    for (const c of s.cells) {
      const at = c.cause
        ? { side: 'head' as const, ...c.cause.at }
        : c.was
          ? { side: 'base' as const, ...c.was.at }
          : undefined;
      items.push({
        set: c.set,
        permission: c.permission,
        kind: c.kind,
        gainsAccess: c.gainsAccess,
        losesAccess: c.losesAccess,
        flags: c.flags,
        ...(at ? { at } : {}),
      });
    }
  }
  const flagsOf = new Map(diff.sets.map((s) => [s.id, s.flags]));
  for (const sc of diff.catalog.scopes.changed) {
    for (const a of sc.affected) {
      const at = sc.at ? { at: { side: 'head' as const, ...sc.at } } : {};
      items.push({
        ...a,
        kind: 'condition',
        gainsAccess: sc.direction !== 'narrower',
        losesAccess: sc.direction !== 'wider',
        flags: flagsOf.get(a.set) ?? [],
        scope: sc.scope,
        ...at,
      });
    }
  }
  return items;
}

/** Runs the gates over a diff, letting the allowlist's intended changes through. */
export function evaluateGates(
  diff: PolicyDiff,
  gates: readonly Gate[],
  allowlist: readonly AllowEntry[] = [],
): GateResult {
  const items = gateItems(diff);
  const allows = allowlist.map((entry) => ({
    entry,
    set: setMatcher(entry.set),
    permission: permissionMatcher(entry.permission),
    used: false,
  }));
  const allowedBy = items.map((item) => {
    let first: AllowEntry | undefined;
    for (const a of allows) {
      if (
        (a.entry.change === 'any' || a.entry.change === item.kind) &&
        a.set(item.set) &&
        a.permission(item.permission)
      ) {
        a.used = true;
        first ??= a.entry;
      }
    }
    return first;
  });
  const result: GateResult = {
    gates: [],
    tripped: [],
    allowed: [],
    unused: allows.filter((a) => !a.used).map((a) => a.entry),
    failed: false,
  };
  for (const gate of gates) {
    const matches = gate.pattern !== undefined ? permissionMatcher(gate.pattern) : () => true;
    let hits = 0;
    let allowed = 0;
    items.forEach((item, i) => {
      const caught = gate.on === 'gain' ? item.gainsAccess : gate.on === 'loss' ? item.losesAccess : true;
      if (!caught || !matches(item.permission)) return;
      hits++;
      const entry = allowedBy[i];
      if (entry) {
        allowed++;
        result.allowed.push({ ...item, gate: gate.text, allowedBy: entry });
      } else result.tripped.push({ ...item, gate: gate.text });
    });
    result.gates.push({ gate: gate.text, hits, tripped: hits - allowed, allowed });
  }
  result.failed = result.tripped.length > 0;
  return result;
}

/** One line per gate for CI summaries: `{ name: "diff --fail-on gain", tripped, detail }`. */
export function gateSummaries(result: GateResult): { name: string; tripped: boolean; detail: string }[] {
  return result.gates.map((g) => ({
    name: `diff --fail-on ${g.gate}`,
    tripped: g.tripped > 0,
    detail: `${g.tripped} unallowed change${g.tripped === 1 ? '' : 's'}${g.allowed ? `, ${g.allowed} allowed by the allowlist` : ''}`,
  }));
}
