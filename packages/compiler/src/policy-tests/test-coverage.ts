import type { PolicyModel } from '../policy-model/index.js';
import type { RunnableCase } from './runnable-case.js';

/** Which effective cells and which written grants the tests exercise. */
export interface TestCoverage {
  /** (set, permission) pairs the set holds, and how many some case asks about. */
  cells: { total: number; covered: number; uncovered: { set: string; permission: string }[] };
  /** Grant entries (file:line of a `grants` key) that reach some set, and how many a case reaches. */
  grants: { total: number; covered: number; uncovered: { file: string; line: number; key: string; owner: string }[] };
  /** Covered cells / total cells, in percent (100 when there are none). */
  percent: number;
}

/**
 * Permission-level coverage: a cell (set, permission) is covered when a case that ran asks about
 * that permission for a subject of that set; a grant entry is covered when it is the source of
 * some covered cell. Uncovered grants are lines no test would notice if they changed.
 */
export function testCoverage(model: PolicyModel, cases: readonly RunnableCase[]): TestCoverage {
  const asked = new Set<string>();
  for (const c of cases)
    if (!c.skipped && typeof c.subject['set'] === 'string') asked.add(`${c.subject['set']}\u0000${c.permission}`);
  const uncoveredCells: { set: string; permission: string }[] = [];
  const grants = new Map<string, { file: string; line: number; key: string; owner: string; covered: boolean }>();
  let total = 0;
  for (const set of model.sets) {
    for (const g of set.grants) {
      total++;
      const covered = asked.has(`${set.id}\u0000${g.permission}`);
      if (!covered) uncoveredCells.push({ set: set.id, permission: g.permission });
      const key = `${g.source.at.file}:${g.source.at.line}:${g.source.at.column}`;
      const entry = grants.get(key) ?? {
        file: g.source.at.file,
        line: g.source.at.line,
        key: g.source.key,
        owner: `${g.source.kind} ${g.source.id}`,
        covered: false,
      };
      entry.covered ||= covered;
      grants.set(key, entry);
    }
  }
  const grantList = [...grants.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
  const uncoveredGrants = grantList
    .filter((g) => !g.covered)
    .map(({ file, line, key, owner }) => ({ file, line, key, owner }));
  const covered = total - uncoveredCells.length;
  return {
    cells: { total, covered, uncovered: uncoveredCells },
    grants: { total: grantList.length, covered: grantList.length - uncoveredGrants.length, uncovered: uncoveredGrants },
    percent: total === 0 ? 100 : Math.floor((covered / total) * 1000) / 10,
  };
}
