import { describe, expect, it } from 'vitest';
import { envForPermission, envForScope, pathsOf } from '../../packages/compiler/src/check/index.js';
import { parseCondition } from '../../packages/compiler/src/conditions/index.js';
import { CatalogIndex } from '../../packages/compiler/src/resolve/index.js';
import { CATALOG, compileTexts } from './helpers.js';

const paths = (text: string) => pathsOf(parseCondition(text).ast).map((p) => [p.root, ...p.segments].join('.'));

describe('condition environments', () => {
  it('pathsOf lists every path read, through every operator, in source order', () => {
    expect(paths('not (resource.a == subject.b or has(resource.c)) and context.d in resource.e')).toEqual([
      'resource.a',
      'subject.b',
      'resource.c',
      'context.d',
      'resource.e',
    ]);
    expect(paths('subject.x in ["y", "z"]')).toEqual(['subject.x']);
    expect(paths('true')).toEqual([]);
    expect(pathsOf(undefined)).toEqual([]);
  });

  // Compiled inside each test: code run while collecting tests would make its mutants "static".
  const catalogOf = () =>
    compileTexts({
      'policies/catalog.yaml': CATALOG.replace(
        'resources:\n',
        'context:\n  attributes:\n    ip: string\n    any: {}\nresources:\n  other:\n    attributes:\n      owner: number\n      extra: boolean\n',
      ),
    }).resolved.catalog;

  it("a permission reads its resource type's typed attributes, with subject and context", () => {
    const catalog = catalogOf();
    const env = envForPermission(catalog, 'budgets.view');
    expect([env.resourceTypeName, [...env.resource!], [...env.subject], [...env.context]]).toEqual([
      'budget',
      [
        ['owner', 'string'],
        ['members', 'string[]'],
      ],
      [['id', 'string']],
      [['ip', 'string']],
    ]);
    const none = envForPermission(catalog, 'settings.manage');
    expect([none.resource, 'resourceTypeName' in none]).toEqual([undefined, false]);
    expect(envForPermission(catalog, undefined).resource).toBeUndefined();
  });

  it('a scope reads the union of all resource types, the first declaration winning', () => {
    expect([...envForScope(catalogOf()).resource!]).toEqual([
      ['owner', 'number'],
      ['extra', 'boolean'],
      ['members', 'string[]'],
    ]);
  });

  it('works without a catalog (the language server asks before one exists)', () => {
    const none = new CatalogIndex(undefined);
    const env = envForPermission(none, 'x');
    expect([[...env.subject], [...env.context], env.resource, 'resourceTypeName' in env]).toEqual([
      [],
      [],
      undefined,
      false,
    ]);
    const scope = envForScope(none);
    expect([[...scope.subject], [...scope.context], [...scope.resource!]]).toEqual([[], [], []]);
  });
});
