import { describe, expect, it } from 'vitest';
import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import { toLspDiagnostic } from '../../../packages/lsp/src/language-service/do-validation.js';
import { PROJECT, serviceFor, uriOf } from '../helpers.js';

const OPTIONS = { canCreateFiles: true, toClientUri: (u: string) => u };

/** Opens `text` as the editor's text of `relative` and returns its published diagnostics. */
function withText(relative: string, text: string) {
  const service = serviceFor();
  const uri = uriOf(relative);
  const ws = service.workspaces.forUri(uri)!;
  ws.changeDocument(uri, text, 2);
  const diagnostics: LspDiagnostic[] = (ws.diagnostics().get(uri) ?? []).map(toLspDiagnostic);
  return { service, uri, diagnostics };
}

describe('code actions', () => {
  it('turns a did-you-mean fix into a preferred quick fix', () => {
    const { service, uri, diagnostics } = withText(
      'sets/base.yaml',
      PROJECT['sets/base.yaml']!.replace('contacts.view', 'contacts.veiw'),
    );
    expect(service.codeActions(uri, diagnostics, OPTIONS)).toEqual([
      {
        title: "Replace with 'contacts.view'",
        kind: 'quickfix',
        diagnostics: [diagnostics[0]],
        isPreferred: true,
        edit: {
          changes: {
            [uri]: [
              {
                range: { start: { line: 6, character: 2 }, end: { line: 6, character: 15 } },
                newText: 'contacts.view',
              },
            ],
          },
        },
      },
    ]);
  });

  it('offers to create a missing fragment file (a CreateFile and its text), only to clients that can', () => {
    const { service, uri, diagnostics } = withText(
      'sets/manager.yaml',
      PROJECT['sets/manager.yaml']!.replace('[budget-admin]', '[reporting]'),
    );
    const unknown = diagnostics.filter((d) => d.code === 'unknown-fragment');
    expect(unknown).toHaveLength(1);
    const actions = service.codeActions(uri, unknown, OPTIONS);
    expect(actions.map((a) => a.title)).toEqual(["Create fragment 'reporting'"]);
    const created = uriOf('fragments/reporting.yaml');
    expect(actions[0]!.edit).toEqual({
      documentChanges: [
        { kind: 'create', uri: created, options: { overwrite: false, ignoreIfExists: true } },
        {
          textDocument: { uri: created, version: null },
          edits: [
            {
              range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
              newText: 'kind: Fragment\nid: reporting\ndescription: Reporting.\ngrants: {}\n',
            },
          ],
        },
      ],
    });
    expect(service.codeActions(uri, unknown, { ...OPTIONS, canCreateFiles: false })).toEqual([]);
  });

  it('offers to create a missing base set next to the set', () => {
    const { service, uri, diagnostics } = withText(
      'sets/manager.yaml',
      PROJECT['sets/manager.yaml']!.replace('extends: base', 'extends: lead'),
    );
    const unknown = diagnostics.filter((d) => d.code === 'unknown-base');
    const actions = service.codeActions(uri, unknown, OPTIONS);
    expect(actions.map((a) => a.title)).toEqual(["Create permission set 'lead'"]);
    expect((actions[0]!.edit!.documentChanges![0] as { uri: string }).uri).toBe(uriOf('sets/lead.yaml'));
  });

  it('offers to add the missing requires grant, or to narrow the dependent grant', () => {
    const text = PROJECT['sets/base.yaml']!.replace('  contacts.view: all\n', '  contacts.manage: all\n');
    const { service, uri, diagnostics } = withText('sets/base.yaml', text);
    expect(diagnostics.map((d) => d.code)).toEqual(['requires-missing']);
    const actions = service.codeActions(uri, diagnostics, OPTIONS);
    expect(actions.map((a) => a.title)).toEqual([
      "Grant 'contacts.view: all' in 'base'",
      "Remove 'contacts.manage' from 'base' (contacts.manage: none)",
    ]);
    expect(actions[0]!.edit).toEqual({
      changes: {
        [uri]: [
          {
            range: { start: { line: 6, character: 22 }, end: { line: 6, character: 22 } },
            newText: '\n  contacts.view: all',
          },
        ],
      },
    });
  });

  it('offers to remove a redundant grant', () => {
    const text = PROJECT['sets/manager.yaml']!.replace(
      'settings.manage: all',
      'settings.manage: all\n  contacts.view: all',
    );
    const { service, uri, diagnostics } = withText('sets/manager.yaml', text);
    expect(diagnostics.map((d) => d.code)).toEqual(['redundant-grant']);
    const actions = service.codeActions(uri, diagnostics, OPTIONS);
    expect(actions).toMatchObject([
      {
        title: "Remove the redundant grant of 'contacts.view'",
        isPreferred: true,
        edit: {
          changes: {
            [uri]: [{ range: { start: { line: 9, character: 0 }, end: { line: 10, character: 0 } }, newText: '' }],
          },
        },
      },
    ]);
  });

  it('offers to narrow a grant that breaks a guard', () => {
    const text = PROJECT['sets/client.yaml']!.replace('grants:\n', 'grants:\n  budgets.profit.view: member\n').replace(
      'allows',
      'allows',
    );
    const catalog = PROJECT['catalog.yaml']!.replace(
      'allows: ["budgets.view", "contacts.*"]',
      'allows: ["budgets.*", "contacts.*"]',
    );
    const service = serviceFor({ ...PROJECT, 'catalog.yaml': catalog });
    const uri = uriOf('sets/client.yaml');
    const ws = service.workspaces.forUri(uri)!;
    ws.changeDocument(uri, text, 2);
    const diagnostics = (ws.diagnostics().get(uri) ?? [])
      .map(toLspDiagnostic)
      .filter((d) => d.code === 'guard-violated');
    expect(diagnostics).toHaveLength(1);
    expect(service.codeActions(uri, diagnostics, OPTIONS).map((a) => a.title)).toEqual([
      "Remove 'budgets.profit.view' from 'client'",
    ]);
  });

  it("uses the published fixes when the client does not send a diagnostic's data back", () => {
    const { service, uri, diagnostics } = withText(
      'sets/base.yaml',
      PROJECT['sets/base.yaml']!.replace('contacts.view', 'contacts.veiw'),
    );
    const { data: _, ...withoutData } = diagnostics[0]!;
    expect(service.codeActions(uri, [withoutData], OPTIONS).map((a) => a.title)).toEqual([
      "Replace with 'contacts.view'",
    ]);
    // Another tool's diagnostics are not ours to fix.
    expect(service.codeActions(uri, [{ ...withoutData, source: 'yamllint' }], OPTIONS)).toEqual([]);
  });
});
