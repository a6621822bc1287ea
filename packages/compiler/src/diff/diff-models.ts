import type { ModelSet, PolicyModel } from '../policy-model/index.js';
import { lineKey } from './attribution.js';
import { diffCatalog } from './diff-catalog.js';
import { diffCells, permissionRank } from './diff-cells.js';
import { descendantCounts } from './descendant-counts.js';
import { detectRenames } from './detect-renames.js';
import type { CatalogDiff, DiffFlag, DiffSide, DiffSummary, LineImpact, PolicyDiff, SetDiff } from './diff-types.js';
import type { RemovalLookup, ScopeLookup } from '../policy-model/index.js';

/** Options of {@link diffModels}. */
export interface DiffOptions {
  /** How reports name BASE and which of its files had errors (defaults: "base", none). */
  base?: Partial<DiffSide>;
  /** How reports name HEAD and its errors (defaults: "head", none). */
  head?: Partial<DiffSide>;
  /** A set with at least this many descendant sets is flagged `base-of-many` (default 3). */
  many?: number;
  /** HEAD's `none` lines, to attribute losses (see `removalLookup`). */
  removals?: RemovalLookup;
  /** Where HEAD's catalog defines a scope, to point at a scope whose meaning changed (see `scopeLookup`). */
  scopes?: ScopeLookup;
}

/** The default threshold of the `base-of-many` flag. */
export const DEFAULT_MANY = 3;

const EMPTY: PolicyModel = {
  version: 1,
  areas: [],
  permissions: [],
  scopes: [],
  seats: [],
  resources: [],
  subjectAttributes: {},
  contextAttributes: {},
  sets: [],
};

/**
 * Compares the effective access of two compiled projects: per set, every cell gained, lost,
 * widened, narrowed, changed or given another condition, with the HEAD line that causes it and
 * BASE's line for what was there; sets added, removed, renamed (same grants, new id) or re-based;
 * and catalog changes. `base` undefined means there was no project (every set is added).
 * Pure and deterministic: the same models give the same diff.
 */
export function diffModels(base: PolicyModel | undefined, head: PolicyModel, options: DiffOptions = {}): PolicyDiff {
  const b = base ?? EMPTY;
  const many = options.many ?? DEFAULT_MANY;
  const baseSide = side(options.base, 'base');
  const headSide = side(options.head, 'head');
  const headCovers = new Map(head.scopes.map((s) => [s.name, new Set(s.covers)]));
  const baseCovers = new Map(b.scopes.map((s) => [s.name, new Set(s.covers)]));
  const sensitive = new Map(b.permissions.map((p) => [p.id, p.sensitive]));
  for (const p of head.permissions) sensitive.set(p.id, p.sensitive);
  const ctx = {
    covers: (x: string, y: string) => x === y || (headCovers.get(x) ?? baseCovers.get(x))?.has(y) === true,
    rank: permissionRank(b, head),
    sensitive: (p: string) => sensitive.get(p) === true,
    removals: options.removals,
  };

  const baseSets = new Map(b.sets.map((s) => [s.id, s]));
  const headIds = new Set(head.sets.map((s) => s.id));
  const removed = b.sets.filter((s) => !headIds.has(s.id));
  const renames = detectRenames(
    removed,
    head.sets.filter((s) => !baseSets.has(s.id)),
  );
  const renamedBase = new Set(renames.values());
  const headCounts = descendantCounts(head);
  const baseCounts = descendantCounts(b);
  const uncertain = uncertainty(b, head, baseSide, headSide);

  const flagsOf = (h: ModelSet | undefined, o: ModelSet | undefined): DiffFlag[] => {
    const flags: DiffFlag[] = [];
    if (h?.paid === false || o?.paid === false) flags.push('free-seat');
    if ((h && headCounts.get(h.id)! >= many) || (o && baseCounts.get(o.id)! >= many)) flags.push('base-of-many');
    return flags;
  };

  const sets: SetDiff[] = [];
  for (const h of head.sets) {
    const fromId = renames.get(h.id);
    const o = baseSets.get(fromId ?? h.id);
    const flags = flagsOf(h, o);
    const status = fromId !== undefined ? 'renamed' : o ? 'changed' : 'added';
    const cells = status === 'renamed' ? [] : diffCells(o, h, flags, ctx);
    const d: SetDiff = { id: h.id, name: h.name, status, flags, descendants: headCounts.get(h.id)!, cells };
    if (fromId !== undefined) d.renamedFrom = fromId;
    const partial = uncertain(h.id, o?.id);
    if (o) {
      if (o.extends !== h.extends && !(h.extends !== undefined && renames.get(h.extends) === o.extends))
        d.rebased = optionalPair(o.extends, h.extends);
      // A set whose base did not compile in BASE has no seat there: that is the error, not a change.
      if (o.seat !== h.seat && !(o.seat === undefined && partial)) d.seat = optionalPair(o.seat, h.seat);
    }
    if (partial) d.uncertain = true;
    if (status !== 'changed' || cells.length || d.rebased || d.seat) sets.push(reorder(d));
  }
  for (const o of removed) {
    if (renamedBase.has(o.id)) continue;
    const flags = flagsOf(undefined, o);
    const d: SetDiff = {
      id: o.id,
      name: o.name,
      status: 'removed',
      flags,
      descendants: baseCounts.get(o.id)!,
      cells: diffCells(o, undefined, flags, ctx),
    };
    if (uncertain(undefined, o.id)) d.uncertain = true;
    sets.push(reorder(d));
  }

  const catalog = base
    ? diffCatalog(b, head, options.scopes)
    : {
        permissions: { added: [], removed: [], changed: [] },
        scopes: { added: [], removed: [], changed: [] },
        seats: { added: [], removed: [], changed: [] },
      };
  return {
    version: 1,
    base: baseSide,
    head: headSide,
    many,
    summary: summarize(sets, catalog),
    catalog,
    sets,
    lines: lineImpacts(sets),
  };
}

function side(given: Partial<DiffSide> | undefined, label: string): DiffSide {
  return {
    label: given?.label ?? label,
    root: given?.root ?? '',
    errors: given?.errors ?? 0,
    errorFiles: [...(given?.errorFiles ?? [])].sort(),
  };
}

/**
 * Which sets BASE may have only partly: a set whose file, whose base's (at any depth) or whose
 * grants' source files had errors in BASE. Files are matched by their path inside the policy
 * folder, so a set in a file BASE could not parse is found by HEAD's name for it. Every set is
 * uncertain when BASE's catalog had errors or was missing.
 */
function uncertainty(
  base: PolicyModel,
  head: PolicyModel,
  baseSide: DiffSide,
  headSide: DiffSide,
): (headId: string | undefined, baseId: string | undefined) => boolean {
  if (baseSide.errors === 0) return () => false;
  const inRoot = (file: string, root: string) =>
    root && file.startsWith(root + '/') ? file.slice(root.length + 1) : file;
  const broken = new Set(baseSide.errorFiles.map((f) => inRoot(f, baseSide.root)));
  if (base.permissions.length === 0 || base.permissions.some((p) => broken.has(inRoot(p.at.file, baseSide.root))))
    return () => true;
  const inBase = partialSets(base, (f) => broken.has(inRoot(f, baseSide.root)));
  const inHead = partialSets(head, (f) => broken.has(inRoot(f, headSide.root)));
  return (headId, baseId) => (headId !== undefined && inHead(headId)) || (baseId !== undefined && inBase(baseId));
}

/** Whether a set, one of its bases, or a line it holds a grant from is in a broken file (memoized, no recursion). */
function partialSets(model: PolicyModel, broken: (file: string) => boolean): (id: string) => boolean {
  const byId = new Map(model.sets.map((s) => [s.id, s]));
  const memo = new Map<string, boolean>();
  const own = (s: ModelSet) => broken(s.at.file) || s.grants.some((g) => broken(g.source.at.file));
  return (id) => {
    const path: string[] = [];
    let answer = false;
    for (let s = byId.get(id); s; s = s.extends !== undefined ? byId.get(s.extends) : undefined) {
      const known = memo.get(s.id);
      if (known !== undefined) {
        answer = known;
        break;
      }
      if (path.includes(s.id)) break; // an extends cycle
      path.push(s.id);
      if (own(s)) {
        answer = true;
        break;
      }
    }
    for (const p of path) memo.set(p, answer || memo.get(p) === true);
    return answer;
  };
}

function optionalPair<T>(from: T | undefined, to: T | undefined): { from?: T; to?: T } {
  return { ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) };
}

// A stable key order, so the JSON format reads the same for every set.
function reorder(d: SetDiff): SetDiff {
  const { id, name, status, renamedFrom, rebased, seat, flags, descendants, uncertain, cells } = d;
  return {
    id,
    name,
    status,
    ...(renamedFrom !== undefined ? { renamedFrom } : {}),
    ...(rebased ? { rebased } : {}),
    ...(seat ? { seat } : {}),
    flags,
    descendants,
    ...(uncertain ? { uncertain } : {}),
    cells,
  };
}

function summarize(sets: readonly SetDiff[], catalog: CatalogDiff): DiffSummary {
  const cells = { total: 0, gain: 0, loss: 0, widen: 0, narrow: 0, change: 0, condition: 0 };
  let flagged = 0;
  for (const s of sets) {
    for (const c of s.cells) {
      cells.total++;
      cells[c.kind]++;
      if (c.flags.length) flagged++;
    }
  }
  const count = (st: SetDiff['status']) => sets.filter((s) => s.status === st).length;
  const catalogCount = [catalog.permissions, catalog.scopes, catalog.seats].reduce(
    (n, g) => n + g.added.length + g.removed.length + g.changed.length,
    0,
  );
  return {
    sets: {
      changed: sets.length,
      added: count('added'),
      removed: count('removed'),
      renamed: count('renamed'),
      rebased: sets.filter((s) => s.rebased).length,
    },
    cells,
    flagged,
    catalog: catalogCount,
  };
}

/** Groups cells by the line that causes them: the most sets first, then by first appearance. */
function lineImpacts(sets: readonly SetDiff[]): LineImpact[] {
  const byLine = new Map<string, LineImpact>();
  for (const s of sets) {
    for (const c of s.cells) {
      if (!c.cause) continue;
      const key = lineKey(c.cause);
      const impact = byLine.get(key) ?? { line: key, cause: c.cause, sets: [], cells: 0 };
      if (impact.sets[impact.sets.length - 1] !== s.id) impact.sets.push(s.id);
      impact.cells++;
      byLine.set(key, impact);
    }
  }
  const list = [...byLine.values()];
  return list
    .map((l, i) => ({ l, i }))
    .sort((a, b) => b.l.sets.length - a.l.sets.length || a.i - b.i)
    .map((x) => x.l);
}
