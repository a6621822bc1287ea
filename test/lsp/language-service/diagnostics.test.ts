import { describe, expect, it } from 'vitest';
import { doValidation } from '../../../packages/lsp/src/language-service/do-validation.js';
import { PROJECT, serviceFor, uriOf } from '../helpers.js';

/** `file:line:code` of every diagnostic of a workspace (1-based lines). */
function codes(service: ReturnType<typeof serviceFor>): string[] {
  const out: string[] = [];
  for (const [uri, list] of service.workspaces.all()[0]!.diagnostics())
    for (const d of list) out.push(`${uri.replace(uriOf(''), '')}:${d.range.start.line + 1}:${d.code}`);
  return out;
}

describe('workspace diagnostics', () => {
  it('compiles every policy file of the policy folder, and nothing outside it', () => {
    const service = serviceFor();
    const ws = service.workspaces.all()[0]!;
    expect(ws.rootPath).toBe('/ws/policies');
    expect(ws.policyFiles()).toEqual(Object.keys(PROJECT).sort().map(uriOf));
    expect(codes(service)).toEqual([]);
    expect(service.workspaces.forUri('file:///ws/.github/workflows/ci.yml')).toBeUndefined();
  });

  it('checks the unsaved text of an open file', () => {
    const service = serviceFor();
    const uri = uriOf('sets/base.yaml');
    service.workspaces
      .forUri(uri)!
      .changeDocument(uri, PROJECT['sets/base.yaml']!.replace('contacts.view', 'contacts.veiw'), 2);
    expect(codes(service)).toEqual(['sets/base.yaml:7:unknown-permission']);
  });

  it('re-checks the sets that inherit from an edited base, including closed files', () => {
    const service = serviceFor();
    const uri = uriOf('sets/base.yaml');
    // The base is renamed in the editor: the manager (closed) extends a set that no longer exists.
    service.workspaces
      .forUri(uri)!
      .changeDocument(uri, PROJECT['sets/base.yaml']!.replace('id: base', 'id: employee-base'), 2);
    expect(codes(service)).toEqual(['sets/manager.yaml:4:unknown-base']);
  });

  it('passes diagnostics through unchanged but for their uri: codes, related information and fixes', () => {
    const service = serviceFor();
    const uri = uriOf('sets/base.yaml');
    const ws = service.workspaces.forUri(uri)!;
    ws.changeDocument(uri, PROJECT['sets/base.yaml']!.replace('contacts.view', 'contacts.veiw'), 2);
    const compiled = ws.diagnostics().get(uri)!;
    const published = doValidation(ws.diagnostics(), uri);
    expect(published).toEqual(compiled.map(({ uri: _, ...rest }) => rest));
    expect(published[0]).toEqual({
      range: { start: { line: 6, character: 2 }, end: { line: 6, character: 15 } },
      severity: 1,
      code: 'unknown-permission',
      message: "Unknown permission 'contacts.veiw'. Did you mean 'contacts.view'?",
      source: 'permset',
      data: {
        fixes: [
          {
            title: "Replace with 'contacts.view'",
            isPreferred: true,
            edits: [
              {
                uri,
                range: { start: { line: 6, character: 2 }, end: { line: 6, character: 15 } },
                newText: 'contacts.view',
              },
            ],
          },
        ],
      },
    });
  });

  it('leaves YAML files without a kind of ours alone, but reports a misspelt kind', () => {
    const service = serviceFor({
      ...PROJECT,
      'notes.yaml': 'title: not a policy\n',
      'k8s.yaml': 'kind: Deployment\n',
      'typo.yaml': 'kind: PermisionSet\nid: t\n',
    });
    expect(codes(service)).toEqual(['typo.yaml:1:unknown-kind']);
    expect(service.workspaces.all()[0]!.policyFiles()).not.toContain(uriOf('notes.yaml'));
  });

  it('keeps an open policy file while a syntax error or an edit hides its kind, and reports it', () => {
    const service = serviceFor();
    const uri = uriOf('sets/base.yaml');
    const ws = service.workspaces.forUri(uri)!;
    ws.changeDocument(uri, 'kind PermissionSet\nid: [\n', 2);
    expect(codes(service)).toEqual([
      'sets/base.yaml:1:yaml-syntax',
      'sets/base.yaml:3:yaml-syntax',
      'sets/manager.yaml:4:unknown-base',
    ]);
    ws.changeDocument(uri, '', 3);
    expect(codes(service)).toEqual(['sets/base.yaml:1:empty-file', 'sets/manager.yaml:4:unknown-base']);
  });

  it('goes back to the file on disk when the editor closes it without saving', () => {
    const service = serviceFor();
    const uri = uriOf('sets/base.yaml');
    const ws = service.workspaces.forUri(uri)!;
    ws.changeDocument(uri, PROJECT['sets/base.yaml']!.replace('contacts.view', 'contacts.veiw'), 2);
    expect(codes(service)).toHaveLength(1);
    ws.closeDocument(uri);
    expect(codes(service)).toEqual([]);
  });

  it('uses the policy folder setting, else the folder itself when it has no policies/', () => {
    const files = Object.fromEntries(Object.entries(PROJECT).map(([k, v]) => [`/ws/rbac/${k}`, v]));
    const flat = serviceFor({}, files);
    expect(flat.workspaces.all()[0]!.rootPath).toBe('/ws');
    expect(flat.workspaces.all()[0]!.policyFiles()).toHaveLength(Object.keys(PROJECT).length);
  });
});
