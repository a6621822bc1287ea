import { describe, expect, it } from 'vitest';
import { CATALOG, compileTexts, detailsOf } from './helpers.js';

describe('grant entries', () => {
  it("checks a wildcard's condition for every permission it reaches, each problem once", () => {
    const catalog = CATALOG.replace(
      '      settings.manage: { label: Settings, scopes: [all] }',
      '      settings.manage: { label: Settings, scopes: [all] }\n      settings.view: { label: Settings view, scopes: [all] }',
    );
    const result = compileTexts({
      'policies/catalog.yaml': catalog,
      'policies/f.yaml': `kind: Fragment
id: f
grants:
  "budgets.*": { scope: all, when: "resource.nope == 1" }
  "settings.*": [{ scope: all, when: "resource.owner == subject.id" }, { scope: all, when: "resource.owner == subject.id" }]
  "budgets.profit.*": { scope: member, when: "resource.owner == 2" }
  "*.manage": { scope: own, when: "subject.id == 1" }
  budgets.view: [{ scope: own, when: "resource.owner == 3" }, { scope: alll }, { scope: none }]
  settings.manage: { scope: own }
  budgets.manage: none
  "nothing.*": none
`,
      'policies/s.yaml': 'kind: PermissionSet\nid: s\nname: S\nseat: employee\ninclude: [f]\n',
    });
    expect(detailsOf(result)).toMatchInlineSnapshot(`
      [
        {
          "at": "policies/f.yaml 3:45-3:49",
          "code": "expr-unknown-attribute",
          "message": "Resource type 'budget' has no attribute 'nope' (for 'budgets.view', matched by 'budgets.*').",
        },
        {
          "at": "policies/f.yaml 4:38-4:46",
          "code": "expr-unknown-attribute",
          "message": "This permission has no resource type, so its conditions cannot use 'resource' (for 'settings.manage', matched by 'settings.*')",
        },
        {
          "at": "policies/f.yaml 4:92-4:100",
          "code": "expr-unknown-attribute",
          "message": "This permission has no resource type, so its conditions cannot use 'resource' (for 'settings.manage', matched by 'settings.*')",
        },
        {
          "at": "policies/f.yaml 5:2-5:20",
          "code": "wildcard-no-match",
          "message": "'budgets.profit.*' matches 1 permission, but none allows 'member', so this fragment grants nothing with it.",
        },
        {
          "at": "policies/f.yaml 6:2-6:12",
          "code": "wildcard-no-match",
          "message": "'*.manage' matches 2 permissions, but none allows 'own', so this fragment grants nothing with it.",
        },
        {
          "at": "policies/f.yaml 7:53-7:55",
          "code": "expr-type",
          "message": "Cannot compare a string with a number: 'resource.owner' and 3 are never equal",
        },
        {
          "at": "policies/f.yaml 7:71-7:75",
          "code": "unknown-scope",
          "fixes": [
            {
              "edits": [
                {
                  "edit": "policies/f.yaml 7:71-7:75",
                  "newText": "all",
                },
              ],
              "isPreferred": true,
              "title": "Replace with 'all'",
            },
          ],
          "message": "Unknown scope 'alll'. Did you mean 'all'?",
        },
        {
          "at": "policies/f.yaml 7:88-7:92",
          "code": "unknown-scope",
          "message": "Unknown scope 'none'.",
        },
        {
          "at": "policies/f.yaml 8:28-8:31",
          "code": "scope-not-allowed",
          "message": "'settings.manage' cannot be granted in scope 'own': it allows 'all'.",
          "related": [
            "policies/catalog.yaml 27:6-27:21: 'settings.manage' declares its scopes here",
          ],
        },
        {
          "at": "policies/f.yaml 10:2-10:13",
          "code": "wildcard-no-match",
          "message": "'nothing.*' matches no permission of the catalog.",
        },
      ]
    `);
  });
});
