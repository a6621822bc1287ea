import { describe, expect, it } from 'vitest';
import { provenance } from '../../packages/compiler/src/resolve/index.js';
import { CATALOG, compileTexts, REQ, set, summary } from './helpers.js';

// Cases written after reading the survivors of a mutation run (docs/quality.md): each pins a
// branch the fixtures reached without observing it.

describe('catalog references', () => {
  it('reports unknown scopes, resource types and required permissions of permissions and scopes', () => {
    const catalog = CATALOG.replace('includes: [own, member] }', 'includes: [own, member, mebmer] }')
      .replace(
        'budgets.profit.view: { label: Profit, scopes: [all] }',
        'budgets.profit.view: { label: Profit, scopes: [all, alll], resource: budgett, requires: [budgets.veiw], scope_labels: { all: Every budget } }',
      )
      .replace(
        'own: { label: Own, when: resource.owner == subject.id }',
        'own: { label: Own, when: resource.owner == subject.id and resource.type == "budget" }\n  bad: { label: Bad, when: "resource.owner ==" }\n  me: { label: Me, when: subject.id == "x" }',
      );
    expect(summary(compileTexts({ 'policies/catalog.yaml': catalog }))).toEqual([
      // A condition that does not parse is not paired with permissions (no expr-unknown-attribute).
      'expr-syntax policies/catalog.yaml 11:45-11:45',
      'unknown-scope policies/catalog.yaml 14:45-14:51',
      'unknown-scope policies/catalog.yaml 25:58-25:62',
      'unknown-resource-type policies/catalog.yaml 25:75-25:82',
      'unknown-permission policies/catalog.yaml 25:95-25:107',
    ]);
  });
});

describe('guards, narrowly', () => {
  it('applies a seat guard only to that seat, only to held permissions, and skips max_scope on an unknown scope', () => {
    const text = (d: string) =>
      compileTexts({
        'policies/catalog.yaml': CATALOG,
        'policies/guard.yaml': `kind: Guard\nid: g\ndescription: ${d}\napplies_to: { seat: client }\nnever: ["budgets.profit.view"]\nmax_scope: { settings.manage: nowhere, budgets.view: own }\n`,
        'policies/c.yaml': set('c', 'seat: client\ngrants:\n  budgets.view: member\n'),
        'policies/e.yaml': set(
          'e',
          'seat: employee\ngrants:\n  budgets.view: all\n  settings.manage: all\n  budgets.profit.view: all\n',
        ),
      }).diagnostics.filter((d) => d.code === 'guard-violated');
    const exactly140 = 'x'.repeat(139) + '!';
    expect(text(`"${exactly140}"`).map((d) => [d.uri, d.message])).toEqual([
      [
        'policies/c.yaml',
        `Set 'c' breaks guard 'g' (${'x'.repeat(139)}): it grants 'budgets.view' (member), but the set may grant 'budgets.view' at most in scope 'own'.`,
      ],
    ]);
    expect(text('"  Only v1.2 here  "')[0]!.message).toContain("guard 'g' (Only v1.2 here):");
  });

  it('prefers no fix when several names are close', () => {
    const result = compileTexts({
      'policies/catalog.yaml': CATALOG,
      'policies/guard.yaml': 'kind: Guard\nid: g\napplies_to: { sets: [abx] }\nnever: ["*"]\n',
      'policies/abc.yaml': set('abc', 'seat: employee\ninclude: [fx]\n'),
      'policies/abd.yaml': set('abd', 'seat: employee\n'),
      'policies/fa.yaml': 'kind: Fragment\nid: fa\ngrants: {}\n',
      'policies/fb.yaml': 'kind: Fragment\nid: fb\ngrants: {}\n',
    });
    expect(
      result.diagnostics
        .filter((d) => d.data?.fixes)
        .map((d) => [d.code, d.data!.fixes!.map((f) => `${f.title}${f.isPreferred ? ' (preferred)' : ''}`)]),
    ).toEqual([
      ['unknown-fragment', ["Replace with 'fa'", "Replace with 'fb'", "Create fragment 'fx'"]],
      ['unknown-set', ["Replace with 'abc'", "Replace with 'abd'"]],
    ]);
  });
});

describe('requires, narrowly', () => {
  it('reports a break once where it starts, even when a later set changes the permissions involved', () => {
    const result = compileTexts({
      'policies/catalog.yaml': REQ,
      'policies/base.yaml': set('base', 'seat: employee\ngrants:\n  doc.edit: [member, all]\n'),
      'policies/child.yaml': set('child', 'extends: base\ngrants:\n  doc.view: own\n'),
    });
    expect(result.diagnostics.map((d) => `${d.uri}: ${d.message}`)).toEqual([
      "policies/base.yaml: 'doc.edit' (member, all) requires 'doc.view' to be granted in a scope covering all, member, but set 'base' does not grant it.",
    ]);
  });

  it('keeps covered scopes when narrowing, skips narrowing conditional grants, and writes fixes into flow mappings too', () => {
    const result = compileTexts({
      'policies/catalog.yaml': REQ,
      'policies/a.yaml': set('a', 'seat: employee\ngrants:\n  doc.view: member\n  doc.edit: [own, all]\n'),
      'policies/b.yaml': set(
        'b',
        'seat: employee\ngrants:\n  doc.view: member\n  doc.edit: [{ scope: own, when: "subject.id == \'x\'" }, all]\n',
      ),
      'policies/base.yaml': set('base', 'seat: employee\ngrants:\n  doc.view: all\n  doc.edit: all\n'),
      'policies/c.yaml': set('c', 'extends: base\ngrants: { doc.view: own }\n'),
      'policies/fz.yaml': 'kind: Fragment\nid: fz\ngrants:\n  doc.view: none\n',
      'policies/d.yaml': set('d', 'extends: base\ninclude: [fz]\n'),
    });
    expect(
      result.diagnostics.map((d) => [
        d.uri,
        `${d.range.start.line}:${d.range.start.character}`,
        d.data?.fixes?.map((f) => f.title + ' → ' + f.edits.map((e) => e.newText.trim()).join()),
      ]),
    ).toEqual([
      ['policies/a.yaml', '6:2', ["Grant 'doc.view: all' in 'a' → all", "Narrow 'doc.edit' to member in 'a' → member"]],
      ['policies/b.yaml', '6:2', ["Grant 'doc.view: all' in 'b' → all"]],
      // c writes its grants as a one-line flow mapping: the narrowing goes in before its `}`.
      [
        'policies/c.yaml',
        '4:10',
        ["Grant 'doc.view: all' in 'c' → all", "Narrow 'doc.edit' to own in 'c' → , doc.edit: own"],
      ],
      // A fragment's `none` removes the required permission: the break shows at that `include` item.
      [
        'policies/d.yaml',
        '4:10',
        [
          "Grant 'doc.view: all' in 'd' → grants:\n  doc.view: all",
          "Remove 'doc.edit' from 'd' (doc.edit: none) → grants:\n  doc.edit: none",
        ],
      ],
    ]);
    const d = result.diagnostics.find((x) => x.uri === 'policies/d.yaml')!;
    expect(
      d.relatedInformation?.map(
        (r) => `${r.location.uri} ${r.location.range.start.line}:${r.location.range.start.character} ${r.message}`,
      ),
    ).toEqual([
      "policies/catalog.yaml 22:70 'doc.edit' requires 'doc.view' here",
      "policies/fz.yaml 3:2 fragment 'fz' removes 'doc.view' here",
    ]);
  });
});

describe('resolve, narrowly', () => {
  it('follows an include whose fragment has the same id as the set', () => {
    const result = compileTexts({
      'policies/catalog.yaml': CATALOG,
      'policies/f.yaml': 'kind: Fragment\nid: crm\ngrants:\n  budgets.view: all\n',
      'policies/s.yaml': set('crm', 'seat: employee\ninclude: [crm]\n'),
    });
    const p = provenance(result.resolved.resolution, 'crm', 'budgets.view')!;
    expect(p.via.map((v) => `${v.kind} ${v.from}→${v.to}`)).toEqual(['include crm→crm']);
  });

  it('creates a missing base next to a file at the root of an absolute path', () => {
    const result = compileTexts({ 'policies/catalog.yaml': CATALOG, '/s.yaml': set('s', 'extends: nope\n') });
    const create = result.diagnostics[0]!.data!.fixes!.at(-1)!.edits[0]!;
    expect([create.uri, create.create]).toEqual(['/nope.yaml', true]);
  });
});

describe('odd inputs', () => {
  it('reports a break made by a set changing both sides of a requirement', () => {
    const result = compileTexts({
      'policies/catalog.yaml': REQ,
      'policies/base.yaml': set('base', 'seat: employee\ngrants:\n  doc.view: all\n  doc.edit: all\n'),
      'policies/child.yaml': set('child', 'extends: base\ngrants:\n  doc.view: own\n  doc.edit: member\n'),
    });
    expect(summary(result)).toEqual(['requires-missing policies/child.yaml 6:2-6:10']);
  });

  it('survives a guard without applies_to, removes nothing for an unknown permission, and reports duplicate guards', () => {
    const result = compileTexts({
      'policies/catalog.yaml': CATALOG,
      'policies/g1.yaml': 'kind: Guard\nid: g\nnever: ["*"]\n',
      'policies/g2.yaml': 'kind: Guard\nid: g\napplies_to: { seat: employee }\nnever: ["*"]\n',
      'policies/s.yaml': set('s', 'seat: client\ngrants:\n  budgets.nope: none\n'),
    });
    expect(summary(result)).toEqual([
      'schema-missing-key policies/g1.yaml 0:0-0:4',
      'duplicate-id policies/g2.yaml 1:4-1:5',
      'unknown-permission policies/s.yaml 5:2-5:14',
    ]);
  });

  it('prefers no fix for a catalog reference with several close names', () => {
    const catalog = CATALOG.replace(
      'budgets.profit.view: { label: Profit, scopes: [all] }',
      'budgets.profit.view: { label: Profit, scopes: [al] }',
    ).replace(
      '  all: { label: All, includes: [own, member] }',
      '  all: { label: All, includes: [own, member] }\n  alt: { label: Alt }',
    );
    const fixes = compileTexts({ 'policies/catalog.yaml': catalog }).diagnostics[0]!.data!.fixes!;
    expect(fixes.map((f) => [f.title, !!f.isPreferred])).toEqual([
      ["Replace with 'all'", false],
      ["Replace with 'alt'", false],
    ]);
  });
});
