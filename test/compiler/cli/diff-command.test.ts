import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../../../packages/compiler/src/cli/cli-io.js';
import type { GateResult, PolicyDiff } from '../../../packages/compiler/src/diff/index.js';
import { runCli } from '../../helpers/cli.js';
import { git, makeFixtureRepo, removeTemporaryFolders, runDiff, temporaryFolder } from '../../helpers/fixture-repo.js';

// The fixture repository (test/fixtures/diff/repo), one tagged commit per revision:
//   r0  no policies folder yet
//   r1  staff ← manager ← {manager-restricted, team-lead (+ fragment reporting), project-lead}, sales ← staff,
//       old-auditor, viewer, client-staff (free seat)
//   r2  manager: deals.edit member → all, + deals.delete (a base change inherited by 4 sets);
//       fragment reporting narrows reports.view and drops reports.export; project-lead `docs.edit: none`;
//       team-lead + cost_rates.view (sensitive); old-auditor renamed auditor; sales re-based onto
//       manager-restricted; client-staff + docs.edit and docs.confidential.view (free seat, sensitive);
//       intern added; viewer removed
//   r3  catalog: scope member's condition changes, a permission relabelled, docs.view now sensitive
//   r4  broken: a YAML syntax error in manager.yaml, an unknown permission in staff.yaml
let repo: string;
const GOLDEN = join(import.meta.dirname, '__golden__');

afterAll(removeTemporaryFolders);

beforeAll(() => {
  repo = makeFixtureRepo();
});

function json(args: string[], cwd = repo): { code: number; diff: PolicyDiff & { gates?: GateResult }; stderr: string } {
  const r = runDiff([...args, '--format', 'json'], cwd);
  return { code: r.code, diff: JSON.parse(r.stdout), stderr: r.stderr };
}

/** The cells of a diff as `set permission kind` lines: short, exact, easy to read in a failure. */
function cells(diff: PolicyDiff): string[] {
  return diff.sets.flatMap((s) => s.cells.map((c) => `${s.id} ${c.permission} ${c.kind}`));
}

describe('permset diff between git revisions', () => {
  it('reports every kind of set and cell change between r1 and r2, with attribution', () => {
    const { code, diff, stderr } = json(['r1', 'r2']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(diff.base).toEqual({
      label: `r1 (${git(repo, 'rev-parse', '--short=7', 'r1').trim()})`,
      root: 'policies',
      errors: 0,
      errorFiles: [],
    });
    expect(diff.summary).toEqual({
      sets: { changed: 9, added: 1, removed: 1, renamed: 1, rebased: 1 },
      cells: { total: 18, gain: 12, loss: 3, widen: 2, narrow: 1, change: 0, condition: 0 },
      flagged: 5,
      catalog: 0,
    });
    expect(diff.sets.map((s) => [s.id, s.status])).toEqual([
      ['manager', 'changed'],
      ['manager-restricted', 'changed'],
      ['client-staff', 'changed'],
      ['auditor', 'renamed'],
      ['intern', 'added'],
      ['sales', 'changed'],
      ['project-lead', 'changed'],
      ['team-lead', 'changed'],
      ['viewer', 'removed'],
    ]);
    expect(cells(diff)).toEqual([
      'manager deals.edit widen',
      'manager deals.delete gain',
      'manager-restricted deals.delete gain',
      'client-staff docs.edit gain',
      'client-staff docs.confidential.view gain',
      'intern deals.view gain',
      'intern docs.view gain',
      'intern docs.edit gain',
      'sales deals.delete gain',
      'sales docs.edit gain',
      'project-lead deals.delete gain',
      'project-lead docs.edit loss',
      'team-lead deals.edit widen',
      'team-lead deals.delete gain',
      'team-lead reports.view narrow',
      'team-lead reports.export loss',
      'team-lead cost_rates.view gain',
      'viewer deals.view loss',
    ]);
    const set = (id: string) => diff.sets.find((s) => s.id === id)!;
    // The rename is one entry, not a removal plus an addition of every grant.
    expect(set('auditor')).toMatchObject({ renamedFrom: 'old-auditor', cells: [] });
    expect(set('sales').rebased).toEqual({ from: 'staff', to: 'manager-restricted' });
    // A base change shows on every inheriting set, attributed to the base's line.
    expect(set('manager-restricted').cells[0]).toEqual({
      set: 'manager-restricted',
      permission: 'deals.delete',
      kind: 'gain',
      after: [{ scope: 'member' }],
      gainsAccess: true,
      losesAccess: false,
      cause: {
        what: 'grant',
        at: { file: 'policies/sets/manager.yaml', line: 9, column: 3 },
        owner: { kind: 'set', id: 'manager' },
        inherited: true,
        via: [
          {
            kind: 'extends',
            from: 'manager-restricted',
            to: 'manager',
            at: { file: 'policies/sets/manager-restricted.yaml', line: 5, column: 10 },
          },
        ],
      },
      flags: [],
    });
    // manager-restricted keeps deals.edit at member: its restrict absorbs manager's widening.
    expect(cells(diff)).not.toContain('manager-restricted deals.edit widen');
    // A loss caused by a `none` names BASE's grant and HEAD's `none`.
    const loss = set('project-lead').cells[1]!;
    expect(loss.was).toMatchObject({
      what: 'grant',
      at: { file: 'policies/sets/manager.yaml', line: 10 },
      owner: { id: 'manager' },
      inherited: true,
    });
    expect(loss.cause).toMatchObject({
      what: 'none',
      at: { file: 'policies/sets/project-lead.yaml', line: 6 },
      owner: { kind: 'set', id: 'project-lead' },
      inherited: false,
    });
    // A fragment change: narrowed at the fragment's line, and a loss with no HEAD line behind it.
    expect(set('team-lead').cells[2]!.cause).toMatchObject({
      at: { file: 'policies/fragments/reporting.yaml', line: 5 },
      owner: { kind: 'fragment', id: 'reporting' },
      via: [{ kind: 'include' }],
    });
    expect(set('team-lead').cells[3]!.cause).toBeUndefined();
    // Privilege flags.
    expect(set('manager')).toMatchObject({ flags: ['base-of-many'], descendants: 4 });
    expect(set('client-staff').cells.map((c) => c.flags)).toEqual([['free-seat'], ['sensitive', 'free-seat']]);
    expect(set('team-lead').cells[4]!.flags).toEqual(['sensitive']);
    // The line changing most sets comes first.
    expect(diff.lines.slice(0, 2).map((l) => [l.line, l.sets, l.cells])).toEqual([
      ['policies/sets/manager.yaml:9', ['manager', 'manager-restricted', 'sales', 'project-lead', 'team-lead'], 5],
      ['policies/sets/manager.yaml:8', ['manager', 'team-lead'], 2],
    ]);
  });

  it('matches the golden human, Markdown and JSON reports of r1 → r2', async () => {
    for (const [format, ext] of [
      ['human', 'txt'],
      ['md', 'md'],
      ['json', 'json'],
    ] as const) {
      const r = runDiff(['r1', 'r2', '--format', format, '--fail-on', 'gain:cost_rates.*'], repo);
      expect(r.code).toBe(1);
      await expect(r.stdout).toMatchFileSnapshot(join(GOLDEN, `r1-r2.${ext}`));
    }
  });

  it('prints key human lines in the issue’s words', () => {
    const r = runDiff(['r1', 'r2'], repo);
    expect(r.stdout).toContain(
      'manager-restricted\n  + gains deals.delete (member) via policies/sets/manager.yaml:9, inherited from manager\n',
    );
    expect(r.stdout).toContain(
      '  + gains deals.delete (member) via policies/sets/manager.yaml:9, inherited from manager through manager-restricted\n',
    );
    expect(r.stdout).toContain('auditor — renamed from old-auditor (same grants)\n');
    expect(r.stdout).toContain('sales — re-based: staff → manager-restricted\n');
    expect(r.stdout).toContain(
      'client-staff [free seat]\n  + gains docs.edit (member) via policies/sets/client-staff.yaml:9\n  + gains docs.confidential.view (member) via policies/sets/client-staff.yaml:10 [sensitive]\n',
    );
    expect(r.stdout).toContain(
      '  - loses docs.edit (was member, granted by policies/sets/manager.yaml:10, inherited from manager; removed by none at policies/sets/project-lead.yaml:6)\n',
    );
    expect(r.stdout).toContain(
      '  ↓ narrows reports.view: all → member via policies/fragments/reporting.yaml:5, from fragment reporting\n',
    );
    expect(r.stdout).toMatch(
      /\n9 sets changed \(1 added, 1 removed, 1 renamed, 1 re-based\) · 18 cells: 12 gained, 3 lost, 2 widened, 1 narrowed · 5 flagged for review\n$/,
    );
  });

  it('colours the human report on a terminal only, and never with NO_COLOR', () => {
    expect(runDiff(['r1', 'r2'], repo, { isTTY: true }).stdout).toContain('\u001b[32m+\u001b[39m gains deals.delete');
    expect(runDiff(['r1', 'r2'], repo, { isTTY: true, env: { NO_COLOR: '1' } }).stdout).not.toContain('\u001b[');
    expect(runDiff(['r1', 'r2', '--no-color'], repo, { isTTY: true }).stdout).not.toContain('\u001b[');
  });

  it('reports a catalog scope change as changing the meaning of every cell that grants the scope', () => {
    const { code, diff } = json(['r2', 'r3']);
    expect(code).toBe(0);
    expect(diff.sets).toEqual([]);
    expect(diff.summary.catalog).toBe(3);
    const member = diff.catalog.scopes.changed[0]!;
    expect({ ...member, affected: member.affected.length }).toEqual({
      scope: 'member',
      when: {
        from: 'subject.id in resource.members',
        to: 'subject.id in resource.members or resource.owner == subject.id',
      },
      through: [],
      direction: 'unknown',
      affected: 23,
      at: { file: 'policies/catalog.yaml', line: 21, column: 3 },
    });
    expect(member.affected.slice(0, 3)).toEqual([
      { set: 'staff', permission: 'deals.view' },
      { set: 'staff', permission: 'docs.view' },
      { set: 'manager', permission: 'deals.delete' },
    ]);
    expect(diff.catalog.permissions.changed).toEqual([
      { id: 'deals.view', label: { from: 'View deals', to: 'See deals' } },
      { id: 'docs.view', sensitive: { from: false, to: true } },
    ]);
    const human = runDiff(['r2', 'r3'], repo).stdout;
    expect(human).toContain(
      "  ! scope member: condition 'subject.id in resource.members' → 'subject.id in resource.members or resource.owner == subject.id' — may allow more or less; affects 23 cells in 8 sets\n",
    );
    expect(human).toContain('  permission docs.view: now sensitive [sensitive]\n');
  });

  it('compares what compiles when BASE is broken, and says so', () => {
    const { code, diff, stderr } = json(['r4', 'r3']);
    expect(code).toBe(0);
    expect(diff.base).toMatchObject({
      errors: 3,
      errorFiles: ['policies/sets/intern.yaml', 'policies/sets/manager.yaml', 'policies/sets/staff.yaml'],
    });
    expect(stderr).toBe(
      `permset diff: BASE (${diff.base.label}) has 3 errors; comparing what compiles.\n` +
        "  policies/sets/intern.yaml:6:3 requires-missing 'docs.edit' (own) requires 'docs.view' to be granted in a scope covering own, but set 'intern' does not grant it.\n" +
        '  policies/sets/manager.yaml:9:3 yaml-syntax Flow sequence in block collection must be sufficiently indented and end with a ]. Nothing else in this file is checked until its YAML is valid.\n' +
        "  policies/sets/staff.yaml:8:3 unknown-permission Unknown permission 'docs.veiw'. Did you mean 'docs.view'?\n",
    );
    // Sets in or below a broken file are marked; the comparison of the rest stands.
    expect(diff.sets.map((s) => [s.id, s.uncertain === true])).toEqual([
      ['staff', true],
      ['manager', true],
      ['manager-restricted', true],
      ['intern', true],
      ['sales', true],
      ['project-lead', true],
      ['team-lead', true],
    ]);
    expect(cells(diff)).toEqual([
      'staff docs.view gain',
      'manager docs.view gain',
      'manager docs.edit gain',
      'manager-restricted docs.view gain',
      'manager-restricted docs.edit gain',
      'intern docs.view gain',
      'sales docs.view gain',
      'sales docs.edit gain',
      'project-lead docs.view gain',
      'team-lead docs.view gain',
      'team-lead docs.edit gain',
    ]);
    expect(runDiff(['r4', 'r3'], repo).stdout).toContain(
      `⚠ BASE (${diff.base.label}) has 3 errors; comparing what compiles.\n`,
    );
    expect(runDiff(['r4', 'r3', '--format', 'md'], repo).stdout).toContain(
      `> [!WARNING]\n> BASE (${diff.base.label}) has 3 errors; comparing what compiles.\n`,
    );
  });

  it('survives a hostile revision (extends cycle, binary file, alias bomb) on either side', () => {
    const old = json(['r5', 'r2']);
    expect(old.code).toBe(0);
    expect(old.diff.base.errors).toBe(8);
    expect(
      old.stderr
        .split('\n')
        .slice(1, 6)
        .map((l) => l.split(' ')[3]),
    ).toEqual(['yaml-limit', 'invalid-encoding', 'schema-missing-key', 'extends-cycle', 'extends-cycle']);
    // The cycle's sets exist only in BASE; they are removed, and marked as BASE's broken files.
    expect(
      old.diff.sets
        .filter((s) => s.status === 'removed')
        .map((s) => [s.id, s.uncertain, cells({ ...old.diff, sets: [s] })]),
    ).toEqual([
      ['cycle-a', true, ['cycle-a deals.view loss']],
      ['cycle-b', true, ['cycle-b deals.edit loss']],
    ]);
    const now = json(['r2', 'r5', '--fail-on', 'gain']);
    expect(now.code).toBe(1);
    expect(now.diff.head.errors).toBe(8);
    expect(now.diff.sets.filter((s) => s.status === 'added').map((s) => s.id)).toEqual(['cycle-a', 'cycle-b']);
  });

  it('reports a broken HEAD too', () => {
    const { code, diff, stderr } = json(['r3', 'r4']);
    expect(code).toBe(0);
    expect(diff.head.errors).toBe(3);
    expect(stderr).toMatch(
      /^permset diff: HEAD \(r4 \([0-9a-f]{7}\)\) has 3 errors; run permset check for details\.\n/,
    );
  });

  it('treats a revision without the policy folder as having no sets', () => {
    const { code, diff, stderr } = json(['r0', 'r1']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(diff.base).toMatchObject({
      label: expect.stringMatching(/^r0 \([0-9a-f]{7}\), without policies$/),
      errors: 0,
    });
    expect(diff.summary.sets).toEqual({ changed: 9, added: 9, removed: 0, renamed: 0, rebased: 0 });
    expect(diff.summary.cells.gain).toBe(28);
    expect(diff.catalog.permissions.added).toEqual([]);
  });

  it('shows nothing between a revision and itself, and passes every gate', () => {
    const r = runDiff(['r2', 'r2', '--fail-on', 'gain', '--fail-on', 'loss', '--fail-on', 'change'], repo);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      '\nNo access changes.\n\n✔ --fail-on gain: 0 unallowed changes\n✔ --fail-on loss: 0 unallowed changes\n✔ --fail-on change: 0 unallowed changes\n',
    );
  });

  it('defaults HEAD to the working tree, uncommitted edits included', () => {
    const wt = temporaryFolder('permset-wt-');
    git(repo, 'worktree', 'add', '-q', '--detach', wt, 'r2');
    expect(json(['r1'], wt).diff.sets).toEqual(json(['r1', 'r2'], wt).diff.sets);
    expect(json(['r1'], wt).diff.head.label).toBe('working tree');
    writeFileSync(
      join(wt, 'policies/sets/viewer.yaml'),
      'kind: PermissionSet\nid: viewer\nname: Viewer\nseat: employee\ngrants:\n  deals.view: all\n',
    );
    const { diff } = json(['r1'], wt);
    expect(
      diff.sets.find((s) => s.id === 'viewer')!.cells.map((c) => [c.kind, c.before, c.after, c.cause?.at]),
    ).toEqual([
      ['widen', [{ scope: 'own' }], [{ scope: 'all' }], { file: 'policies/sets/viewer.yaml', line: 6, column: 3 }],
    ]);
    // From a subfolder, --dir is relative to it both in the working tree and in the revisions.
    const sub = json(['r1', 'r2', '--dir', '.'], join(wt, 'policies'));
    expect(cells(sub.diff)).toEqual(cells(json(['r1', 'r2'], wt).diff));
    expect(sub.diff.sets[0]!.cells[0]!.cause!.at.file).toBe('sets/manager.yaml');
  });

  it('compares directories (a checkout holding policies/, or the policy folder itself) like revisions', () => {
    const root = temporaryFolder('permset-dirs-');
    git(repo, 'worktree', 'add', '-q', '--detach', join(root, 'a'), 'r1');
    git(repo, 'worktree', 'add', '-q', '--detach', join(root, 'b'), 'r2');
    const byRev = json(['r1', 'r2']).diff;
    for (const args of [
      ['a', 'b'],
      ['a/policies', 'b/policies'],
      ['a', 'b/policies'],
    ]) {
      const { code, diff } = json(args, root);
      expect(code).toBe(0);
      expect(diff.summary).toEqual(byRev.summary);
      expect(cells(diff)).toEqual(cells(byRev));
    }
    const { diff } = json(['a', 'b'], root);
    expect([diff.base.label, diff.head.label]).toEqual(['a/policies', 'b/policies']);
    expect(diff.sets[0]!.cells[0]!.cause!.at.file).toBe('b/policies/sets/manager.yaml');
    // A directory against a revision, run from outside the repository is fine too: only the revision needs git.
    expect(cells(json(['r1', join(root, 'b')], repo).diff)).toEqual(cells(byRev));
  });
});

describe('permset diff gates', () => {
  it('--fail-on gain trips on every new access', () => {
    const { code, diff } = json(['r1', 'r2', '--fail-on', 'gain']);
    expect(code).toBe(1);
    expect(diff.gates!.gates).toEqual([{ gate: 'gain', hits: 14, tripped: 14, allowed: 0 }]);
    expect(diff.gates!.tripped.map((h) => `${h.set} ${h.permission} ${h.kind}`)).toEqual(
      cells(diff).filter((c) => / (gain|widen)$/.test(c)),
    );
    expect(runDiff(['r1', 'r2', '--fail-on', 'gain'], repo).stdout).toContain(
      '✖ --fail-on gain: 14 unallowed changes\n    manager deals.edit (widen)\n    manager deals.delete (gain)\n',
    );
  });

  it('--fail-on gain:PATTERN trips only on matching permissions', () => {
    const hit = json(['r1', 'r2', '--fail-on', 'gain:cost_rates.*']);
    expect(hit.code).toBe(1);
    expect(hit.diff.gates!.tripped).toEqual([
      {
        set: 'team-lead',
        permission: 'cost_rates.view',
        kind: 'gain',
        gainsAccess: true,
        losesAccess: false,
        flags: ['sensitive'],
        gate: 'gain:cost_rates.*',
        at: { side: 'head', file: 'policies/sets/team-lead.yaml', line: 7, column: 3 },
      },
    ]);
    expect(json(['r1', 'r2', '--fail-on', 'gain:reports.*']).code).toBe(0); // reports only narrowed or lost
    expect(json(['r1', 'r2', '--fail-on', 'loss:reports.*']).code).toBe(1);
  });

  it('--fail-on with a pattern that matches no permission of either side is a usage error, not a gate that never trips', () => {
    const r = runDiff(['r1', 'r2', '--fail-on', 'gain:Cost_Rates.*'], repo);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      "permset diff: --fail-on gain:Cost_Rates.*: 'Cost_Rates.*' matches no permission of BASE or HEAD, so this gate could never trip. Did you mean 'cost_rates.*'?\n",
    );
    // A permission that exists on one side only (removed or added) is a valid target.
    expect(runDiff(['r1', 'r2', '--fail-on', 'loss:*.delete'], repo).code).not.toBe(2);
  });

  it('--fail-on loss and change', () => {
    const loss = json(['r1', 'r2', '--fail-on', 'loss']);
    expect(loss.code).toBe(1);
    expect(loss.diff.gates!.tripped.map((h) => `${h.set} ${h.permission}`)).toEqual([
      'project-lead docs.edit',
      'team-lead reports.view',
      'team-lead reports.export',
      'viewer deals.view',
    ]);
    const change = json(['r1', 'r2', '--fail-on', 'change']);
    expect(change.code).toBe(1);
    expect(change.diff.gates!.gates).toEqual([{ gate: 'change', hits: 18, tripped: 18, allowed: 0 }]);
  });

  it('lets intended changes through an allowlist, with their reasons, and warns of unused entries', () => {
    const dir = temporaryFolder('permset-allow-');
    const allow = join(dir, 'allow.yaml');
    writeFileSync(
      allow,
      [
        '- { set: team-lead, permission: cost_rates.*, change: gain, reason: Team leads see cost rates }',
        '- { set: "*", permission: "deals.*", change: any, reason: Managers run deals end to end }',
        '- { set: client-staff, permission: "docs.*", change: gain, reason: Clients edit shared docs }',
        '- { set: intern, permission: "*", change: gain, reason: New set }',
        '- { set: sales, permission: docs.edit, change: gain, reason: Sales now restricted managers }',
        '- { set: staff, permission: cost_rates.view, change: gain, reason: real names but no such change in this diff }',
        '',
      ].join('\n'),
    );
    const r = json(['r1', 'r2', '--fail-on', 'gain', '--allow', allow]);
    expect(r.code).toBe(0);
    expect(r.diff.gates!.gates).toEqual([{ gate: 'gain', hits: 14, tripped: 0, allowed: 14 }]);
    expect(r.diff.gates!.allowed[0]).toMatchObject({
      set: 'manager',
      permission: 'deals.edit',
      kind: 'widen',
      allowedBy: { reason: 'Managers run deals end to end', at: { line: 2, column: 3 } },
    });
    expect(r.diff.gates!.unused.map((e) => e.set)).toEqual(['staff']);
    const human = runDiff(['r1', 'r2', '--fail-on', 'gain', '--allow', allow], repo).stdout;
    expect(human).toContain('✔ --fail-on gain: 0 unallowed changes, 14 allowed\n');
    expect(human).toContain(`    allowed: team-lead cost_rates.view (gain) by ${allow}:1: Team leads see cost rates\n`);
    expect(human).toContain(`⚠ ${allow}:6:3: allowlist entry (staff cost_rates.view gain) matches no change\n`);
    const md = runDiff(['r1', 'r2', '--fail-on', 'gain', '--allow', allow, '--format', 'md'], repo).stdout;
    expect(md).toContain('**Gates:** ✅ `--fail-on gain`: 0 unallowed changes, 14 allowed');
    expect(md).toContain('<details><summary>14 changes allowed by the allowlist</summary>');
    // Removing one entry lets exactly its changes trip the gate again.
    writeFileSync(allow, '- { set: "*", permission: "deals.*", change: any, reason: deals }\n');
    const partial = json(['r1', 'r2', '--fail-on', 'gain', '--allow', allow]);
    expect(partial.code).toBe(1);
    expect(partial.diff.gates!.tripped.map((h) => `${h.set} ${h.permission}`)).toEqual([
      'client-staff docs.edit',
      'client-staff docs.confidential.view',
      'intern docs.view',
      'intern docs.edit',
      'sales docs.edit',
      'team-lead cost_rates.view',
    ]);
  });

  it('gates a catalog scope change through every cell it affects, and an allowlist can accept it', () => {
    const gain = json(['r2', 'r3', '--fail-on', 'gain']);
    expect(gain.code).toBe(1);
    expect(gain.diff.gates!.gates).toEqual([{ gate: 'gain', hits: 23, tripped: 23, allowed: 0 }]);
    expect(gain.diff.gates!.tripped[0]).toEqual({
      set: 'staff',
      permission: 'deals.view',
      kind: 'condition',
      gainsAccess: true,
      losesAccess: true,
      flags: [],
      scope: 'member',
      gate: 'gain',
      at: { side: 'head', file: 'policies/catalog.yaml', line: 21, column: 3 },
    });
    expect(json(['r2', 'r3', '--fail-on', 'loss']).code).toBe(1);
    const dir = temporaryFolder('permset-allow-');
    writeFileSync(
      join(dir, 'allow.json'),
      JSON.stringify([{ set: '*', permission: '*', change: 'condition', reason: 'Owners count as members' }]),
    );
    expect(json(['r2', 'r3', '--fail-on', 'gain', '--allow', join(dir, 'allow.json')]).code).toBe(0);
  });

  it('rejects entries naming a set or permission that exists on neither side, at the value (exit 2)', () => {
    const dir = temporaryFolder('permset-allow-');
    const f = join(dir, 'stale.yaml');
    writeFileSync(
      f,
      [
        '- { set: team-lead, permission: cost_rates.view, change: gain, reason: fine }',
        '- set: team-leed',
        '  permission: cost_rate.view',
        '  change: gain',
        '  reason: two typos',
        '- { set: "nobody*", permission: "x.*", change: any, reason: stale }',
        '- { set: viewer, permission: "reports.*", change: loss, reason: viewer exists in BASE only }',
        '',
      ].join('\n'),
    );
    for (const format of ['human', 'json']) {
      const r = runDiff(['r1', 'r2', '--fail-on', 'gain', '--allow', f, '--format', format], repo);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(
        'permset diff: the allowlist names what exists in neither BASE nor HEAD, so these entries could never allow a change:\n' +
          `  ${f}:2:8: there is no permission set 'team-leed' in BASE or HEAD. Did you mean 'team-lead'?\n` +
          `  ${f}:3:15: there is no permission 'cost_rate.view' in BASE or HEAD. Did you mean 'cost_rates.view'?\n` +
          `  ${f}:6:10: 'nobody*' matches no permission set in BASE or HEAD.\n` +
          `  ${f}:6:33: 'x.*' matches no permission in BASE or HEAD.\n`,
      );
    }
    // Without gates the allowlist is still held against both sides: it is what a reviewer reads.
    expect(runDiff(['r1', 'r2', '--allow', f], repo).code).toBe(2);
  });

  it('rejects a malformed allowlist with positions (exit 2)', () => {
    const dir = temporaryFolder('permset-allow-');
    writeFileSync(
      join(dir, 'bad.yaml'),
      '- { set: team-lead, permission: cost_rates*, change: gained, reason: x, extra: 1 }\n- 3\n- { set: a }\n',
    );
    const r = runDiff(['r1', 'r2', '--fail-on', 'gain', '--allow', join(dir, 'bad.yaml')], repo);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const f = join(dir, 'bad.yaml');
    expect(r.stderr).toBe(
      'permset diff: the allowlist is malformed:\n' +
        `  ${f}:1:33: 'cost_rates*': '*' must be a whole segment (write 'cost_rates.*').\n` +
        `  ${f}:1:54: 'change' must be one of gain, loss, widen, narrow, change, condition, any, not 'gained'.\n` +
        `  ${f}:1:73: Unknown key 'extra'; an entry has set, permission, change and reason.\n` +
        `  ${f}:2:3: An allowlist entry is a mapping with set, permission, change and reason.\n` +
        `  ${f}:3:3: The entry is missing 'permission', 'change', 'reason'.\n`,
    );
    const missing = runDiff(['r1', 'r2', '--allow', join(dir, 'none.yaml')], repo);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^permset diff: cannot read the allowlist '.*none\.yaml': ENOENT/);
  });
});

describe('permset diff input errors', () => {
  it('exits 2 when neither side has the policy folder (a misspelt --dir): a gate never passes on nothing', () => {
    const rev = git(repo, 'rev-parse', '--short', 'r2').trim();
    for (const args of [
      ['r2', '--dir', 'polices', '--fail-on', 'gain'],
      ['r2', '--dir', 'polices'],
      ['r1', 'r2', '--dir', 'polices', '--fail-on', 'loss'],
    ]) {
      const r = runDiff(args, repo);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(
        /^permset diff: neither BASE \(r\d \([0-9a-f]+\), without polices\) nor HEAD \((working tree|r2 \([0-9a-f]+\), without polices)\) has policy files in 'polices', so there is nothing to compare and no gate could trip; is --dir right \(default: policies\)\?\n$/,
      );
    }
    expect(runDiff(['r2', '--dir', 'polices'], repo).stderr).toBe(
      `permset diff: neither BASE (r2 (${rev}), without polices) nor HEAD (working tree) has policy files in 'polices', so there is nothing to compare and no gate could trip; is --dir right (default: policies)?\n`,
    );
    // An empty folder reads nothing either.
    const empty = temporaryFolder('permset-empty-');
    expect(runDiff([empty, empty, '--fail-on', 'gain'], repo).code).toBe(2);
  });

  it('exits 2 in permset ci too when the diff would read nothing', async () => {
    const r = await runCli(['ci', 'polices', '--base', 'r2', '--fail-on', 'gain'], { cwd: repo });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('permset ci: neither BASE (r2 (');
    expect(r.stderr).toContain(
      "nor HEAD (working tree) has policy files in 'polices', so there is nothing to compare and no gate could trip",
    );
  });

  it('exits 2 with git’s message for an unknown revision, never a stack trace', () => {
    const r = runDiff(['nope', 'r2'], repo);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "permset diff: unknown revision 'nope': ambiguous argument 'nope': unknown revision or path not in the working tree.\n",
    );
    const dash = runDiff(['--', '--output=x', 'r2'], repo);
    expect(dash.code).toBe(2);
    expect(dash.stderr).toBe("permset diff: unknown revision '--output=x': not a revision name.\n");
  });

  it('exits 2 outside a git repository', () => {
    const dir = temporaryFolder('permset-norepo-');
    const r = runDiff(['main'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      new RegExp(`^permset diff: '${dir}' is not inside a git repository \\(git: fatal: not a git repository`),
    );
  });

  it('suggests fetching the base in a shallow clone', () => {
    const dir = temporaryFolder('permset-shallow-');
    git(dir, 'clone', '-q', '--depth', '1', '--branch', 'r3', `file://${repo}`, 'clone');
    const r = runDiff(['r1'], join(dir, 'clone'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('This clone is shallow: fetch the revision first (git fetch --depth=1 origin r1).');
  });

  it('throws usage errors for bad options (main prints usage, exit 2)', () => {
    const usage = (args: string[]) => {
      try {
        runDiff(args, repo);
      } catch (e) {
        expect(e).toBeInstanceOf(UsageError);
        return (e as Error).message;
      }
      return 'no error';
    };
    expect(usage([])).toBe('diff needs BASE: a git revision or a directory');
    expect(usage(['a', 'b', 'c'])).toBe('diff takes BASE and HEAD, got 3 arguments: a b c');
    expect(usage(['r1', '--format', 'html'])).toBe("--format must be human, md or json, not 'html'");
    expect(usage(['r1', '--fail-on', 'gains'])).toBe(
      "--fail-on takes gain, loss or change (optionally with :PATTERN), not 'gains'",
    );
    expect(usage(['r1', '--fail-on', 'gain:cost_rates*'])).toBe(
      "--fail-on gain:cost_rates*: 'cost_rates*': '*' must be a whole segment (write 'cost_rates.*')",
    );
    expect(usage(['r1', '--many', '0'])).toBe("--many takes a whole number >= 1, not '0'");
    expect(usage(['r1', '--dir', '../..'])).toMatch(/^--dir '\.\.\/\.\.' is outside the git repository at /);
  });

  it('--many sets the base-of-many threshold', () => {
    expect(json(['r1', 'r2', '--many', '5']).diff.sets.find((s) => s.id === 'manager')!.flags).toEqual([]);
    expect(json(['r1', 'r2', '--many', '1']).diff.sets.find((s) => s.id === 'manager-restricted')).toBeDefined();
    expect(json(['r1', 'r2', '--many', '1']).diff.sets.find((s) => s.id === 'sales')!.flags).toEqual([]);
  });
});
