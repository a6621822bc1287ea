import { describe, expect, it } from 'vitest';
import { CATALOG, compileTexts, detailsOf, set, summary } from './helpers.js';

describe('guards', () => {
  it('shortens a long description to 137 characters and an ellipsis, and reports inherited grants at `extends`', () => {
    const long =
      'Nobody below the board may ever manage budgets because budget changes need a second pair of eyes and an audit trail that the tool does not have yet';
    const result = compileTexts({
      'policies/catalog.yaml': CATALOG,
      'policies/guard.yaml': `kind: Guard\nid: g\ndescription: ${long}\napplies_to: { sets: [base] }\nnever: [budgets.manage]\n`,
      'policies/base.yaml': set('base', 'seat: employee\ngrants:\n  budgets.view: all\n  budgets.manage: all\n'),
      'policies/child.yaml': set('child', 'extends: base\n'),
      'policies/other.yaml': set('other', 'seat: employee\ngrants:\n  budgets.view: all\n  budgets.manage: all\n'),
    });
    expect(detailsOf(result)).toMatchInlineSnapshot(`
      [
        {
          "at": "policies/base.yaml 6:2-6:16",
          "code": "guard-violated",
          "fixes": [
            {
              "edits": [
                {
                  "edit": "policies/base.yaml 6:18-6:21",
                  "newText": "none",
                },
              ],
              "title": "Remove 'budgets.manage' from 'base'",
            },
          ],
          "message": "Set 'base' breaks guard 'g' (Nobody below the board may ever manage budgets because budget changes need a second pair of eyes and an audit trail that the tool does no…): it grants 'budgets.manage' (all), but the set must never grant 'budgets.manage'.",
          "related": [
            "policies/guard.yaml 4:8-4:22: guard 'g' states the rule here",
          ],
        },
        {
          "at": "policies/child.yaml 3:9-3:13",
          "code": "guard-violated",
          "fixes": [
            {
              "edits": [
                {
                  "edit": "policies/child.yaml 4:0-4:0",
                  "newText": "grants:
        budgets.manage: none
      ",
                },
              ],
              "title": "Remove 'budgets.manage' from 'child'",
            },
          ],
          "message": "Set 'child' breaks guard 'g' (Nobody below the board may ever manage budgets because budget changes need a second pair of eyes and an audit trail that the tool does no…), which applies to it because it extends 'base': it grants 'budgets.manage' (all), but the set must never grant 'budgets.manage'.",
          "related": [
            "policies/guard.yaml 4:8-4:22: guard 'g' states the rule here",
            "policies/base.yaml 6:2-6:21: 'budgets.manage' is inherited from here",
          ],
        },
      ]
    `);
  });

  it('takes the first sentence of a description, whitespace folded', () => {
    const result = compileTexts({
      'policies/catalog.yaml': CATALOG,
      'policies/guard.yaml':
        'kind: Guard\nid: g\ndescription: "  Clients   only\\n look!  Really."\napplies_to: { seat: client }\nnever: ["budgets.manage"]\n',
      'policies/c.yaml': set('c', 'seat: client\ngrants: { budgets.manage: member }\n'),
    });
    expect(detailsOf(result)).toMatchInlineSnapshot(`
      [
        {
          "at": "policies/c.yaml 4:10-4:24",
          "code": "guard-violated",
          "fixes": [
            {
              "edits": [
                {
                  "edit": "policies/c.yaml 4:26-4:32",
                  "newText": "none",
                },
              ],
              "title": "Remove 'budgets.manage' from 'c'",
            },
          ],
          "message": "Set 'c' breaks guard 'g' (Clients only look): it grants 'budgets.manage' (member), but the set must never grant 'budgets.manage'.",
          "related": [
            "policies/guard.yaml 4:8-4:24: guard 'g' states the rule here",
          ],
        },
        {
          "at": "policies/c.yaml 4:10-4:24",
          "code": "requires-missing",
          "fixes": [
            {
              "edits": [
                {
                  "edit": "policies/c.yaml 4:32-4:32",
                  "newText": ", budgets.view: member",
                },
              ],
              "title": "Grant 'budgets.view: member' in 'c'",
            },
            {
              "edits": [
                {
                  "edit": "policies/c.yaml 4:26-4:32",
                  "newText": "none",
                },
              ],
              "title": "Remove 'budgets.manage' from 'c' (budgets.manage: none)",
            },
          ],
          "message": "'budgets.manage' (member) requires 'budgets.view' to be granted in a scope covering member, but set 'c' does not grant it.",
          "related": [
            "policies/catalog.yaml 22:73-22:85: 'budgets.manage' requires 'budgets.view' here",
          ],
        },
        {
          "at": "policies/c.yaml 4:10-4:24",
          "code": "seat-disallows",
          "message": "Seat 'client' does not allow 'budgets.manage': a Client set may grant only 'budgets.view'.",
          "related": [
            "policies/catalog.yaml 15:2-15:8: seat 'client' lists what it allows here",
          ],
        },
      ]
    `);
  });

  it('narrows to `none` when the permission does not allow the max scope, and reports includes with the fragment', () => {
    const result = compileTexts({
      'policies/catalog.yaml': CATALOG,
      'policies/guard.yaml':
        'kind: Guard\nid: g\napplies_to: { except: [free] }\nmax_scope: { "budgets.*": own, settings.manage: nowhere }\n',
      'policies/f.yaml': 'kind: Fragment\nid: f\ngrants:\n  budgets.manage: member\n',
      'policies/s.yaml': set('s', 'seat: employee\ninclude: [f]\ngrants:\n  budgets.view: [own, member]\n'),
      'policies/free.yaml': set('free', 'seat: employee\ninclude: [f]\ngrants:\n  budgets.view: all\n'),
      'policies/ok.yaml': set('ok', 'seat: employee\ngrants:\n  budgets.view: own\n'),
    });
    expect(detailsOf(result)).toMatchInlineSnapshot(`
      [
        {
          "at": "policies/guard.yaml 3:48-3:55",
          "code": "unknown-scope",
          "message": "Unknown scope 'nowhere'.",
        },
        {
          "at": "policies/s.yaml 4:10-4:11",
          "code": "guard-violated",
          "fixes": [
            {
              "edits": [
                {
                  "edit": "policies/s.yaml 6:29-6:29",
                  "newText": "
        budgets.manage: none",
                },
              ],
              "title": "Remove 'budgets.manage' from 's'",
            },
          ],
          "message": "Set 's' breaks guard 'g': it grants 'budgets.manage' (member), but the set may grant 'budgets.*' at most in scope 'own'.",
          "related": [
            "policies/guard.yaml 3:13-3:24: guard 'g' states the rule here",
            "policies/f.yaml 3:2-3:24: fragment 'f' grants 'budgets.manage' here",
          ],
        },
        {
          "at": "policies/s.yaml 6:2-6:14",
          "code": "guard-violated",
          "fixes": [
            {
              "edits": [
                {
                  "edit": "policies/s.yaml 6:16-6:29",
                  "newText": "own",
                },
              ],
              "title": "Narrow 'budgets.view' to own in 's'",
            },
          ],
          "message": "Set 's' breaks guard 'g': it grants 'budgets.view' (own, member), but the set may grant 'budgets.*' at most in scope 'own'.",
          "related": [
            "policies/guard.yaml 3:13-3:24: guard 'g' states the rule here",
          ],
        },
      ]
    `);
  });

  it('separation of duties names the other permission where it is granted, for every later entry', () => {
    const result = compileTexts({
      'policies/catalog.yaml': CATALOG,
      'policies/guard.yaml':
        'kind: Guard\nid: sod\napplies_to: { seat: employee }\nexclusive: ["budgets.view", "budgets.manage", "settings.*", "budgets.profit.view"]\n',
      'policies/f.yaml': 'kind: Fragment\nid: f\ngrants:\n  budgets.view: all\n',
      'policies/base.yaml': set('base', 'seat: employee\ngrants:\n  settings.manage: all\n'),
      'policies/s.yaml': set('s', 'extends: base\ninclude: [f]\ngrants:\n  budgets.manage: all\n'),
      'policies/one.yaml': set('one', 'seat: employee\ngrants:\n  budgets.view: all\n'),
    });
    expect(detailsOf(result)).toMatchInlineSnapshot(`
      [
        {
          "at": "policies/s.yaml 3:9-3:13",
          "code": "guard-violated",
          "fixes": [
            {
              "edits": [
                {
                  "edit": "policies/s.yaml 6:21-6:21",
                  "newText": "
        settings.manage: none",
                },
              ],
              "title": "Remove 'settings.manage' from 's'",
            },
          ],
          "message": "Set 's' breaks guard 'sod': it grants 'settings.manage' (all), and it also holds 'budgets.view', but the set must not hold both 'budgets.view' and 'settings.*' (separation of duties).",
          "related": [
            "policies/guard.yaml 3:46-3:58: guard 'sod' states the rule here",
            "policies/base.yaml 5:2-5:22: 'settings.manage' is inherited from here",
            "policies/f.yaml 3:2-3:19: 'budgets.view' is granted here",
          ],
        },
        {
          "at": "policies/s.yaml 6:2-6:16",
          "code": "guard-violated",
          "fixes": [
            {
              "edits": [
                {
                  "edit": "policies/s.yaml 6:18-6:21",
                  "newText": "none",
                },
              ],
              "title": "Remove 'budgets.manage' from 's'",
            },
          ],
          "message": "Set 's' breaks guard 'sod': it grants 'budgets.manage' (all), and it also holds 'budgets.view', but the set must not hold both 'budgets.view' and 'budgets.manage' (separation of duties).",
          "related": [
            "policies/guard.yaml 3:28-3:44: guard 'sod' states the rule here",
            "policies/f.yaml 3:2-3:19: 'budgets.view' is granted here",
          ],
        },
      ]
    `);
  });

  it('skips incomplete sets, and guards that apply to nothing or to unknown names', () => {
    const result = compileTexts({
      'policies/catalog.yaml': CATALOG,
      'policies/guard.yaml': 'kind: Guard\nid: g\napplies_to: { sets: [bad, nosuch] }\nnever: ["*"]\n',
      'policies/guard2.yaml': 'kind: Guard\nid: g2\napplies_to: { seat: nobody }\nnever: ["*"]\n',
      'policies/bad.yaml': set('bad', 'extends: missing\ngrants:\n  budgets.view: all\n'),
    });
    expect(summary(result)).toEqual([
      'unknown-base policies/bad.yaml 3:9-3:16',
      'unknown-set policies/guard.yaml 2:26-2:32',
      'unknown-seat policies/guard2.yaml 2:20-2:26',
    ]);
  });
});
