import { describe, expect, it } from 'vitest';
import { compileTexts, detailsOf, REQ, set, summary } from './helpers.js';

describe('requires', () => {
  it('narrows to the widest covered scope, and asks for the first scope when the required permission lacks it', () => {
    const result = compileTexts({
      'policies/catalog.yaml': REQ,
      'policies/s.yaml': set('s', 'seat: employee\ngrants:\n  doc.view: member\n  doc.edit: all\n'),
      'policies/t.yaml': set('t', 'seat: employee\ngrants:\n  doc.view: [own, all]\n  doc.share: [member, all]\n'),
    });
    expect(detailsOf(result)).toMatchInlineSnapshot(`
      [
        {
          "at": "policies/s.yaml 6:2-6:10",
          "code": "requires-missing",
          "fixes": [
            {
              "edits": [
                {
                  "edit": "policies/s.yaml 5:12-5:18",
                  "newText": "all",
                },
              ],
              "title": "Grant 'doc.view: all' in 's'",
            },
            {
              "edits": [
                {
                  "edit": "policies/s.yaml 6:12-6:15",
                  "newText": "member",
                },
              ],
              "title": "Narrow 'doc.edit' to member in 's'",
            },
          ],
          "message": "'doc.edit' (all) requires 'doc.view' to be granted in a scope covering all, but set 's' grants it only member.",
          "related": [
            "policies/catalog.yaml 22:70-22:78: 'doc.edit' requires 'doc.view' here",
          ],
        },
        {
          "at": "policies/t.yaml 6:2-6:11",
          "code": "requires-missing",
          "fixes": [
            {
              "edits": [
                {
                  "edit": "policies/t.yaml 6:26-6:26",
                  "newText": "
        report.view: all",
                },
              ],
              "title": "Grant 'report.view: all' in 't'",
            },
            {
              "edits": [
                {
                  "edit": "policies/t.yaml 6:13-6:26",
                  "newText": "none",
                },
              ],
              "title": "Remove 'doc.share' from 't' (doc.share: none)",
            },
          ],
          "message": "'doc.share' (member, all) requires 'report.view' to be granted, but set 't' does not grant it.",
          "related": [
            "policies/catalog.yaml 23:77-23:88: 'doc.share' requires 'report.view' here",
          ],
        },
      ]
    `);
  });

  it("reports at the set's own `restrict` when it is what breaks the rule, with only the narrowing fix", () => {
    const result = compileTexts({
      'policies/catalog.yaml': REQ,
      'policies/base.yaml': set(
        'base',
        'seat: employee\ngrants:\n  doc.view: all\n  doc.share: member\n  report.view: all\n',
      ),
      'policies/s.yaml': set('s', 'extends: base\nrestrict: own\n'),
    });
    expect(detailsOf(result)).toMatchInlineSnapshot(`
      [
        {
          "at": "policies/s.yaml 4:10-4:13",
          "code": "requires-missing",
          "fixes": [
            {
              "edits": [
                {
                  "edit": "policies/s.yaml 5:0-5:0",
                  "newText": "grants:
        doc.share: none
      ",
                },
              ],
              "title": "Remove 'doc.share' from 's' (doc.share: none)",
            },
          ],
          "message": "'doc.share' (member) requires 'doc.view' to be granted in a scope covering member, but set 's' grants it only own, because this set's \`restrict: own\` narrows it.",
          "related": [
            "policies/catalog.yaml 23:67-23:75: 'doc.share' requires 'doc.view' here",
          ],
        },
      ]
    `);
  });

  it('offers only the grant fix for a conditional grant, and reports a break once on the set that makes it', () => {
    const result = compileTexts({
      'policies/catalog.yaml': REQ,
      'policies/base.yaml': set(
        'base',
        'seat: employee\ngrants:\n  doc.edit: { scope: all, when: "subject.id == \'x\'" }\n',
      ),
      'policies/child.yaml': set('child', 'extends: base\n'),
    });
    expect(detailsOf(result)).toMatchInlineSnapshot(`
      [
        {
          "at": "policies/base.yaml 5:2-5:10",
          "code": "requires-missing",
          "fixes": [
            {
              "edits": [
                {
                  "edit": "policies/base.yaml 5:53-5:53",
                  "newText": "
        doc.view: all",
                },
              ],
              "title": "Grant 'doc.view: all' in 'base'",
            },
          ],
          "message": "'doc.edit' (all (when subject.id == 'x')) requires 'doc.view' to be granted in a scope covering all, but set 'base' does not grant it.",
          "related": [
            "policies/catalog.yaml 22:70-22:78: 'doc.edit' requires 'doc.view' here",
          ],
        },
      ]
    `);
  });

  it('locates a break at the removing grant, the include of either side, or `extends`', () => {
    const result = compileTexts({
      'policies/catalog.yaml': REQ,
      'policies/base.yaml': set('base', 'seat: employee\ngrants:\n  doc.view: all\n  doc.edit: all\n'),
      'policies/rm.yaml': set('rm', 'extends: base\ngrants:\n  doc.view: none\n'),
      'policies/fp.yaml': 'kind: Fragment\nid: fp\ngrants:\n  doc.edit: all\n',
      'policies/fq.yaml': 'kind: Fragment\nid: fq\ngrants:\n  doc.view: own\n',
      'policies/inc-p.yaml': set('inc-p', 'seat: employee\ninclude: [fp]\n'),
      'policies/inc-q.yaml': set('inc-q', 'extends: base\ninclude: [fq]\n'),
    });
    expect(detailsOf(result)).toMatchInlineSnapshot(`
      [
        {
          "at": "policies/inc-p.yaml 4:10-4:12",
          "code": "requires-missing",
          "fixes": [
            {
              "edits": [
                {
                  "edit": "policies/inc-p.yaml 5:0-5:0",
                  "newText": "grants:
        doc.view: all
      ",
                },
              ],
              "title": "Grant 'doc.view: all' in 'inc-p'",
            },
            {
              "edits": [
                {
                  "edit": "policies/inc-p.yaml 5:0-5:0",
                  "newText": "grants:
        doc.edit: none
      ",
                },
              ],
              "title": "Remove 'doc.edit' from 'inc-p' (doc.edit: none)",
            },
          ],
          "message": "'doc.edit' (all) requires 'doc.view' to be granted in a scope covering all, but set 'inc-p' does not grant it.",
          "related": [
            "policies/catalog.yaml 22:70-22:78: 'doc.edit' requires 'doc.view' here",
            "policies/fp.yaml 3:2-3:15: fragment 'fp' grants 'doc.edit' here",
          ],
        },
        {
          "at": "policies/inc-q.yaml 4:10-4:12",
          "code": "requires-missing",
          "fixes": [
            {
              "edits": [
                {
                  "edit": "policies/inc-q.yaml 5:0-5:0",
                  "newText": "grants:
        doc.view: all
      ",
                },
              ],
              "title": "Grant 'doc.view: all' in 'inc-q'",
            },
            {
              "edits": [
                {
                  "edit": "policies/inc-q.yaml 5:0-5:0",
                  "newText": "grants:
        doc.edit: own
      ",
                },
              ],
              "title": "Narrow 'doc.edit' to own in 'inc-q'",
            },
          ],
          "message": "'doc.edit' (all) requires 'doc.view' to be granted in a scope covering all, but set 'inc-q' grants it only own.",
          "related": [
            "policies/catalog.yaml 22:70-22:78: 'doc.edit' requires 'doc.view' here",
            "policies/fq.yaml 3:2-3:15: fragment 'fq' sets 'doc.view' here",
          ],
        },
        {
          "at": "policies/rm.yaml 5:2-5:10",
          "code": "requires-missing",
          "fixes": [
            {
              "edits": [
                {
                  "edit": "policies/rm.yaml 5:12-5:16",
                  "newText": "all",
                },
              ],
              "title": "Grant 'doc.view: all' in 'rm'",
            },
            {
              "edits": [
                {
                  "edit": "policies/rm.yaml 5:16-5:16",
                  "newText": "
        doc.edit: none",
                },
              ],
              "title": "Remove 'doc.edit' from 'rm' (doc.edit: none)",
            },
          ],
          "message": "'doc.edit' (all) requires 'doc.view' to be granted in a scope covering all, but set 'rm' does not grant it.",
          "related": [
            "policies/catalog.yaml 22:70-22:78: 'doc.edit' requires 'doc.view' here",
          ],
        },
      ]
    `);
  });

  it('stays quiet when the requirement is met by a covering scope', () => {
    const result = compileTexts({
      'policies/catalog.yaml': REQ,
      'policies/s.yaml': set(
        's',
        'seat: employee\ngrants:\n  doc.view: all\n  doc.edit: [own, member]\n  doc.share: member\n  report.view: all\n',
      ),
    });
    expect(summary(result)).toEqual([]);
  });
});
