import { expect } from 'vitest';
import { MemoryFileSystem } from '../../packages/compiler/src/fs/index.js';
import {
  createLanguageService,
  type LanguageService,
} from '../../packages/lsp/src/language-service/language-service.js';
import { WorkspaceSet } from '../../packages/lsp/src/language-service/workspace-set.js';
import type { Position } from 'vscode-languageserver';
import { catalogText } from '../helpers/policy-builder.js';

/** The workspace folder of in-process tests, and its policy folder. */
export const FOLDER = 'file:///ws';
export const ROOT = '/ws/policies';

/** The URI of a file under the policy folder (`sets/base.yaml`). */
export function uriOf(relative: string): string {
  return `file://${ROOT}/${relative}`;
}

/**
 * A small project exercising every feature: a catalog with conditions, scope labels, `requires`
 * and a client seat that `allows` only some permissions; a base set, a set extending it with a
 * fragment and `restrict`, a client set, a guard and a test suite.
 */
export const PROJECT: Record<string, string> = {
  'catalog.yaml': catalogText({
    subject: { id: 'string', subsidiary: 'string', can_access_budgets: 'boolean' },
    context: { plan: 'string' },
    resources: {
      budget: { label: 'Budget', attributes: { owner: 'string', members: 'string[]', client_access: 'boolean' } },
      contact: { attributes: { owner: 'string' } },
    },
    scopes: {
      own: { label: 'Own', when: 'resource.owner == subject.id' },
      member: { label: 'Where the user is a member', when: 'subject.id in resource.members', includes: ['own'] },
      all: { label: 'All', includes: ['own', 'member'] },
    },
    seats: {
      employee: { label: 'Employee', paid: true },
      client: { label: 'Client', paid: false, allows: ['budgets.view', 'contacts.*'] },
    },
    areas: {
      budgets: {
        label: 'Budgets',
        resource: 'budget',
        permissions: {
          'budgets.view': {
            label: 'View budgets',
            description: 'See a budget and its line items.',
            scopeLabels: { all: 'View all budgets', member: 'View budgets where the user is a member' },
            scopes: ['member', 'all'],
          },
          'budgets.manage': { label: 'Manage budgets', scopes: ['member', 'all'], requires: ['budgets.view'] },
          'budgets.profit.view': {
            label: 'View budget profit',
            scopes: ['member', 'all'],
            sensitive: true,
            requires: ['budgets.view'],
          },
        },
      },
      contacts: {
        label: 'Contacts',
        resource: 'contact',
        permissions: {
          'contacts.view': { label: 'View Contacts', scopes: ['own', 'all'] },
          'contacts.manage': { label: 'Add, Edit, and Delete Contacts', scopes: ['all'], requires: ['contacts.view'] },
        },
      },
      settings: {
        label: 'Settings',
        permissions: { 'settings.manage': { label: 'Manage settings', scopes: ['all'] } },
      },
    },
  }),
  'sets/base.yaml': `kind: PermissionSet
id: base
name: Base
seat: employee
grants:
  budgets.view: all
  contacts.view: all
`,
  'sets/manager.yaml': `kind: PermissionSet
id: manager
name: Manager
extends: base
include: [budget-admin]
restrict: member
grants:
  "budgets.*": all
  settings.manage: all
`,
  'sets/client.yaml': `kind: PermissionSet
id: client
name: Client
seat: client
grants:
  budgets.view:
    scope: member
    when: resource.client_access and subject.can_access_budgets
`,
  'fragments/budget-admin.yaml': `kind: Fragment
id: budget-admin
description: Manage budgets.
grants:
  budgets.manage: member
`,
  'guards/no-profit-for-clients.yaml': `kind: Guard
id: no-profit-for-clients
description: Clients never see profit.
applies_to: { seat: client }
never: ["budgets.profit.*"]
`,
  'tests/rules.yaml': `kind: TestSuite
name: Rules
cases:
  - subject: { set: manager, id: u1 }
    permission: budgets.view
    resource: { type: budget, owner: u2, members: [u1] }
    expect: allow
`,
};

/** Files under the workspace folder but outside `policies/` (never part of the project). */
export const OUTSIDE: Record<string, string> = {
  '/ws/.github/workflows/ci.yml': 'name: ci\non: push\n',
};

/** A language service over an in-memory workspace (`/ws`, policies in `/ws/policies`). */
export function serviceFor(
  files: Record<string, string> = PROJECT,
  outside: Record<string, string> = OUTSIDE,
): LanguageService {
  const fs = new MemoryFileSystem({
    ...Object.fromEntries(Object.entries(files).map(([k, v]) => [`${ROOT}/${k}`, v])),
    ...outside,
  });
  const workspaces = new WorkspaceSet(fs);
  workspaces.addFolder(FOLDER);
  return createLanguageService(workspaces);
}

/** A text with one `<|>` cursor marker: the text without it, and the marker's position and offset. */
export function cursor(marked: string): { text: string; position: Position; offset: number } {
  const offset = marked.indexOf('<|>');
  if (offset < 0 || marked.indexOf('<|>', offset + 1) >= 0) throw new Error('expected exactly one <|> marker');
  const text = marked.slice(0, offset) + marked.slice(offset + 3);
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { text, position: { line, character: offset - (before.lastIndexOf('\n') + 1) }, offset };
}

/**
 * Opens `marked` (a file text with a `<|>` cursor) as the editor's unsaved text of `relative` in
 * a workspace of `files`, and returns the service, the file's URI and the cursor position.
 */
export function openAt(
  relative: string,
  marked: string,
  files: Record<string, string> = PROJECT,
): { service: LanguageService; uri: string; position: Position; text: string } {
  const { text, position } = cursor(marked);
  const service = serviceFor(files);
  const uri = uriOf(relative);
  service.workspaces.forUri(uri)!.openDocument(uri, text, 1);
  return { service, uri, position, text };
}

/** The hover Markdown at the cursor (`undefined` for no hover). */
export function hoverAt(relative: string, marked: string, files: Record<string, string> = PROJECT): string | undefined {
  const { service, uri, position } = openAt(relative, marked, files);
  const hover = service.doHover(uri, position);
  return hover ? (hover.contents as { value: string }).value : undefined;
}

/** The completion labels at the cursor, in order. */
export function completionLabels(relative: string, marked: string, files: Record<string, string> = PROJECT): string[] {
  const { service, uri, position } = openAt(relative, marked, files);
  return service.doComplete(uri, position).items.map((i) => i.label);
}

/** Asserts the hover at the cursor contains each fragment, in order. */
export function expectHover(
  relative: string,
  marked: string,
  fragments: string[],
  files: Record<string, string> = PROJECT,
): void {
  const value = hoverAt(relative, marked, files);
  expect(value, 'no hover').toBeDefined();
  let at = 0;
  for (const f of fragments) {
    const i = value!.indexOf(f, at);
    expect(i, `hover lacks ${JSON.stringify(f)} (after offset ${at}) in:\n${value}`).toBeGreaterThanOrEqual(0);
    at = i + f.length;
  }
}

/** The text a range covers in a text. */
export function textAt(text: string, range: { start: Position; end: Position }): string {
  const lines = text.split('\n');
  const offset = (p: Position) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return text.slice(offset(range.start), offset(range.end));
}
