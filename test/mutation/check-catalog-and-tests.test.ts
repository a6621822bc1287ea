import { describe, expect, it } from 'vitest';
import { CATALOG, compileTexts, detailsOf } from './helpers.js';

describe('catalog consistency', () => {
  it("pairs scope conditions with each permission's resource type, and rejects self-requirements and stray labels", () => {
    const catalog = `kind: Catalog
subject:
  attributes:
    id: string
resources:
  budget:
    attributes:
      owner: string
      region: string
  ticket:
    attributes:
      owner: string[]
      type: string
scopes:
  own: { label: Own, when: resource.owner == subject.id and resource.type == "x" }
  region: { label: Region, when: resource.region == "eu" }
  all: { label: All, includes: [own] }
seats:
  employee: { label: Employee, paid: true, allows: ["nothing.*"] }
areas:
  budgets:
    label: Budgets
    resource: budget
    permissions:
      budgets.view: { label: View, scopes: [own, region, all], requires: [budgets.view] }
  tickets:
    label: Tickets
    permissions:
      tickets.view: { label: View, scopes: [own], resource: ticket, scope_labels: { all: Everything, nowhere: Nowhere } }
      tickets.bare: { label: Bare, scopes: [region] }
`;
    const result = compileTexts({ 'policies/catalog.yaml': catalog });
    expect(detailsOf(result)).toMatchInlineSnapshot(`
      [
        {
          "at": "policies/catalog.yaml 18:52-18:63",
          "code": "wildcard-no-match",
          "message": "Seat 'employee' allows 'nothing.*', which matches no permission of the catalog.",
        },
        {
          "at": "policies/catalog.yaml 24:74-24:86",
          "code": "unknown-permission",
          "message": "'budgets.view' cannot require itself.",
        },
        {
          "at": "policies/catalog.yaml 28:44-28:47",
          "code": "expr-unknown-attribute",
          "message": "Scope 'own' cannot apply to 'tickets.view': its condition reads resource.owner (declared as string[], used as string), which resource type 'ticket' does not declare.",
          "related": [
            "policies/catalog.yaml 14:27-14:80: scope 'own' is defined by this condition",
          ],
        },
        {
          "at": "policies/catalog.yaml 28:84-28:87",
          "code": "scope-not-allowed",
          "message": "'tickets.view' has a label for scope 'all', which it does not allow.",
        },
        {
          "at": "policies/catalog.yaml 28:101-28:108",
          "code": "unknown-scope",
          "message": "Unknown scope 'nowhere'.",
        },
        {
          "at": "policies/catalog.yaml 29:44-29:50",
          "code": "expr-unknown-attribute",
          "message": "Scope 'region' cannot apply to 'tickets.bare': its condition reads resource.region, but the permission has no resource type (set \`resource\` on it or on its area).",
          "related": [
            "policies/catalog.yaml 15:33-15:56: scope 'region' is defined by this condition",
          ],
        },
      ]
    `);
  });
});

describe('test suites', () => {
  it('checks context attributes, inline values and fixture references', () => {
    const catalog = CATALOG.replace('subject:\n', 'context:\n  attributes:\n    ip: string\nsubject:\n');
    const result = compileTexts({
      'policies/catalog.yaml': catalog,
      'policies/s.yaml': 'kind: PermissionSet\nid: staff\nname: Staff\nseat: employee\n',
      'policies/t.yaml': `kind: TestSuite
name: t
fixtures:
  context: { ip: "1", ipp: "2" }
  subjects:
    u: { set: staff, id: u1 }
  resources:
    b: { type: budget, owner: u1 }
    n: { type: 3 }
cases:
  - subject: { set: stafff, id: u1, nme: x }
    resource: { type: budget, ownr: u1 }
    context: { ipx: "3" }
    permission: budgets.view
    expect: allow
  - subject: u
    resource: bb
    permission: budgets.view
    expect: deny
`,
    });
    expect(detailsOf(result)).toMatchInlineSnapshot(`
      [
        {
          "at": "policies/t.yaml 3:22-3:25",
          "code": "unknown-attribute",
          "fixes": [
            {
              "edits": [
                {
                  "edit": "policies/t.yaml 3:22-3:25",
                  "newText": "ip",
                },
              ],
              "isPreferred": true,
              "title": "Replace with 'ip'",
            },
          ],
          "message": "The catalog declares no attribute 'ipp' for the context: conditions never read it. Did you mean 'ip'?",
        },
        {
          "at": "policies/t.yaml 8:15-8:16",
          "code": "schema-type",
          "message": "Expected a string, found the number 3.",
        },
        {
          "at": "policies/t.yaml 10:20-10:26",
          "code": "unknown-set",
          "fixes": [
            {
              "edits": [
                {
                  "edit": "policies/t.yaml 10:20-10:26",
                  "newText": "staff",
                },
              ],
              "isPreferred": true,
              "title": "Replace with 'staff'",
            },
          ],
          "message": "Unknown permission set 'stafff'. Did you mean 'staff'?",
        },
        {
          "at": "policies/t.yaml 10:36-10:39",
          "code": "unknown-attribute",
          "message": "The catalog declares no attribute 'nme' for the subject: conditions never read it.",
        },
        {
          "at": "policies/t.yaml 11:30-11:34",
          "code": "unknown-attribute",
          "fixes": [
            {
              "edits": [
                {
                  "edit": "policies/t.yaml 11:30-11:34",
                  "newText": "owner",
                },
              ],
              "isPreferred": true,
              "title": "Replace with 'owner'",
            },
          ],
          "message": "The catalog declares no attribute 'ownr' for the resource type 'budget': conditions never read it. Did you mean 'owner'?",
        },
        {
          "at": "policies/t.yaml 12:15-12:18",
          "code": "unknown-attribute",
          "fixes": [
            {
              "edits": [
                {
                  "edit": "policies/t.yaml 12:15-12:18",
                  "newText": "ip",
                },
              ],
              "isPreferred": true,
              "title": "Replace with 'ip'",
            },
          ],
          "message": "The catalog declares no attribute 'ipx' for the context: conditions never read it. Did you mean 'ip'?",
        },
        {
          "at": "policies/t.yaml 16:14-16:16",
          "code": "unknown-fixture",
          "fixes": [
            {
              "edits": [
                {
                  "edit": "policies/t.yaml 16:14-16:16",
                  "newText": "b",
                },
              ],
              "isPreferred": true,
              "title": "Replace with 'b'",
            },
          ],
          "message": "Unknown resource fixture 'bb': define it under fixtures.resources. Did you mean 'b'?",
        },
      ]
    `);
  });
});
