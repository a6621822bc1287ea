import { describe, expect, it } from 'vitest';
import { provenance } from '../../packages/compiler/src/resolve/index.js';
import { CATALOG, compileTexts, detailsOf, set } from './helpers.js';

describe('resolving sets', () => {
  it('offers every close base without a preferred one, and a new file named after the id next to the set', () => {
    const result = compileTexts({
      'policies/catalog.yaml': CATALOG,
      'policies/sales-a.yaml': set('sales-a', 'seat: employee\n'),
      'policies/sales-b.yaml': set('sales-b', 'seat: employee\n'),
      'x.yaml': set('x', 'extends: sales-c\ninclude: [new-crm-bits]\n'),
    });
    expect(detailsOf(result)).toMatchInlineSnapshot(`
      [
        {
          "at": "x.yaml 3:9-3:16",
          "code": "unknown-base",
          "fixes": [
            {
              "edits": [
                {
                  "edit": "x.yaml 3:9-3:16",
                  "newText": "sales-a",
                },
              ],
              "title": "Replace with 'sales-a'",
            },
            {
              "edits": [
                {
                  "edit": "x.yaml 3:9-3:16",
                  "newText": "sales-b",
                },
              ],
              "title": "Replace with 'sales-b'",
            },
            {
              "edits": [
                {
                  "create": "sales-c.yaml",
                  "newText": "kind: PermissionSet
      id: sales-c
      name: Sales c
      seat: employee
      grants: {}
      ",
                },
              ],
              "title": "Create permission set 'sales-c'",
            },
          ],
          "message": "Set 'x' extends 'sales-c', but no permission set has that id. Did you mean 'sales-a' or 'sales-b'?",
        },
        {
          "at": "x.yaml 4:10-4:22",
          "code": "unknown-fragment",
          "fixes": [
            {
              "edits": [
                {
                  "create": "new-crm-bits.yaml",
                  "newText": "kind: Fragment
      id: new-crm-bits
      description: New crm bits.
      grants: {}
      ",
                },
              ],
              "title": "Create fragment 'new-crm-bits'",
            },
          ],
          "message": "Set 'x' includes 'new-crm-bits', but no fragment has that id.",
        },
      ]
    `);
  });

  it("creates a missing base with the set's own seat, and a missing fragment next to the first fragment", () => {
    const result = compileTexts({
      'policies/catalog.yaml': CATALOG,
      'policies/frags/f.yaml': 'kind: Fragment\nid: f\ngrants: {}\n',
      'policies/sets/s.yaml': set('s', 'extends: nope\nseat: client\ninclude: [f, g]\n'),
    });
    expect(detailsOf(result)).toMatchInlineSnapshot(`
      [
        {
          "at": "policies/sets/s.yaml 3:9-3:13",
          "code": "unknown-base",
          "fixes": [
            {
              "edits": [
                {
                  "create": "policies/sets/nope.yaml",
                  "newText": "kind: PermissionSet
      id: nope
      name: Nope
      seat: client
      grants: {}
      ",
                },
              ],
              "title": "Create permission set 'nope'",
            },
          ],
          "message": "Set 's' extends 'nope', but no permission set has that id.",
        },
        {
          "at": "policies/sets/s.yaml 5:13-5:14",
          "code": "unknown-fragment",
          "fixes": [
            {
              "edits": [
                {
                  "edit": "policies/sets/s.yaml 5:13-5:14",
                  "newText": "f",
                },
              ],
              "isPreferred": true,
              "title": "Replace with 'f'",
            },
            {
              "edits": [
                {
                  "create": "policies/frags/g.yaml",
                  "newText": "kind: Fragment
      id: g
      description: G.
      grants: {}
      ",
                },
              ],
              "title": "Create fragment 'g'",
            },
          ],
          "message": "Set 's' includes 'g', but no fragment has that id. Did you mean 'f'?",
        },
      ]
    `);
  });

  it('reports every member of an extends cycle at its extends, the others related, and never resolves through it', () => {
    const result = compileTexts({
      'policies/catalog.yaml': CATALOG,
      'policies/a.yaml': set('a', 'extends: c\nseat: employee\ngrants:\n  budgets.view: all\n'),
      'policies/b.yaml': set('b', 'extends: a\n'),
      'policies/c.yaml': set('c', 'extends: b\n'),
      'policies/d.yaml': set('d', 'extends: c\n'),
      'policies/self.yaml': set('self', 'extends: self\n'),
    });
    expect(detailsOf(result)).toMatchInlineSnapshot(`
      [
        {
          "at": "policies/a.yaml 3:9-3:10",
          "code": "extends-cycle",
          "message": "Permission sets extend each other in a cycle: a → c → b → a. Inheritance must end at a set without \`extends\`.",
          "related": [
            "policies/c.yaml 3:9-3:10: 'c' extends 'b' here",
            "policies/b.yaml 3:9-3:10: 'b' extends 'a' here",
          ],
        },
        {
          "at": "policies/b.yaml 3:9-3:10",
          "code": "extends-cycle",
          "message": "Permission sets extend each other in a cycle: a → c → b → a. Inheritance must end at a set without \`extends\`.",
          "related": [
            "policies/a.yaml 3:9-3:10: 'a' extends 'c' here",
            "policies/c.yaml 3:9-3:10: 'c' extends 'b' here",
          ],
        },
        {
          "at": "policies/c.yaml 3:9-3:10",
          "code": "extends-cycle",
          "message": "Permission sets extend each other in a cycle: a → c → b → a. Inheritance must end at a set without \`extends\`.",
          "related": [
            "policies/a.yaml 3:9-3:10: 'a' extends 'c' here",
            "policies/b.yaml 3:9-3:10: 'b' extends 'a' here",
          ],
        },
        {
          "at": "policies/self.yaml 3:9-3:13",
          "code": "extends-cycle",
          "message": "Set 'self' extends itself.",
        },
      ]
    `);
    const sets = result.resolved.resolution.sets;
    expect(
      ['a', 'b', 'c', 'd', 'self'].map((id) => [
        id,
        sets.get(id)!.inCycle,
        sets.get(id)!.complete,
        sets.get(id)!.base?.id,
        [...sets.get(id)!.effective.keys()],
      ]),
    ).toEqual([
      ['a', true, false, undefined, ['budgets.view']],
      ['b', true, false, undefined, []],
      ['c', true, false, undefined, []],
      ['d', false, false, 'c', []],
      ['self', true, false, undefined, []],
    ]);
  });

  it('lets an explicit id beat wildcards, the more specific wildcard beat the less, and the later of equals win', () => {
    const result = compileTexts({
      'policies/catalog.yaml': CATALOG,
      'policies/s.yaml': set(
        's',
        'seat: employee\ngrants:\n  budgets.view: all\n  "budgets.*": member\n  "*.view": own\n  "budgets.profit.*": none\n  "*": all\n',
      ),
      'policies/t.yaml': set('t', 'seat: employee\ngrants:\n  "budgets.*": member\n  "*.view": all\n'),
      'policies/u.yaml': set('u', 'seat: employee\ngrants:\n  "*.view": all\n  "budgets.*": member\n'),
    });
    expect(detailsOf(result)).toEqual([]);
    const s = result.resolved.resolution.sets.get('s')!;
    expect([...s.effective].map(([p, g]) => [p, g.scopes.map((x) => x.scope), g.source.entry.key])).toEqual([
      ['budgets.view', ['all'], 'budgets.view'],
      ['budgets.manage', ['member'], 'budgets.*'],
      ['settings.manage', ['all'], '*'],
    ]);
    const scopesOf = (id: string) =>
      Object.fromEntries(
        [...result.resolved.resolution.sets.get(id)!.effective].map(([p, g]) => [
          p,
          g.scopes.map((x) => x.scope).join(','),
        ]),
      );
    expect(scopesOf('t')).toEqual({ 'budgets.view': 'all', 'budgets.manage': 'member', 'budgets.profit.view': 'all' });
    expect(scopesOf('u')).toEqual({
      'budgets.view': 'member',
      'budgets.profit.view': 'all',
      'budgets.manage': 'member',
    });
  });

  it('narrows with restrict, keeps conditions, and explains where each grant comes from', () => {
    const result = compileTexts({
      'policies/catalog.yaml': CATALOG,
      'policies/f.yaml':
        'kind: Fragment\nid: f\ngrants:\n  budgets.manage: [member, { scope: all, when: "subject.id == \'a\'" }]\n',
      'policies/base.yaml': set(
        'base',
        'seat: employee\ninclude: [f]\ngrants:\n  budgets.view: [own, all]\n  settings.manage: all\n',
      ),
      'policies/mid.yaml': set('mid', 'extends: base\nrestrict: member\n'),
      'policies/leaf.yaml': set('leaf', 'extends: mid\n'),
    });
    expect(detailsOf(result)).toEqual([]);
    const r = result.resolved.resolution;
    const leaf = r.sets.get('leaf')!;
    expect(
      [...leaf.effective].map(([p, g]) => [
        p,
        g.scopes.map((x) => (x.when ? `${x.scope} when ${x.when.text}` : x.scope)),
      ]),
    ).toEqual([
      // restrict narrows `all when …` to `member when …`, which the unconditional `member` covers: one term is left.
      ['budgets.manage', ['member']],
      ['budgets.view', ['own', 'member']],
      ['settings.manage', ['all']],
    ]);
    const mid = r.sets.get('mid')!;
    expect(mid.effective.get('budgets.view')!.scopes.map((x) => x.scope)).toEqual(['own', 'member']);
    expect(mid.effective.get('settings.manage')).toBe(r.sets.get('base')!.effective.get('settings.manage'));

    const p = provenance(r, 'leaf', 'budgets.manage')!;
    expect(p.source.ownerKind).toBe('fragment');
    expect(p.source.ownerId).toBe('f');
    expect(p.restricted?.setId).toBe('mid');
    expect(p.grant).toBe(leaf.effective.get('budgets.manage'));
    expect(p.source).toBe(
      r.fragmentLayers.get('f')!.get('budgets.manage')!.kind === 'grant'
        ? (r.fragmentLayers.get('f')!.get('budgets.manage') as { grant: { source: unknown } }).grant.source
        : undefined,
    );
    expect(p.via.map((v) => `${v.kind} ${v.from}→${v.to} ${v.at.uri}:${v.at.span[0]}-${v.at.span[1]}`)).toEqual([
      'extends leaf→mid policies/leaf.yaml:49-52',
      'extends mid→base policies/mid.yaml:47-51',
      'include base→f policies/base.yaml:65-66',
    ]);
    const own = provenance(r, 'base', 'budgets.view')!;
    expect([own.via, own.restricted, own.source.ownerId, own.grant]).toEqual([
      [],
      undefined,
      'base',
      r.sets.get('base')!.effective.get('budgets.view'),
    ]);
    expect(provenance(r, 'leaf', 'budgets.profit.view')).toBeUndefined();
    expect(provenance(r, 'nobody', 'budgets.view')).toBeUndefined();
  });
  it('never offers the set itself as its base, and offers no file for a name that cannot be an id', () => {
    const result = compileTexts({
      'policies/catalog.yaml': CATALOG,
      'policies/sets/team.yaml': set('team', 'extends: teem\n'),
      'policies/sets/empty.yaml': set('empty', 'extends: ""\n'),
    });
    expect(detailsOf(result)).toMatchInlineSnapshot(`
      [
        {
          "at": "policies/sets/empty.yaml 3:9-3:11",
          "code": "schema-value",
          "message": "'' is not valid here: expected a permission set id: kebab-case, starting with a letter (\`manager-restricted\`).",
        },
        {
          "at": "policies/sets/team.yaml 3:9-3:13",
          "code": "unknown-base",
          "fixes": [
            {
              "edits": [
                {
                  "create": "policies/sets/teem.yaml",
                  "newText": "kind: PermissionSet
      id: teem
      name: Teem
      seat: employee
      grants: {}
      ",
                },
              ],
              "title": "Create permission set 'teem'",
            },
          ],
          "message": "Set 'team' extends 'teem', but no permission set has that id.",
        },
      ]
    `);
  });
});
