import { describe, expect, it } from 'vitest';
import { CATALOG, compileTexts, detailsOf, set, summary } from './helpers.js';

/** A catalog with eight plain permissions `p.a` … `p.h` (scope `all`), for list-length limits. */
const WIDE = CATALOG.replace(
  'areas:\n',
  `areas:\n  p:\n    label: P\n    permissions:\n${'abcdefgh'
    .split('')
    .map((c) => `      p.${c}: { label: ${c}, scopes: [all] }\n`)
    .join('')}`,
);

describe('seat allows', () => {
  it('groups what an included fragment brings, listing five and counting the rest', () => {
    const result = compileTexts({
      'policies/catalog.yaml': WIDE,
      'policies/f.yaml': 'kind: Fragment\nid: f\ngrants:\n  "p.*": all\n',
      'policies/g.yaml': 'kind: Fragment\nid: g\ngrants:\n  p.a: all\n',
      'policies/c.yaml': set('c', 'seat: client\ninclude: [f]\ngrants:\n  budgets.view: all\n'),
      'policies/d.yaml': set('d', 'seat: client\ninclude: [g]\n'),
      'policies/five.yaml': 'kind: Fragment\nid: five\ngrants:\n  "p.*": all\n  p.f: none\n  p.g: none\n  p.h: none\n',
      'policies/e.yaml': set('e', 'seat: client\ninclude: [five]\n'),
    });
    expect(detailsOf(result)).toMatchInlineSnapshot(`
      [
        {
          "at": "policies/c.yaml 4:10-4:11",
          "code": "seat-disallows",
          "message": "Seat 'client' does not allow 'p.a', 'p.b', 'p.c', 'p.d', 'p.e', and 3 more, which this included fragment grants.",
          "related": [
            "policies/f.yaml 3:2-3:12: granted here",
          ],
        },
        {
          "at": "policies/d.yaml 4:10-4:11",
          "code": "seat-disallows",
          "message": "Seat 'client' does not allow 'p.a', which this included fragment grants.",
          "related": [
            "policies/g.yaml 3:2-3:10: granted here",
          ],
        },
        {
          "at": "policies/e.yaml 4:10-4:14",
          "code": "seat-disallows",
          "message": "Seat 'client' does not allow 'p.a', 'p.b', 'p.c', 'p.d', 'p.e', which this included fragment grants.",
          "related": [
            "policies/five.yaml 3:2-3:12: granted here",
          ],
        },
      ]
    `);
  });

  it('judges inherited grants on the base when the seat is the same, and on the set when it differs', () => {
    const result = compileTexts({
      'policies/catalog.yaml': CATALOG,
      'policies/base.yaml': set('base', 'seat: client\ngrants:\n  settings.manage: all\n'),
      'policies/child.yaml': set('child', 'extends: base\ngrants:\n  budgets.view: all\n'),
      'policies/emp.yaml': set('emp', 'seat: employee\ngrants:\n  settings.manage: all\n'),
      'policies/cl.yaml': set('cl', 'extends: emp\nseat: client\n'),
    });
    expect(summary(result)).toEqual([
      'seat-disallows policies/base.yaml 5:2-5:17',
      'seat-mismatch policies/cl.yaml 4:6-4:12',
    ]);
  });
});

describe('include conflicts', () => {
  it('names the first disagreement, counts the rest and lists up to five more', () => {
    const result = compileTexts({
      'policies/catalog.yaml': WIDE,
      'policies/f.yaml': 'kind: Fragment\nid: f\ngrants:\n  "p.*": all\n',
      'policies/g.yaml': 'kind: Fragment\nid: g\ngrants:\n  "p.*": none\n',
      'policies/h.yaml': 'kind: Fragment\nid: h\ngrants:\n  p.a: none\n  p.b: all\n',
      'policies/s.yaml': set('s', 'seat: employee\ninclude: [f, g]\ngrants:\n  p.h: all\n'),
      'policies/t.yaml': set('t', 'seat: employee\ninclude: [g, h]\n'),
      'policies/six.yaml': set('six', 'seat: employee\ninclude: [f, g]\ngrants:\n  p.g: all\n  p.h: all\n'),
      'policies/u.yaml': set(
        'u',
        'seat: employee\ninclude: [h, f, g]\ngrants:\n  p.a: all\n  p.b: all\n  p.c: all\n  p.d: all\n  p.e: all\n  p.f: all\n  p.g: all\n  p.h: all\n',
      ),
    });
    expect(detailsOf(result)).toMatchInlineSnapshot(`
      [
        {
          "at": "policies/s.yaml 4:13-4:14",
          "code": "include-conflict",
          "message": "Fragments 'f' and 'g' give 'p.a' different values (all vs none) (and 6 more: p.b, p.c, p.d, p.e, p.f, …). Name the permission in this set's grants to decide.",
          "related": [
            "policies/f.yaml 3:2-3:12: 'f' grants all here",
            "policies/g.yaml 3:2-3:13: 'g' grants none here",
          ],
        },
        {
          "at": "policies/six.yaml 4:13-4:14",
          "code": "include-conflict",
          "message": "Fragments 'f' and 'g' give 'p.a' different values (all vs none) (and 5 more: p.b, p.c, p.d, p.e, p.f). Name the permission in this set's grants to decide.",
          "related": [
            "policies/f.yaml 3:2-3:12: 'f' grants all here",
            "policies/g.yaml 3:2-3:13: 'g' grants none here",
          ],
        },
        {
          "at": "policies/t.yaml 4:13-4:14",
          "code": "include-conflict",
          "message": "Fragments 'g' and 'h' give 'p.b' different values (none vs all). Name the permission in this set's grants to decide.",
          "related": [
            "policies/g.yaml 3:2-3:13: 'g' grants none here",
            "policies/h.yaml 4:2-4:10: 'h' grants all here",
          ],
        },
      ]
    `);
  });
});

describe('redundant grants', () => {
  it('flags `none` that removes nothing and restatements, never patterns or contested permissions', () => {
    const result = compileTexts({
      'policies/catalog.yaml': CATALOG,
      'policies/base.yaml': set('base', 'seat: employee\ngrants:\n  budgets.view: [own, member]\n'),
      'policies/f.yaml': 'kind: Fragment\nid: f\ngrants:\n  settings.manage: all\n',
      'policies/g.yaml': 'kind: Fragment\nid: g\ngrants:\n  settings.manage: none\n',
      'policies/s.yaml': set(
        's',
        'extends: base\ninclude: [f, g]\ngrants:\n  budgets.view: [member, own]\n  budgets.manage: none\n  "budgets.profit.*": none\n  settings.manage: none\n',
      ),
      'policies/t.yaml': set('t', 'extends: base\ngrants: { budgets.view: [member, own] }\n'),
    });
    expect(detailsOf(result)).toMatchInlineSnapshot(`
      [
        {
          "at": "policies/s.yaml 6:2-6:14",
          "code": "redundant-grant",
          "fixes": [
            {
              "edits": [
                {
                  "edit": "policies/s.yaml 6:0-7:0",
                  "newText": "",
                },
              ],
              "isPreferred": true,
              "title": "Remove the redundant grant of 'budgets.view'",
            },
          ],
          "message": "'budgets.view' is already granted own, member to set 's' through inheritance; this line changes nothing.",
          "related": [
            "policies/base.yaml 5:2-5:29: inherited from set 'base'",
          ],
        },
        {
          "at": "policies/s.yaml 7:2-7:16",
          "code": "redundant-grant",
          "fixes": [
            {
              "edits": [
                {
                  "edit": "policies/s.yaml 7:0-8:0",
                  "newText": "",
                },
              ],
              "isPreferred": true,
              "title": "Remove the redundant grant of 'budgets.manage'",
            },
          ],
          "message": "'budgets.manage: none' removes nothing: set 's' does not otherwise hold 'budgets.manage'.",
        },
        {
          "at": "policies/t.yaml 4:10-4:22",
          "code": "redundant-grant",
          "fixes": [
            {
              "edits": [
                {
                  "edit": "policies/t.yaml 4:10-4:37",
                  "newText": "",
                },
              ],
              "isPreferred": true,
              "title": "Remove the redundant grant of 'budgets.view'",
            },
          ],
          "message": "'budgets.view' is already granted own, member to set 't' through inheritance; this line changes nothing.",
          "related": [
            "policies/base.yaml 5:2-5:29: inherited from set 'base'",
          ],
        },
      ]
    `);
  });
});

describe('set structure', () => {
  it('finds the seat declaration up the chain, and checks system flags and customizable seats', () => {
    const catalog = CATALOG.replace(
      '  employee: { label: Employee, paid: true }',
      '  employee: { label: Employee, paid: true }\n  locked: { label: Locked, paid: true, customizable: false }',
    );
    const result = compileTexts({
      'policies/catalog.yaml': catalog,
      'policies/a.yaml': set('a', 'seat: locked\nsystem: true\n'),
      'policies/b.yaml': set('b', 'extends: a\nsystem: true\n'),
      'policies/c.yaml': set('c', 'extends: b\nseat: employee\n'),
      'policies/d.yaml': set('d', 'seat: employee\n'),
      'policies/e.yaml': set('e', 'extends: d\nsystem: true\nrestrict: membr\n'),
    });
    expect(detailsOf(result)).toMatchInlineSnapshot(`
      [
        {
          "at": "policies/c.yaml 3:9-3:10",
          "code": "not-customizable",
          "message": "Set 'b' has seat 'locked', which is not customizable: only system sets may extend it.",
          "related": [
            "policies/catalog.yaml 15:2-15:8: seat 'locked' is declared with \`customizable: false\`",
          ],
        },
        {
          "at": "policies/c.yaml 4:6-4:14",
          "code": "seat-mismatch",
          "fixes": [
            {
              "edits": [
                {
                  "edit": "policies/c.yaml 4:6-4:14",
                  "newText": "locked",
                },
              ],
              "isPreferred": true,
              "title": "Use seat 'locked'",
            },
          ],
          "message": "Set 'c' declares seat 'employee', but its base 'b' has seat 'locked'; a set inherits its base's seat.",
          "related": [
            "policies/a.yaml 3:6-3:12: 'b' gets seat 'locked' here",
          ],
        },
        {
          "at": "policies/e.yaml 3:9-3:10",
          "code": "system-flag",
          "message": "System set 'e' extends custom set 'd'; a system set may extend only system sets.",
          "related": [
            "policies/d.yaml 1:4-1:5: 'd' is a custom set (no \`system: true\`)",
          ],
        },
        {
          "at": "policies/e.yaml 5:10-5:15",
          "code": "unknown-scope",
          "fixes": [
            {
              "edits": [
                {
                  "edit": "policies/e.yaml 5:10-5:15",
                  "newText": "member",
                },
              ],
              "isPreferred": true,
              "title": "Replace with 'member'",
            },
          ],
          "message": "Unknown scope 'membr'. Did you mean 'member'?",
        },
      ]
    `);
  });
});
