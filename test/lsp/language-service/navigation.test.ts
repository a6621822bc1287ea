import { describe, expect, it } from 'vitest';
import type { Location } from 'vscode-languageserver';
import { PROJECT, openAt, textAt, uriOf } from '../helpers.js';

const MANAGER = PROJECT['sets/manager.yaml']!;
const CLIENT = PROJECT['sets/client.yaml']!;

/** Locations as `file:line:text` (1-based line), readable in a failure. */
function where(locations: Location[], texts: Record<string, string> = PROJECT): string[] {
  return locations.map((l) => {
    const rel = l.uri.replace(uriOf(''), '');
    return `${rel}:${l.range.start.line + 1}:${textAt(texts[rel] ?? '', l.range)}`;
  });
}

describe('go to definition', () => {
  it('takes a permission id to its catalog entry', () => {
    const { service, uri, position } = openAt(
      'sets/base.yaml',
      PROJECT['sets/base.yaml']!.replace('budgets.view: all', 'budgets.vi<|>ew: all'),
    );
    expect(where(service.findDefinition(uri, position))).toEqual(['catalog.yaml:24:budgets.view']);
  });

  it('takes extends to the base set, include to the fragment, restrict to the scope', () => {
    const ext = openAt('sets/manager.yaml', MANAGER.replace('extends: base', 'extends: ba<|>se'));
    expect(where(ext.service.findDefinition(ext.uri, ext.position))).toEqual(['sets/base.yaml:2:base']);
    const inc = openAt('sets/manager.yaml', MANAGER.replace('[budget-admin]', '[budget<|>-admin]'));
    expect(where(inc.service.findDefinition(inc.uri, inc.position))).toEqual([
      'fragments/budget-admin.yaml:2:budget-admin',
    ]);
    const res = openAt('sets/manager.yaml', MANAGER.replace('restrict: member', 'restrict: mem<|>ber'));
    expect(where(res.service.findDefinition(res.uri, res.position))).toEqual(['catalog.yaml:14:member']);
  });

  it('takes a wildcard to every permission it matches', () => {
    const { service, uri, position } = openAt('sets/manager.yaml', MANAGER.replace('"budgets.*"', '"budg<|>ets.*"'));
    expect(where(service.findDefinition(uri, position))).toEqual([
      'catalog.yaml:24:budgets.view',
      'catalog.yaml:29:budgets.manage',
      'catalog.yaml:30:budgets.profit.view',
    ]);
  });

  it('takes an attribute in a condition to its declaration in the catalog', () => {
    const a = openAt('sets/client.yaml', CLIENT.replace('resource.client_access', 'resource.client_a<|>ccess'));
    expect(where(a.service.findDefinition(a.uri, a.position))).toEqual(['catalog.yaml:9:client_access']);
    const b = openAt('sets/client.yaml', CLIENT.replace('subject.can_access_budgets', 'subject.can_a<|>ccess_budgets'));
    expect(where(b.service.findDefinition(b.uri, b.position))).toEqual(['catalog.yaml:3:can_access_budgets']);
  });

  it('finds nothing for an unknown name or a plain value', () => {
    const a = openAt('sets/manager.yaml', MANAGER.replace('extends: base', 'extends: nob<|>ody'));
    expect(a.service.findDefinition(a.uri, a.position)).toEqual([]);
    const b = openAt('sets/manager.yaml', MANAGER.replace('name: Manager', 'name: Man<|>ager'));
    expect(b.service.findDefinition(b.uri, b.position)).toEqual([]);
  });
});

describe('find references', () => {
  it('lists a permission across the catalog, sets, guards and tests, with the wildcards that match it', () => {
    const { service, uri, position } = openAt(
      'sets/base.yaml',
      PROJECT['sets/base.yaml']!.replace('budgets.view: all', 'budgets.vi<|>ew: all'),
    );
    expect(where(service.findReferences(uri, position, true))).toEqual([
      'catalog.yaml:18:budgets.view',
      'catalog.yaml:24:budgets.view',
      'catalog.yaml:29:budgets.view',
      'catalog.yaml:30:budgets.view',
      'sets/base.yaml:6:budgets.view',
      'sets/client.yaml:6:budgets.view',
      'sets/manager.yaml:8:budgets.*',
      'tests/rules.yaml:5:budgets.view',
    ]);
    expect(where(service.findReferences(uri, position, false))).not.toContain('catalog.yaml:24:budgets.view');
  });

  it('lists a set across extends and tests, and a fragment across includes', () => {
    const set = openAt('sets/base.yaml', PROJECT['sets/base.yaml']!.replace('id: base', 'id: ba<|>se'));
    expect(where(set.service.findReferences(set.uri, set.position, true))).toEqual([
      'sets/base.yaml:2:base',
      'sets/manager.yaml:4:base',
    ]);
    const mgr = openAt('tests/rules.yaml', PROJECT['tests/rules.yaml']!.replace('set: manager', 'set: man<|>ager'));
    expect(where(mgr.service.findReferences(mgr.uri, mgr.position, true))).toEqual([
      'sets/manager.yaml:2:manager',
      'tests/rules.yaml:4:manager',
    ]);
    const frag = openAt('sets/manager.yaml', MANAGER.replace('[budget-admin]', '[budget<|>-admin]'));
    expect(where(frag.service.findReferences(frag.uri, frag.position, true))).toEqual([
      'fragments/budget-admin.yaml:2:budget-admin',
      'sets/manager.yaml:5:budget-admin',
    ]);
  });

  it('lists a scope across the catalog and grants', () => {
    const { service, uri, position } = openAt(
      'sets/manager.yaml',
      MANAGER.replace('restrict: member', 'restrict: mem<|>ber'),
    );
    expect(where(service.findReferences(uri, position, false))).toEqual([
      'catalog.yaml:15:member',
      'catalog.yaml:27:member',
      'catalog.yaml:28:member',
      'catalog.yaml:29:member',
      'catalog.yaml:30:member',
      'fragments/budget-admin.yaml:5:member',
      'sets/client.yaml:7:member',
      'sets/manager.yaml:6:member',
    ]);
  });
});
