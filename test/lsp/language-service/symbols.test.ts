import { describe, expect, it } from 'vitest';
import type { DocumentSymbol } from 'vscode-languageserver';
import { serviceFor, uriOf } from '../helpers.js';

/** An outline as `name (detail)` lines, children indented. */
function outline(symbols: DocumentSymbol[], depth = 0): string[] {
  return symbols.flatMap((s) => [
    `${'  '.repeat(depth)}${s.name}${s.detail ? ` (${s.detail})` : ''}`,
    ...outline(s.children ?? [], depth + 1),
  ]);
}

describe('symbols', () => {
  it('outlines a set: its id, extends, include and grants', () => {
    const service = serviceFor();
    expect(outline(service.documentSymbols(uriOf('sets/manager.yaml')))).toEqual([
      'manager (PermissionSet)',
      '  include budget-admin',
      '  extends base',
      '  budgets.* (all)',
      '  settings.manage (all)',
    ]);
    expect(outline(service.documentSymbols(uriOf('sets/client.yaml')))).toEqual([
      'client (PermissionSet)',
      '  budgets.view (member (when …))',
    ]);
  });

  it('outlines the catalog by resource types, scopes, seats and areas with their permissions', () => {
    const lines = outline(serviceFor().documentSymbols(uriOf('catalog.yaml')));
    expect(lines).toEqual([
      'Catalog (Catalog)',
      '  resources',
      '    budget (Budget)',
      '    contact',
      '  scopes',
      '    own (Own)',
      '    member (Where the user is a member)',
      '    all (All)',
      '  seats',
      '    employee (Employee)',
      '    client (Client)',
      '  areas',
      '    budgets (Budgets)',
      '      budgets.view (View budgets)',
      '      budgets.manage (Manage budgets)',
      '      budgets.profit.view (View budget profit)',
      '    contacts (Contacts)',
      '      contacts.view (View Contacts)',
      '      contacts.manage (Add, Edit, and Delete Contacts)',
      '    settings (Settings)',
      '      settings.manage (Manage settings)',
    ]);
  });

  it('outlines guards and test suites', () => {
    const service = serviceFor();
    expect(outline(service.documentSymbols(uriOf('guards/no-profit-for-clients.yaml')))).toEqual([
      'no-profit-for-clients (Guard)',
      '  budgets.profit.* (never)',
    ]);
    expect(outline(service.documentSymbols(uriOf('tests/rules.yaml')))).toEqual([
      'Rules (TestSuite)',
      '  budgets.view (allow)',
    ]);
  });

  it('finds workspace symbols by a fuzzy query', () => {
    const service = serviceFor();
    expect(service.workspaceSymbols('bv').map((s) => `${s.name} ${s.containerName}`)).toEqual([
      'budgets.view permission',
      'budgets.profit.view permission',
    ]);
    expect(
      service
        .workspaceSymbols('manager')
        .map(
          (s) =>
            `${s.name} ${s.containerName} ${(s as { location: { uri: string } }).location.uri.replace(uriOf(''), '')}`,
        ),
    ).toEqual(['manager set sets/manager.yaml']);
    // 6 permissions, 3 scopes, 2 seats, 2 resource types, 3 sets, 1 fragment, 1 guard.
    expect(
      service
        .workspaceSymbols('')
        .map((s) => s.containerName)
        .sort(),
    ).toEqual([
      ...Array(1).fill('fragment'),
      ...Array(1).fill('guard'),
      ...Array(6).fill('permission'),
      ...Array(2).fill('resource-type'),
      ...Array(3).fill('scope'),
      ...Array(2).fill('seat'),
      ...Array(3).fill('set'),
    ]);
  });
});
