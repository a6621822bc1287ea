import { describe, expect, it } from 'vitest';
import { CatalogIndex } from '../../packages/compiler/src/resolve/index.js';
import { CATALOG, compileTexts, summary } from './helpers.js';

const catalogOf = (text: string) => compileTexts({ 'policies/catalog.yaml': text }).resolved.catalog;

describe('CatalogIndex', () => {
  it('closes scope coverage transitively, each scope covering itself', () => {
    const catalog = catalogOf(CATALOG);
    expect([...catalog.coverage('all')].sort()).toEqual(['all', 'member', 'own']);
    expect([...catalog.coverage('member')].sort()).toEqual(['member', 'own']);
    expect([...catalog.coverage('own')]).toEqual(['own']);
    expect([...catalog.coverage('nowhere')]).toEqual(['nowhere']);
    expect([
      catalog.covers('all', 'own'),
      catalog.covers('own', 'all'),
      catalog.covers('member', 'member'),
      catalog.covers('x', 'x'),
      catalog.covers('x', 'own'),
    ]).toEqual([true, false, true, true, false]);
  });

  it('answers what a permission allows and what requires it', () => {
    const catalog = catalogOf(CATALOG);
    expect([
      catalog.allows('budgets.manage', 'member'),
      catalog.allows('budgets.manage', 'own'),
      catalog.allows('nope', 'all'),
    ]).toEqual([true, false, false]);
    expect(catalog.requiredBy('budgets.view').map((r) => [r.permission, r.req.value])).toEqual([
      ['budgets.manage', 'budgets.view'],
    ]);
    expect(catalog.requiredBy('settings.manage')).toEqual([]);
  });

  it('settles resource types from the permission, else its area', () => {
    const catalog = catalogOf(CATALOG);
    const text = CATALOG.replace(
      'settings.manage: { label: Settings, scopes: [all] }',
      'settings.manage: { label: Settings, scopes: [all], resource: budget }',
    );
    const c = catalogOf(text);
    expect([c.resourceTypeOf('budgets.view'), c.resourceTypeOf('settings.manage'), c.resourceTypeOf('nope')]).toEqual([
      'budget',
      'budget',
      undefined,
    ]);
    expect(catalog.resourceTypeOf('settings.manage')).toBeUndefined();
  });

  it('matches patterns in catalog order, the same answer twice', () => {
    const catalog = catalogOf(CATALOG);
    expect(catalog.matches('budgets.*')).toEqual(['budgets.view', 'budgets.manage', 'budgets.profit.view']);
    expect(catalog.matches('budgets.*')).toEqual(['budgets.view', 'budgets.manage', 'budgets.profit.view']);
    expect(catalog.matches('*.view')).toEqual(['budgets.view', 'budgets.profit.view']);
    expect(catalog.matches('budgets.view')).toEqual(['budgets.view']);
    expect(catalog.matches('nope.*')).toEqual([]);
  });

  it('works without a catalog', () => {
    const empty = new CatalogIndex(undefined);
    expect([
      empty.permission('a'),
      empty.scope('a'),
      [...empty.permissionIds()],
      empty.matches('*'),
      empty.allows('a', 'b'),
      empty.resourceTypeOf('a'),
    ]).toEqual([undefined, undefined, [], [], false, undefined]);
    expect([...empty.coverage('a')]).toEqual(['a']);
  });

  it('reports a scope including itself once, at the include, and marks it cyclic', () => {
    const text = CATALOG.replace(
      'own: { label: Own, when: resource.owner == subject.id }',
      'own: { label: Own, when: resource.owner == subject.id, includes: [own] }',
    );
    const result = compileTexts({ 'policies/catalog.yaml': text });
    expect(summary(result)).toEqual(['includes-cycle policies/catalog.yaml 10:68-10:71']);
    expect(result.diagnostics[0]!.message).toBe('Scopes include each other in a cycle: own → own.');
    expect(result.diagnostics[0]!.relatedInformation).toBeUndefined();
    expect([...result.resolved.catalog.cyclicScopes]).toEqual(['own']);
    // The cycle is cut, and coverage stays finite and correct.
    expect([...result.resolved.catalog.coverage('all')].sort()).toEqual(['all', 'member', 'own']);
  });

  it('reports each edge of a longer cycle once, with the other edges related', () => {
    const text = CATALOG.replace(
      'own: { label: Own, when: resource.owner == subject.id }',
      'own: { label: Own, when: resource.owner == subject.id, includes: [member] }',
    );
    const result = compileTexts({ 'policies/catalog.yaml': text });
    expect(summary(result)).toEqual([
      'includes-cycle policies/catalog.yaml 10:68-10:74',
      'includes-cycle policies/catalog.yaml 11:76-11:79',
    ]);
    expect(result.diagnostics.map((d) => d.message)).toEqual([
      'Scopes include each other in a cycle: own → member → own.',
      'Scopes include each other in a cycle: own → member → own.',
    ]);
    expect(result.diagnostics.map((d) => d.relatedInformation!.map((r) => r.message))).toEqual([
      ["scope 'member' continues the cycle here"],
      ["scope 'own' continues the cycle here"],
    ]);
    expect([...result.resolved.catalog.cyclicScopes].sort()).toEqual(['member', 'own']);
    expect([...result.resolved.catalog.coverage('all')].sort()).toEqual(['all', 'member', 'own']);
  });
});
