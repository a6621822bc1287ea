import { describe, expect, it } from 'vitest';
import {
  diffModels,
  evaluateGates,
  gateSummaries,
  parseAllowlist,
  parseGate,
  staleAllowlistEntries,
  type AllowEntry,
} from '../../../packages/compiler/src/diff/index.js';
import { model, set } from './diff-helpers.js';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('parseAllowlist', () => {
  it('reads a YAML list and a JSON list alike, with each entry’s position', () => {
    const yaml = parseAllowlist(
      'allow.yaml',
      bytes('# intended\n- set: manager\n  permission: "deals.*"\n  change: gain\n  reason: Managers delete deals\n'),
    );
    expect(yaml).toEqual({
      entries: [
        {
          set: 'manager',
          permission: 'deals.*',
          change: 'gain',
          reason: 'Managers delete deals',
          at: { file: 'allow.yaml', line: 2, column: 3 },
          valuesAt: { set: { line: 2, column: 8 }, permission: { line: 3, column: 15 } },
        },
      ],
      problems: [],
    });
    const json = parseAllowlist(
      'allow.json',
      bytes('[{"set": "*", "permission": "*", "change": "any", "reason": "all"}]'),
    );
    expect(json.entries).toEqual([
      {
        set: '*',
        permission: '*',
        change: 'any',
        reason: 'all',
        at: { file: 'allow.json', line: 1, column: 2 },
        valuesAt: { set: { line: 1, column: 10 }, permission: { line: 1, column: 29 } },
      },
    ]);
  });

  it('accepts an empty file as an empty list', () => {
    expect(parseAllowlist('a.yaml', bytes(''))).toEqual({ entries: [], problems: [] });
    expect(parseAllowlist('a.yaml', bytes('# nothing yet\n'))).toEqual({ entries: [], problems: [] });
    expect(parseAllowlist('a.yaml', bytes('[]\n'))).toEqual({ entries: [], problems: [] });
  });

  it.each([
    [
      'a mapping instead of a list',
      'set: a\n',
      [[1, 1, 'An allowlist is a list of entries: - { set, permission, change, reason }']],
    ],
    ['YAML syntax errors', '- { set: a\n', [[2, 1, expect.stringMatching(/flow/i)]]],
    [
      'several documents',
      '- { set: a, permission: b, change: any, reason: r }\n---\n- x\n',
      [[2, 1, 'An allowlist is one YAML document; found several.']],
    ],
    [
      'a non-text value',
      '- { set: a, permission: b, change: any, reason: 3 }\n',
      [[1, 49, "'reason' must be a non-empty text."]],
    ],
    [
      'an empty value',
      '- { set: "", permission: b, change: any, reason: r }\n',
      [[1, 10, "'set' must be a non-empty text."]],
    ],
    [
      'a nested value',
      '- { set: [a], permission: b, change: any, reason: r }\n',
      [[1, 10, "'set' must be a non-empty text."]],
    ],
    [
      'an empty segment',
      '- { set: a, permission: b..c, change: any, reason: r }\n',
      [[1, 25, "'b..c' has an empty segment."]],
    ],
    [
      'invalid UTF-8',
      new Uint8Array([...bytes('- { set: a, permission: b, change: any, reason: '), 0xff, ...bytes(' }\n')]),
      [[1, 49, expect.stringMatching(/^The file is not valid UTF-8/)]],
    ],
  ] as const)('reports %s with a position', (_, text, expected) => {
    const r = parseAllowlist('a.yaml', typeof text === 'string' ? bytes(text) : text);
    expect(r.entries).toEqual([]);
    expect(r.problems.map((p) => [p.line, p.column, p.message])).toEqual(expected);
  });
});

describe('staleAllowlistEntries', () => {
  const entry = (set: string, permission: string): AllowEntry => ({
    set,
    permission,
    change: 'any',
    reason: 'r',
    at: { file: 'a.yaml', line: 4, column: 3 },
  });
  const names = { sets: ['staff', 'team-lead'], permissions: ['deals.view', 'cost_rates.view'] };

  it('accepts entries naming a set and a permission of either side, by id or pattern', () => {
    expect(
      staleAllowlistEntries([entry('staff', 'deals.view'), entry('team-*', 'cost_rates.*'), entry('*', '*')], names),
    ).toEqual([]);
  });

  it('reports a set or permission that exists on neither side, with a suggestion, at the entry when no value position is known', () => {
    expect(staleAllowlistEntries([entry('team-leed', 'cost_rate.*'), entry('x*', 'deals.vew')], names)).toEqual([
      {
        file: 'a.yaml',
        line: 4,
        column: 3,
        message: "there is no permission set 'team-leed' in BASE or HEAD. Did you mean 'team-lead'?",
      },
      {
        file: 'a.yaml',
        line: 4,
        column: 3,
        message: "'cost_rate.*' matches no permission in BASE or HEAD. Did you mean 'cost_rates.*'?",
      },
      { file: 'a.yaml', line: 4, column: 3, message: "'x*' matches no permission set in BASE or HEAD." },
      {
        file: 'a.yaml',
        line: 4,
        column: 3,
        message: "there is no permission 'deals.vew' in BASE or HEAD. Did you mean 'deals.view'?",
      },
    ]);
  });

  it('checks nothing against a side list that is empty (no catalog or no sets could be read)', () => {
    expect(staleAllowlistEntries([entry('nobody', 'x.y')], { sets: [], permissions: [] })).toEqual([]);
  });
});

describe('parseGate', () => {
  it.each([
    ['gain', { on: 'gain', text: 'gain' }],
    ['loss', { on: 'loss', text: 'loss' }],
    ['change', { on: 'change', text: 'change' }],
    ['gain:cost_rates.*', { on: 'gain', pattern: 'cost_rates.*', text: 'gain:cost_rates.*' }],
    ['loss:*.delete', { on: 'loss', pattern: '*.delete', text: 'loss:*.delete' }],
    ['gains', "--fail-on takes gain, loss or change (optionally with :PATTERN), not 'gains'"],
    ['gain:', '--fail-on gain:: a permission pattern cannot be empty'],
    ['gain:a*', "--fail-on gain:a*: 'a*': '*' must be a whole segment (write 'a.*')"],
  ] as const)('%s', (text, expected) => {
    expect(parseGate(text)).toEqual(expected);
  });
});

describe('evaluateGates', () => {
  const staff = set('staff', 'seat: employee\ngrants:\n  deals.view: own\n  deals.edit: all\n');
  const base = model({ 'staff.yaml': staff, 'lead.yaml': set('lead', 'extends: staff\n') });
  const head = model({
    'staff.yaml': staff.replace('deals.view: own', 'deals.view: member').replace('deals.edit: all', 'deals.edit: own'),
    'lead.yaml': set('lead', 'extends: staff\ngrants: { deals.delete: member }\n'),
  });
  const diff = diffModels(base, head);
  const gate = (text: string) => parseGate(text) as Exclude<ReturnType<typeof parseGate>, string>;
  const entry = (e: Partial<AllowEntry>): AllowEntry => ({
    set: '*',
    permission: '*',
    change: 'any',
    reason: 'r',
    at: { file: 'a.yaml', line: 1, column: 3 },
    ...e,
  });
  const hits = (r: { set: string; permission: string; kind: string }[]) =>
    r.map((h) => `${h.set} ${h.permission} ${h.kind}`);

  it('catches gains (gained and widened), losses and any change', () => {
    const r = evaluateGates(diff, [gate('gain'), gate('loss'), gate('change')]);
    expect(r.gates).toEqual([
      { gate: 'gain', hits: 3, tripped: 3, allowed: 0 },
      { gate: 'loss', hits: 2, tripped: 2, allowed: 0 },
      { gate: 'change', hits: 5, tripped: 5, allowed: 0 },
    ]);
    expect(hits(r.tripped.filter((h) => h.gate === 'gain'))).toEqual([
      'staff deals.view widen',
      'lead deals.view widen',
      'lead deals.delete gain',
    ]);
    expect(hits(r.tripped.filter((h) => h.gate === 'loss'))).toEqual([
      'staff deals.edit narrow',
      'lead deals.edit narrow',
    ]);
    expect(r.failed).toBe(true);
    expect(gateSummaries(r)).toEqual([
      { name: 'diff --fail-on gain', tripped: true, detail: '3 unallowed changes' },
      { name: 'diff --fail-on loss', tripped: true, detail: '2 unallowed changes' },
      { name: 'diff --fail-on change', tripped: true, detail: '5 unallowed changes' },
    ]);
  });

  it('restricts a gate to a pattern', () => {
    expect(hits(evaluateGates(diff, [gate('gain:*.delete')]).tripped)).toEqual(['lead deals.delete gain']);
    expect(evaluateGates(diff, [gate('gain:contacts.*')]).failed).toBe(false);
  });

  it('allows entries by set glob, permission pattern and exact change kind', () => {
    const r = evaluateGates(
      diff,
      [gate('gain')],
      [
        entry({ set: 'l*', permission: 'deals.delete', change: 'gain' }),
        entry({ set: 'staff', change: 'widen' }),
        entry({ set: 'lead', permission: 'deals.view', change: 'gain' }),
      ],
    );
    expect(hits(r.tripped)).toEqual(['lead deals.view widen']); // allowed as a gain, but it is a widening
    expect(hits(r.allowed)).toEqual(['staff deals.view widen', 'lead deals.delete gain']);
    expect(r.allowed[1]!.allowedBy!.set).toBe('l*');
    expect(r.unused.map((e) => e.permission)).toEqual(['deals.view']);
    expect(gateSummaries(r)).toEqual([
      { name: 'diff --fail-on gain', tripped: true, detail: '1 unallowed change, 2 allowed by the allowlist' },
    ]);
  });

  it('passes with no gates, whatever the diff', () => {
    expect(evaluateGates(diff, [])).toEqual({ gates: [], tripped: [], allowed: [], unused: [], failed: false });
  });
});
