import { describe, expect, it } from 'vitest';
import {
  diffModels,
  renderDiffHuman,
  renderDiffJson,
  renderDiffMarkdown,
  evaluateGates,
  parseGate,
  type Gate,
} from '../../../packages/compiler/src/diff/index.js';
import type { ModelScope, ModelSet, PolicyModel } from '../../../packages/compiler/src/policy-model/index.js';

/** A hand-built model: the diff core accepts any model, including text no policy file could hold. */
function synth(
  sets: { id: string; grants: Record<string, ModelScope[]>; paid?: boolean }[],
  permissions: string[],
): PolicyModel {
  return {
    version: 1,
    areas: [],
    permissions: permissions.map((id) => ({
      id,
      label: id,
      area: 'a',
      scopes: ['own', 'all'],
      requires: [],
      sensitive: id.includes('secret'),
      at: { file: 'p/catalog.yaml', line: 1, column: 1 },
    })),
    scopes: [
      { name: 'own', label: 'Own', includes: [], covers: ['own'] },
      { name: 'all', label: 'All', includes: ['own'], covers: ['all', 'own'] },
    ],
    seats: [],
    resources: [],
    subjectAttributes: {},
    contextAttributes: {},
    sets: sets.map((s): ModelSet => ({
      id: s.id,
      name: s.id,
      system: false,
      include: [],
      ...(s.paid !== undefined ? { paid: s.paid, seat: s.paid ? 'employee' : 'client' } : {}),
      at: { file: `p/${s.id}.yaml`, line: 2, column: 5 },
      grants: Object.entries(s.grants).map(([permission, scopes], i) => ({
        permission,
        scopes,
        source: { kind: 'set', id: s.id, key: permission, at: { file: `p/${s.id}.yaml`, line: 6 + i, column: 3 } },
        via: [],
      })),
    })),
  };
}

/** The cells of a Markdown table row, split at unescaped pipes. */
function cells(row: string): string[] {
  return row.split(/(?<!\\)\|/).slice(1, -1);
}

describe('renderDiffMarkdown', () => {
  it('escapes ids, conditions and file names: no HTML, no broken tables, no mentions', () => {
    const evil = '<img src=x onerror=alert(1)>|@org/team';
    const base = synth(
      [{ id: evil, grants: { 'a|b.view': [{ scope: 'own', when: "x == '|`<script>`|'" }] } }],
      ['a|b.view'],
    );
    const head = synth([{ id: evil, grants: { 'a|b.view': [{ scope: 'all', when: 'y\\|z' }] } }], ['a|b.view']);
    const md = renderDiffMarkdown(diffModels(base, head, { base: { label: 'main <b>' }, head: { label: '**head**' } }));
    expect(md).toBe(
      [
        '### permset diff: main &lt;b&gt; → \\*\\*head\\*\\*',
        '',
        '**1 set changed · 1 cell: 1 changed**',
        '',
        '#### Sets',
        '',
        '| set | what | cells | review |',
        '|---|---|---|---|',
        // In code spans, `<img …>` is shown as text, never rendered, and `@org` mentions no one.
        '| `<img src=x onerror=alert(1)>\\|@org/team` | changed | 1 changed |  |',
        '',
        '#### Changes (1 cell)',
        '',
        '**`<img src=x onerror=alert(1)>|@org/team`**',
        '',
        '| change | permission | before | after | via |',
        '|---|---|---|---|---|',
        // A backslash before a pipe would end a GitHub table cell even in code: such text is escaped instead.
        "| changed | `a\\|b.view` | ``own (when x == '\\|`<script>`\\|')`` | all (when y\\\\\\|z) | `p/<img src=x onerror=alert(1)>\\|@org/team.yaml:6` |",
        '',
      ].join('\n'),
    );
    // Every table row has as many cells as its header.
    for (const t of md.split('\n\n').filter((b) => b.startsWith('| '))) {
      const lines = t.split('\n').filter(Boolean);
      for (const l of lines) expect(cells(l).length, l).toBe(cells(lines[0]!).length);
    }
  });

  it('stays readable at 200 changed cells: summary first, details folded per set, under GitHub’s size limit', () => {
    const permissions = Array.from({ length: 10 }, (_, i) => `area.p${i}`);
    const base = synth(
      Array.from({ length: 20 }, (_, i) => ({ id: `set-${i}`, grants: {} })),
      permissions,
    );
    const head = synth(
      Array.from({ length: 20 }, (_, i) => ({
        id: `set-${i}`,
        grants: Object.fromEntries(permissions.map((p) => [p, [{ scope: 'all' }]])),
      })),
      permissions,
    );
    const diff = diffModels(base, head);
    const md = renderDiffMarkdown(diff, evaluateGates(diff, [parseGate('gain') as Gate]));
    expect(md.split('\n').slice(0, 3)).toEqual([
      '### permset diff: base → head',
      '',
      '**20 sets changed · 200 cells: 200 gained**',
    ]);
    expect(md.indexOf('#### Sets')).toBeLessThan(md.indexOf('#### Changes (200 cells)'));
    expect(md.match(/<details><summary>set-\d+: 10 changes<\/summary>/g)).toHaveLength(20);
    expect(md.match(/^\| gained \|/gm)).toHaveLength(200);
    expect(md).toContain('- …and 180 more'); // the tripped list is capped at 20
    expect(md.length).toBeLessThan(65_536);
  });

  it('does not fold 30 rows or fewer', () => {
    const permissions = Array.from({ length: 10 }, (_, i) => `area.p${i}`);
    const base = synth(
      [
        { id: 'a', grants: {} },
        { id: 'b', grants: {} },
        { id: 'c', grants: {} },
      ],
      permissions,
    );
    const all = Object.fromEntries(permissions.map((p) => [p, [{ scope: 'all' }]]));
    const md = renderDiffMarkdown(
      diffModels(
        base,
        synth(
          [
            { id: 'a', grants: all },
            { id: 'b', grants: all },
            { id: 'c', grants: all },
          ],
          permissions,
        ),
      ),
    );
    expect(md).not.toContain('<details>');
    expect(md).toContain('**`a`**\n\n| change | permission | before | after | via |');
  });

  it('caps the rows and says where the rest is', () => {
    const permissions = Array.from({ length: 50 }, (_, i) => `area.p${i}`);
    const base = synth(
      Array.from({ length: 10 }, (_, i) => ({ id: `s${i}`, grants: {} })),
      permissions,
    );
    const head = synth(
      Array.from({ length: 10 }, (_, i) => ({
        id: `s${i}`,
        grants: Object.fromEntries(permissions.map((p) => [p, [{ scope: 'own' }]])),
      })),
      permissions,
    );
    const md = renderDiffMarkdown(diffModels(base, head), undefined, { maxRows: 120 });
    expect(md.match(/^\| gained \|/gm)).toHaveLength(120);
    expect(md).toContain('…and 30 more changes of this set.');
    expect(md).toContain('…and 380 more changes; `permset diff --format json` lists them all.');
  });
});

describe('renderDiffHuman and renderDiffJson', () => {
  it('shows control characters from policy text instead of sending them to the terminal', () => {
    const base = synth([{ id: 'x', grants: {} }], ['a.view']);
    const head = synth(
      [{ id: 'x', grants: { 'a.view': [{ scope: 'own', when: 'a == "\u001b[2J\u202e"' }] } }],
      ['a.view'],
    );
    const text = renderDiffHuman(diffModels(base, head));
    expect(text).toContain('+ gains a.view (own (when a == "\\u{1b}[2J\\u{202e}")) via p/x.yaml:6');
    expect(text).not.toContain('\u001b');
  });

  it('prints the diff itself as JSON, with the gates when given', () => {
    const base = synth([{ id: 'x', grants: {} }], ['a.view', 'a.secret']);
    const head = synth([{ id: 'x', grants: { 'a.secret': [{ scope: 'all' }] }, paid: false }], ['a.view', 'a.secret']);
    const diff = diffModels(base, head);
    expect(JSON.parse(renderDiffJson(diff))).toEqual(JSON.parse(JSON.stringify(diff)));
    const withGates = JSON.parse(renderDiffJson(diff, evaluateGates(diff, [parseGate('gain') as Gate])));
    expect(withGates.gates.tripped).toEqual([
      {
        set: 'x',
        permission: 'a.secret',
        kind: 'gain',
        gainsAccess: true,
        losesAccess: false,
        flags: ['sensitive', 'free-seat'],
        gate: 'gain',
        at: { side: 'head', file: 'p/x.yaml', line: 6, column: 3 },
      },
    ]);
    expect(renderDiffJson(diff).endsWith('}\n')).toBe(true);
  });
});
