import { assert, describe, expect, it } from 'vitest';
import { PROJECT, completionLabels, openAt, textAt } from '../helpers.js';

const MANAGER = PROJECT['sets/manager.yaml']!;
const CLIENT = PROJECT['sets/client.yaml']!;
const TESTS = PROJECT['tests/rules.yaml']!;

describe('completion', () => {
  it('offers the schema keys a set does not have yet, in the schema order', () => {
    expect(completionLabels('sets/manager.yaml', MANAGER.replace('name: Manager\n', 'name: Manager\n<|>\n'))).toEqual([
      'description',
      'system',
      'seat',
    ]);
    expect(completionLabels('sets/manager.yaml', MANAGER.replace('name: Manager\n', 'name: Manager\nde<|>\n'))).toEqual(
      ['description', 'system', 'seat'],
    );
  });

  it('inserts a key with its colon and documents it with the schema description', () => {
    const { service, uri, position, text } = openAt(
      'sets/manager.yaml',
      MANAGER.replace('name: Manager\n', 'name: Manager\nde<|>\n'),
    );
    const item = service.doComplete(uri, position).items[0]!;
    expect(item.textEdit).toEqual({
      range: { start: { line: 3, character: 0 }, end: { line: 3, character: 2 } },
      newText: 'description: ',
    });
    const edit = item.textEdit;
    assert(edit !== undefined && 'range' in edit, 'a TextEdit, not an InsertReplaceEdit');
    expect(textAt(text, edit.range)).toBe('de');
    expect(item.documentation).toEqual({
      kind: 'markdown',
      value: 'Free text for humans; shown on hover and in reports.',
    });
  });

  it('offers permission ids as grant keys, with labels, without those already granted, and area wildcards', () => {
    expect(completionLabels('sets/manager.yaml', MANAGER + '  <|>\n')).toEqual([
      'budgets.view',
      'budgets.manage',
      'budgets.profit.view',
      'contacts.view',
      'contacts.manage',
      'contacts.*',
    ]);
    const { service, uri, position } = openAt('sets/manager.yaml', MANAGER + '  budg<|>\n');
    const first = service.doComplete(uri, position).items[0]!;
    expect(first).toMatchObject({
      label: 'budgets.view',
      detail: 'View budgets',
      textEdit: { newText: 'budgets.view: ' },
    });
    expect(first.documentation).toEqual({
      kind: 'markdown',
      value: 'See a budget and its line items.\n\nScopes: member, all',
    });
  });

  it("offers only the permissions the set's seat allows", () => {
    expect(completionLabels('sets/client.yaml', CLIENT.replace('grants:\n', 'grants:\n  <|>\n'))).toEqual([
      'contacts.view',
      'contacts.manage',
      'contacts.*',
    ]);
  });

  it("offers only the seat's permissions on a new last line of a new file, with or without grants yet", () => {
    const client = ['budgets.view', 'contacts.view', 'contacts.manage', 'contacts.*'];
    const start = 'kind: PermissionSet\nid: q\nname: New\nseat: client\ngrants:\n';
    expect(completionLabels('sets/q.yaml', start + '  contacts.view: all\n  <|>\n')).toEqual([
      'budgets.view',
      'contacts.manage',
      'contacts.*',
    ]);
    expect(completionLabels('sets/q.yaml', start + '  <|>\n')).toEqual(client);
    expect(completionLabels('sets/q.yaml', start + '  <|>')).toEqual(client);
    // The seat inherited from the base, in a buffer that is not saved yet.
    expect(
      completionLabels('sets/q.yaml', 'kind: PermissionSet\nid: q\nname: New\nextends: client\ngrants:\n  <|>\n'),
    ).toEqual(client);
  });

  it('offers the kinds as the value of kind in a new file', () => {
    const kinds = ['Catalog', 'PermissionSet', 'Fragment', 'Guard', 'TestSuite'];
    expect(completionLabels('sets/q.yaml', 'kind: <|>')).toEqual(kinds);
    expect(completionLabels('sets/q.yaml', 'kind: Perm<|>')).toEqual(kinds);
    expect(completionLabels('sets/q.yaml', 'kind: <|>\nid: q\n')).toEqual(kinds);
  });

  it('offers grant keys inside a flow mapping too', () => {
    const text = MANAGER.replace(
      'grants:\n  "budgets.*": all\n  settings.manage: all\n',
      'grants: { settings.manage: all, <|> }\n',
    );
    expect(completionLabels('sets/manager.yaml', text)).toEqual([
      'budgets.view',
      'budgets.manage',
      'budgets.profit.view',
      'contacts.view',
      'contacts.manage',
      'budgets.*',
      'contacts.*',
    ]);
  });

  it('offers the scopes a permission allows (and none) as its value, with the per-scope label', () => {
    expect(
      completionLabels('sets/manager.yaml', MANAGER.replace('settings.manage: all', 'settings.manage: <|>')),
    ).toEqual(['all', 'none']);
    expect(completionLabels('sets/manager.yaml', MANAGER + '  budgets.view: <|>\n')).toEqual(['member', 'all', 'none']);
    expect(completionLabels('sets/manager.yaml', MANAGER + '  budgets.view: [member, <|>]\n')).toEqual([
      'member',
      'all',
    ]);
    const { service, uri, position } = openAt('sets/manager.yaml', MANAGER + '  budgets.view: a<|>\n');
    expect(service.doComplete(uri, position).items[1]).toMatchObject({
      label: 'all',
      detail: 'View all budgets',
      documentation: { kind: 'markdown', value: 'always holds' },
    });
  });

  it('offers the keys of a conditional grant', () => {
    const text = CLIENT.replace('    when: resource.client_access and subject.can_access_budgets\n', '    <|>\n');
    expect(completionLabels('sets/client.yaml', text)).toEqual(['when']);
  });

  it('offers set ids for extends (not the set itself) and fragment ids for include', () => {
    expect(completionLabels('sets/manager.yaml', MANAGER.replace('extends: base', 'extends: <|>'))).toEqual([
      'base',
      'client',
    ]);
    expect(completionLabels('sets/manager.yaml', MANAGER.replace('extends: base', 'extends:<|>'))).toEqual([
      'base',
      'client',
    ]);
    const { service, uri, position } = openAt('sets/manager.yaml', MANAGER.replace('extends: base', 'extends:<|>'));
    expect(service.doComplete(uri, position).items[0]!.textEdit).toMatchObject({ newText: ' base' });
    expect(completionLabels('sets/manager.yaml', MANAGER.replace('include: [budget-admin]', 'include: [<|>]'))).toEqual(
      ['budget-admin'],
    );
    expect(
      completionLabels('sets/manager.yaml', MANAGER.replace('include: [budget-admin]', 'include: [budget-admin, <|>]')),
    ).toEqual([]);
  });

  it('offers seats, scopes for restrict, kinds', () => {
    expect(completionLabels('sets/client.yaml', CLIENT.replace('seat: client', 'seat: <|>'))).toEqual([
      'employee',
      'client',
    ]);
    expect(completionLabels('sets/manager.yaml', MANAGER.replace('restrict: member', 'restrict: m<|>'))).toEqual([
      'own',
      'member',
      'all',
    ]);
    expect(completionLabels('sets/client.yaml', CLIENT.replace('kind: PermissionSet', 'kind: <|>'))).toEqual([
      'Catalog',
      'PermissionSet',
      'Fragment',
      'Guard',
      'TestSuite',
    ]);
  });

  it('offers attributes after a path root in a condition, with their types', () => {
    const { service, uri, position, text } = openAt(
      'sets/client.yaml',
      CLIENT.replace('resource.client_access', 'resource.cli<|>ent_access'),
    );
    const items = service.doComplete(uri, position).items;
    expect(items.map((i) => [i.label, i.detail])).toEqual([
      ['type', 'string'],
      ['owner', 'string'],
      ['members', 'string[]'],
      ['client_access', 'boolean'],
    ]);
    // The whole attribute name is replaced.
    const edit = items[0]!.textEdit;
    assert(edit !== undefined && 'range' in edit, 'a TextEdit, not an InsertReplaceEdit');
    expect(textAt(text, edit.range)).toBe('client_access');
  });

  it('offers path roots and keywords elsewhere in a condition, and in an empty one', () => {
    const all = ['subject', 'resource', 'context', 'and', 'or', 'not', 'in', 'has', 'true', 'false'];
    expect(
      completionLabels(
        'sets/client.yaml',
        CLIENT.replace('resource.client_access and', 'resource.client_access and s<|>'),
      ),
    ).toEqual(all);
    expect(
      completionLabels(
        'sets/client.yaml',
        CLIENT.replace('when: resource.client_access and subject.can_access_budgets', 'when: <|>'),
      ),
    ).toEqual(all);
    // A permission without a resource type has no `resource` in its conditions.
    const noResource = CLIENT.replace('budgets.view:', 'settings.manage:').replace('seat: client', 'seat: employee');
    expect(
      completionLabels(
        'sets/client.yaml',
        noResource.replace('resource.client_access and', 'resource.client_access and <|>'),
      ),
    ).toEqual(['subject', 'context', 'and', 'or', 'not', 'in', 'has', 'true', 'false']);
  });

  it('in test suites: case keys, set ids, permission ids, enum values', () => {
    expect(completionLabels('tests/rules.yaml', TESTS.replace('expect: allow', 'expect: <|>'))).toEqual([
      'allow',
      'deny',
    ]);
    expect(completionLabels('tests/rules.yaml', TESTS + '  - <|>\n')).toEqual([
      'name',
      'subject',
      'resource',
      'context',
      'permission',
      'expect',
      'permissions',
      'only',
      'skip',
    ]);
    expect(completionLabels('tests/rules.yaml', TESTS.replace('set: manager', 'set: <|>'))).toEqual([
      'base',
      'client',
      'manager',
    ]);
    expect(
      completionLabels('tests/rules.yaml', TESTS.replace('permission: budgets.view', 'permission: <|>')).slice(0, 3),
    ).toEqual(['budgets.view', 'budgets.manage', 'budgets.profit.view']);
  });

  it('in guards and the catalog: permission ids and patterns', () => {
    const guard = PROJECT['guards/no-profit-for-clients.yaml']!.replace(
      'never: ["budgets.profit.*"]',
      'never:\n  - <|>',
    );
    expect(completionLabels('guards/no-profit-for-clients.yaml', guard)).toEqual([
      'budgets.view',
      'budgets.manage',
      'budgets.profit.view',
      'contacts.view',
      'contacts.manage',
      'settings.manage',
      'budgets.*',
      'contacts.*',
    ]);
    expect(
      completionLabels(
        'catalog.yaml',
        PROJECT['catalog.yaml']!.replace('requires: [contacts.view]', 'requires: [<|>]'),
      ),
    ).toContain('contacts.view');
    // A permission's own `scopes` declare what it allows: every scope of the catalog is offered.
    expect(
      completionLabels(
        'catalog.yaml',
        PROJECT['catalog.yaml']!.replace('scopes: [own, all] }', 'scopes: [own, <|>] }'),
      ),
    ).toEqual(['own', 'member', 'all']);
  });

  it('offers `kind: …` in a new YAML file of the policy folder', () => {
    expect(completionLabels('sets/new.yaml', '<|>')).toEqual([
      'kind: Catalog',
      'kind: PermissionSet',
      'kind: Fragment',
      'kind: Guard',
      'kind: TestSuite',
    ]);
    expect(completionLabels('sets/new.yaml', 'ki<|>')).toHaveLength(5);
    expect(completionLabels('sets/new.yaml', '# a new set\n<|>')).toHaveLength(5);
  });

  it('offers nothing in another YAML file of the policy folder (a workflow kept there)', () => {
    expect(completionLabels('ci.yaml', '<|>\nname: CI\non: [push]\njobs: {}\n')).toEqual([]);
    expect(completionLabels('ci.yaml', 'name: CI\non: [push]\n<|>\n')).toEqual([]);
  });

  it('offers nothing on a name value or outside a policy folder', () => {
    expect(completionLabels('sets/manager.yaml', MANAGER.replace('name: Manager', 'name: Man<|>'))).toEqual([]);
    const { service } = openAt('sets/base.yaml', 'kind: PermissionSet\n<|>');
    expect(service.doComplete('file:///ws/.github/workflows/ci.yml', { line: 0, character: 0 }).items).toEqual([]);
  });
});
