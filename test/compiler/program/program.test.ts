import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Program } from '../../../packages/compiler/src/program/index.js';
import type { CompileCache } from '../../../packages/compiler/src/program/compile-cache.js';
import { REPO } from '../../helpers/cli.js';

const catalog = readFileSync(join(REPO, 'test/fixtures/check/01-clean-project/policies/catalog.yaml'), 'utf8');
const base = 'kind: PermissionSet\nid: base\nname: Base\nseat: employee\ngrants:\n  budgets.view: all\n';
const child = 'kind: PermissionSet\nid: child\nname: Child\nextends: base\ngrants:\n  budgets.profit.view: all\n';

describe('Program (incremental compilation)', () => {
  it('re-loads only the changed file and re-checks the sets that depend on it', () => {
    const program = new Program();
    program.setFile({ uri: 'catalog.yaml', text: catalog });
    program.setFile({ uri: 'base.yaml', text: base });
    program.setFile({ uri: 'child.yaml', text: child });
    expect(program.compile().diagnostics).toEqual([]);
    const catalogTree = program.loaded('catalog.yaml');
    const childTree = program.loaded('child.yaml');

    // Narrowing the base breaks the child's `requires` (closed file, not edited).
    program.setFile({ uri: 'base.yaml', text: base.replace('budgets.view: all', 'budgets.view: member') });
    const after = program.compile();
    expect(program.loaded('catalog.yaml')).toBe(catalogTree);
    expect(program.loaded('child.yaml')).toBe(childTree);
    expect(after.diagnostics.map((d) => [d.uri, d.code, d.range.start.line])).toEqual([
      ['child.yaml', 'requires-missing', 5],
    ]);
  });

  it('caches the result until a file changes, and forgets removed files', () => {
    const program = new Program();
    program.setFile({ uri: 'catalog.yaml', text: catalog });
    program.setFile({ uri: 'child.yaml', text: child });
    const first = program.compile();
    expect(program.compile()).toBe(first);
    expect(first.diagnostics.map((d) => d.code)).toEqual(['unknown-base']);
    program.setFile({ uri: 'base.yaml', text: base });
    expect(program.compile().diagnostics).toEqual([]);
    expect(program.removeFile('base.yaml')).toBe(true);
    expect(program.compile().diagnostics.map((d) => d.code)).toEqual(['unknown-base']);
    expect(program.fileUris()).toEqual(['catalog.yaml', 'child.yaml']);
  });

  it('re-resolves only what an edit can reach, and every kind of edit reaches what it should', () => {
    const fragment = 'kind: Fragment\nid: crm\ngrants:\n  contacts.view: own\n';
    const other =
      'kind: PermissionSet\nid: other\nname: Other\nseat: employee\ninclude: [crm]\ngrants:\n  budgets.view: member\n';
    const lone = 'kind: PermissionSet\nid: lone\nname: Lone\nseat: employee\ngrants:\n  budgets.view: member\n';
    const program = new Program();
    for (const [uri, text] of Object.entries({
      'catalog.yaml': catalog,
      'base.yaml': base,
      'child.yaml': child,
      'crm.yaml': fragment,
      'other.yaml': other,
      'lone.yaml': lone,
    })) {
      program.setFile({ uri, text });
    }
    const sets = () => program.compile().resolved.resolution.sets;
    const scopes = (id: string, permission: string) =>
      sets()
        .get(id)!
        .effective.get(permission)
        ?.scopes.map((x) => x.scope);
    const first = sets();
    expect(program.compile().diagnostics).toEqual([]);

    // An edit of the base: the base and its child are resolved again, the others are kept as they were.
    program.setFile({
      uri: 'base.yaml',
      text: base.replace('budgets.view: all', 'budgets.view: all\n  contacts.view: all'),
    });
    const second = sets();
    expect(second.get('base')).not.toBe(first.get('base'));
    expect(second.get('child')).not.toBe(first.get('child'));
    expect(second.get('child')!.base).toBe(second.get('base'));
    expect(second.get('other')).toBe(first.get('other'));
    expect(second.get('lone')).toBe(first.get('lone'));
    expect(scopes('child', 'contacts.view')).toEqual(['all']);

    // An edit of a fragment reaches the sets that include it.
    program.setFile({ uri: 'crm.yaml', text: fragment.replace('contacts.view: own', 'contacts.view: all') });
    expect(scopes('other', 'contacts.view')).toEqual(['all']);
    expect(sets().get('lone')).toBe(first.get('lone'));

    // A catalog edit reaches every set.
    program.setFile({ uri: 'catalog.yaml', text: catalog + '\n' });
    expect(sets().get('lone')).not.toBe(first.get('lone'));

    // A base that goes away and comes back: the child reports it, then resolves through it again.
    program.removeFile('base.yaml');
    expect(program.compile().diagnostics.map((d) => [d.uri, d.code])).toEqual([['child.yaml', 'unknown-base']]);
    expect(scopes('child', 'budgets.view')).toBeUndefined();
    program.setFile({ uri: 'base.yaml', text: base });
    expect(program.compile().diagnostics).toEqual([]);
    expect(scopes('child', 'budgets.view')).toEqual(['all']);

    // A fragment that goes away: the including set reports it and loses its grants.
    program.removeFile('crm.yaml');
    expect(program.compile().diagnostics.map((d) => [d.uri, d.code])).toEqual([['other.yaml', 'unknown-fragment']]);
    expect(scopes('other', 'contacts.view')).toBeUndefined();
  });

  it('re-checks unchanged grant entries against a changed catalog', () => {
    const program = new Program();
    program.setFile({ uri: 'catalog.yaml', text: catalog });
    program.setFile({
      uri: 'lone.yaml',
      text: 'kind: PermissionSet\nid: lone\nname: Lone\nseat: employee\ngrants:\n  budgets.export: all\n',
    });
    expect(program.compile().diagnostics.map((d) => d.code)).toEqual(['unknown-permission']);
    program.setFile({
      uri: 'catalog.yaml',
      text: catalog.replace(
        '      budgets.view: { label: View budgets, scopes: [member, all] }\n',
        '      budgets.view: { label: View budgets, scopes: [member, all] }\n      budgets.export: { label: Export budgets, scopes: [all] }\n',
      ),
    });
    expect(program.compile().diagnostics).toEqual([]);
    program.setFile({ uri: 'catalog.yaml', text: catalog });
    expect(program.compile().diagnostics.map((d) => d.code)).toEqual(['unknown-permission']);
  });

  it('owns its caches: two programs in one process share no state, and an edit of one leaves the other as it was', () => {
    const cacheOf = (p: Program) => (p as unknown as { cache: CompileCache }).cache;
    const files = { 'catalog.yaml': catalog, 'base.yaml': base, 'child.yaml': child };
    const [a, b] = [new Program(), new Program()];
    for (const p of [a, b]) for (const [uri, text] of Object.entries(files)) p.setFile({ uri, text });
    const [resultA, resultB] = [a.compile(), b.compile()];
    expect(resultA.diagnostics).toEqual([]);
    expect(resultB.diagnostics).toEqual([]);

    const [cacheA, cacheB] = [cacheOf(a), cacheOf(b)];
    expect(cacheA).not.toBe(cacheB);
    expect(cacheA.check.conditions).not.toBe(cacheB.check.conditions);
    // The catalog's two scope conditions, parsed once by each program, for itself.
    expect([cacheA.check.conditions.size, cacheB.check.conditions.size]).toEqual([2, 2]);
    expect(resultA.resolved.resolution.sets.get('base')).not.toBe(resultB.resolved.resolution.sets.get('base'));
    const setB = resultB.resolved.resolution.sets.get('base')!;
    expect(cacheB.resolve.sets.get(setB.def)?.result).toBe(setB);
    expect(cacheA.resolve.sets.has(setB.def)).toBe(false);

    // An edit of A (with a new condition): A re-resolves and caches it; B is untouched.
    a.setFile({
      uri: 'base.yaml',
      text: base.replace('budgets.view: all', 'budgets.view: { scope: all, when: subject.id != "x" }'),
    });
    expect(a.compile().diagnostics).toEqual([]);
    expect(cacheA.check.conditions.size).toBe(3);
    expect(cacheB.check.conditions.size).toBe(2);
    expect(b.compile()).toBe(resultB);
    b.setFile({ uri: 'child.yaml', text: child });
    expect(b.compile().resolved.resolution.sets.get('base')).toBe(setB);
  });
});
