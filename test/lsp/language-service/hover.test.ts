import { describe, expect, it } from 'vitest';
import { PROJECT, expectHover, hoverAt, openAt } from '../helpers.js';

const MANAGER = PROJECT['sets/manager.yaml']!;
const CLIENT = PROJECT['sets/client.yaml']!;
const CATALOG = PROJECT['catalog.yaml']!;

describe('hover', () => {
  it('on a permission id: label, description, area, resource type, scopes with labels, and the sets granting it', () => {
    expectHover('sets/base.yaml', PROJECT['sets/base.yaml']!.replace('budgets.view: all', 'budgets.v<|>iew: all'), [
      '**View budgets** `budgets.view`',
      'See a budget and its line items.',
      'Area: Budgets · resource type `budget`',
      'Scopes: `member` (View budgets where the user is a member), `all` (View all budgets)',
      'In `base`: all',
      'Granted by 3 sets: `base` (all), `client` (member (when resource.client_access and subject.can_access_budgets)), `manager` (member)',
    ]);
  });

  it('on a permission a set narrows with restrict: the effective scope and what narrowed it', () => {
    const text = MANAGER.replace('settings.manage: all', 'settings.manage: all\n  budgets.v<|>iew: all');
    expectHover('sets/manager.yaml', text, [
      '**View budgets** `budgets.view`',
      'In `manager`: member, narrowed from all by `restrict` of `manager`',
    ]);
  });

  it('on `requires` in the catalog and on a sensitive permission', () => {
    expectHover(
      'catalog.yaml',
      CATALOG.replace(
        'requires: [budgets.view] }\n      budgets.profit',
        'requires: [budgets.vi<|>ew] }\n      budgets.profit',
      ),
      ['**View budgets**'],
    );
    expectHover('catalog.yaml', CATALOG.replace('      budgets.profit.view: {', '      budgets.pro<|>fit.view: {'), [
      '**View budget profit** `budgets.profit.view` · sensitive',
      'Requires: `budgets.view`',
      'Granted by 1 set: `manager` (member)',
    ]);
  });

  it('on a wildcard: the permissions it matches', () => {
    expectHover('sets/manager.yaml', MANAGER.replace('"budgets.*"', '"budg<|>ets.*"'), [
      'Pattern `budgets.*` matches 3 permissions:',
      '- `budgets.view` View budgets',
      '- `budgets.manage` Manage budgets',
      '- `budgets.profit.view` View budget profit',
    ]);
  });

  it('on `extends`: the base set’s effective permissions, grouped by where they come from', () => {
    expectHover('sets/manager.yaml', MANAGER.replace('extends: base', 'extends: ba<|>se'), [
      '**Base** `base`',
      'seat `employee` (Employee)',
      '2 effective permissions: 2 own, 0 inherited',
      '**Own grants**',
      '- `budgets.view` all — View budgets (base.yaml:6)',
      '- `contacts.view` all — View Contacts (base.yaml:7)',
    ]);
  });

  it('on a set id: what it inherits from where, and what restrict narrowed', () => {
    expectHover('sets/manager.yaml', MANAGER.replace('id: manager', 'id: mana<|>ger'), [
      '**Manager** `manager`',
      'seat `employee` (Employee) · extends `base` · includes `budget-admin` · restrict `member`',
      '5 effective permissions: 4 own, 1 inherited',
      '**Own grants**',
      '- `budgets.view` member — View budgets (manager.yaml:8), narrowed from all by `restrict` of `manager`',
      '- `budgets.manage` member — Manage budgets (manager.yaml:8), narrowed from all by `restrict` of `manager`',
      '- `budgets.profit.view` member — View budget profit (manager.yaml:8), narrowed from all by `restrict` of `manager`',
      '- `settings.manage` all — Manage settings (manager.yaml:9)',
      '**Inherited from base**',
      '- `contacts.view` all — View Contacts (base.yaml:7)',
    ]);
  });

  it('on an included fragment: its grants and who includes it', () => {
    expectHover('sets/manager.yaml', MANAGER.replace('include: [budget-admin]', 'include: [budget-ad<|>min]'), [
      '**Fragment** `budget-admin`',
      'Manage budgets.',
      'Included by `manager`.',
      '- `budgets.manage`: member',
    ]);
  });

  it('on a scope: its label for that permission, its condition and what it covers', () => {
    expectHover('sets/base.yaml', PROJECT['sets/base.yaml']!.replace('budgets.view: all', 'budgets.view: a<|>ll'), [
      '**All** scope `all` — for `budgets.view`: View all budgets',
      'Always holds (no condition).',
      'Covers `member`, `own`.',
    ]);
    expectHover('sets/manager.yaml', MANAGER.replace('restrict: member', 'restrict: mem<|>ber'), [
      '**Where the user is a member** scope `member`',
      'Holds when: `subject.id in resource.members`',
      'Covers `own`.',
    ]);
  });

  it('on a seat', () => {
    expectHover('sets/client.yaml', CLIENT.replace('seat: client', 'seat: cli<|>ent'), [
      '**Client** seat `client`',
      'Free · customizable',
      'Allows `budgets.view`, `contacts.*`.',
    ]);
  });

  it('on a key: the schema description', () => {
    expectHover('sets/manager.yaml', MANAGER.replace('restrict: member', 'restr<|>ict: member'), [
      '`restrict` — Narrows every grant in a scope that covers this one (e.g. `all`) to this scope, where the permission allows it. Applied last.',
    ]);
    expectHover('sets/client.yaml', CLIENT.replace('    when:', '    wh<|>en:'), [
      '`when` — An extra condition on this grant',
    ]);
    expectHover('sets/client.yaml', CLIENT.replace('kind: PermissionSet', 'kind: Permission<|>Set'), [
      'A permission set (a role)',
    ]);
  });

  it('inside a condition: the attribute’s type and where it is declared', () => {
    expectHover('sets/client.yaml', CLIENT.replace('resource.client_access', 'resource.client_ac<|>cess'), [
      '`resource.client_access`: `boolean` — an attribute of resource type `budget`',
    ]);
    expectHover('sets/client.yaml', CLIENT.replace('subject.can_access_budgets', 'subject.can_<|>access_budgets'), [
      '`subject.can_access_budgets`: `boolean` — an attribute of the subject',
    ]);
    expectHover(
      'catalog.yaml',
      CATALOG.replace('when: resource.owner == subject.id', 'when: resource.owner == subject.i<|>d'),
      ['`subject.id`: `string` — an attribute of the subject'],
    );
    expectHover('sets/client.yaml', CLIENT.replace('resource.client_access', 'resource.clie<|>nt_acess'), [
      '`resource.client_acess`: not an attribute of resource type `budget`',
    ]);
  });

  it('the hover range is the hovered name (inside a condition, the attribute path)', () => {
    const { service, uri, position } = openAt(
      'sets/client.yaml',
      CLIENT.replace('resource.client_access', 'resource.client_ac<|>cess'),
    );
    expect(service.doHover(uri, position)!.range).toEqual({
      start: { line: 7, character: 10 },
      end: { line: 7, character: 32 },
    });
  });

  it('on test suites and guards', () => {
    expectHover('tests/rules.yaml', PROJECT['tests/rules.yaml']!.replace('set: manager', 'set: mana<|>ger'), [
      '**Manager** `manager`',
    ]);
    expectHover(
      'guards/no-profit-for-clients.yaml',
      PROJECT['guards/no-profit-for-clients.yaml']!.replace('id: no-profit', 'id: no-pro<|>fit'),
      [
        '**Guard** `no-profit-for-clients`',
        'Clients never see profit.',
        'Applies to sets of seat `client`.',
        'Never: `budgets.profit.*`',
      ],
    );
  });

  it('works on CRLF files (positions count a CRLF as one line break)', () => {
    const crlf = PROJECT['sets/base.yaml']!.replace('contacts.view', 'contacts.vi<|>ew').replace(/\n/g, '\r\n');
    const { service, uri, position } = openAt('sets/base.yaml', crlf);
    expect(position).toEqual({ line: 6, character: 13 });
    const hover = service.doHover(uri, position)!;
    expect((hover.contents as { value: string }).value.split('\n')[0]).toBe('**View Contacts** `contacts.view`');
    expect(hover.range).toEqual({ start: { line: 6, character: 2 }, end: { line: 6, character: 15 } });
  });

  it('nothing on a name or description value, or for a file outside the policy folder', () => {
    expect(hoverAt('sets/manager.yaml', MANAGER.replace('name: Manager', 'name: Man<|>ager'))).toBeUndefined();
    const { service } = openAt('sets/base.yaml', PROJECT['sets/base.yaml']!.replace('seat', 'se<|>at'));
    expect(service.doHover('file:///ws/.github/workflows/ci.yml', { line: 0, character: 1 })).toBeNull();
  });
});
