import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { NodeFileSystem } from '../../../packages/compiler/src/node/index.js';
import {
  BUILDER_REQUEST,
  DEFINITION_TEXT_REQUEST,
  type BuilderResult,
  type DefinitionTextResult,
} from '../../../packages/lsp/src/server/custom-protocol.js';
import { REPO, runCli } from '../../helpers/cli.js';
import { startSession, type Session } from './lsp-session.js';

// permset/builder: the builder view's page. On a workspace without errors it carries the
// workspace's own evaluator.js and custom-sets.js, the very module builder.html carries, so the
// element in VS Code shows the live diagnostics of withCustomSets with the rules of `permset
// check`; otherwise the page says the saved file is checked (validation="external").

const REPO_URI = pathToFileURL(REPO).href;
const TEAM_LEAD = `${REPO_URI}/policies/sets/custom/team-lead.yaml`;
const RUNTIME = readFileSync(join(REPO, 'packages/compiler/dist/custom-sets-runtime.js'), 'utf8');

let session: Session | undefined;
afterEach(() => {
  session?.dispose();
  session = undefined;
});

/** The inline scripts of a page, in order. */
const scripts = (html: string) => [...html.matchAll(/<script type="module">([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

async function builder(options: { runtime?: () => string | undefined } = {}): Promise<Session> {
  session = await startSession(new NodeFileSystem(), {
    folder: REPO_URI,
    customSetsRuntime: options.runtime ?? (() => RUNTIME),
  });
  return session;
}

describe('permset/builder', () => {
  it('carries the rules of the workspace: the same module as builder.html of `permset build`', async () => {
    const s = await builder();
    const result = await s.client.sendRequest<BuilderResult>(BUILDER_REQUEST, { uri: REPO_URI });
    expect(result.liveDiagnostics).toBe(true);
    expect(result.errors).toBe(0);
    expect(result.html).toContain('<permset-builder></permset-builder>');
    const files = new Map<string, string | Uint8Array>();
    expect((await runCli(['build', 'policies', '--out', 'out'], { cwd: REPO, files })).code).toBe(0);
    const page = String(files.get('out/builder.html'));
    const [module, bridge] = scripts(result.html);
    expect(module).toBe(scripts(page)[0]);
    expect(module).toContain('const { withCustomSets } = PermsetCustomSets;');
    expect(module).toContain('definePermsetBuilder({ policies, withCustomSets })');
    expect(bridge).toContain('type: "permset.ready"');
    expect(result.bases.filter((b) => !b.customizable)).toEqual([
      { id: 'contractor', name: 'Contractor', customizable: false },
    ]);
  });

  it('keeps the strict CSP in the webview: its two scripts by hash, no eval, no inline script else', async () => {
    const s = await builder();
    const result = await s.client.sendRequest<BuilderResult>(BUILDER_REQUEST, { uri: REPO_URI });
    // The page's own policy; the extension's webview keeps its script hashes (matrixWebviewHtml).
    const html = result.html;
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)![1]!;
    const [module, bridge] = scripts(html);
    expect(html.match(/<script\b/g)).toHaveLength(2);
    expect(csp).toContain(`script-src ${sha256(module!)} ${sha256(bridge!)};`);
    expect(csp).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
    expect(module).not.toMatch(/\beval\(|new Function\(/);
  });

  it('carries no rules while the workspace has errors, and says the saved file is checked', async () => {
    const s = await builder();
    const text = readFileSync(join(REPO, 'policies/sets/custom/team-lead.yaml'), 'utf8').replace(
      'extends: ',
      'extends: no-such-',
    );
    void s.client.sendNotification('textDocument/didOpen', {
      textDocument: { uri: TEAM_LEAD, languageId: 'yaml', version: 1, text },
    });
    await s.next(TEAM_LEAD, (p) => p.diagnostics.some((d) => d.code === 'unknown-base'), 20_000);
    const result = await s.client.sendRequest<BuilderResult>(BUILDER_REQUEST, { uri: REPO_URI });
    expect(result.liveDiagnostics).toBe(false);
    expect(result.errors).toBe(1);
    expect(result.html).toContain('<permset-builder validation="external"></permset-builder>');
    expect(scripts(result.html)[0]).toContain('definePermsetBuilder({ policies })');
  });

  it('carries no rules where the installation has no custom-sets run time', async () => {
    const s = await builder({ runtime: () => undefined });
    const result = await s.client.sendRequest<BuilderResult>(BUILDER_REQUEST, { uri: REPO_URI });
    expect(result.liveDiagnostics).toBe(false);
    expect(result.html).toContain('<permset-builder validation="external"></permset-builder>');
  });

  it("returns an existing custom set's definition and its document's range for Open in Builder", async () => {
    const s = await builder();
    const uri = `${REPO_URI}/policies/sets/custom/client-read-only.yaml`;
    const result = await s.client.sendRequest<BuilderResult>(BUILDER_REQUEST, { uri, edit: true });
    expect(result.existing).toEqual({
      definition: {
        id: 'client-read-only',
        name: 'Client (view only)',
        description:
          'A client who can follow projects and tasks but not change them. S002: a custom client set can "prevent clients from altering tasks". Free seat.',
        extends: 'client-staff',
        grants: { 'tasks.edit': 'none' },
      },
      uri,
      range: { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } },
    });
    // Its rules are the workspace's without that document: a set is no duplicate of itself.
    expect(result.liveDiagnostics).toBe(true);
    const [module] = scripts(result.html);
    expect(module).not.toContain('id: client-read-only');
    expect(module).toContain('id: client-no-docs');
    const [whole] = scripts((await s.client.sendRequest<BuilderResult>(BUILDER_REQUEST, { uri: REPO_URI })).html);
    expect(whole).toContain('id: client-read-only');
  });
});

describe('permset/definitionText', () => {
  it('writes a saved definition as a canonical PermissionSet file under sets/custom/', async () => {
    const s = await builder();
    const definition = {
      id: 'regional-lead',
      name: 'Regional lead',
      extends: 'staff',
      grants: { 'contacts.view': 'member', 'contacts.manage': 'member' },
    };
    const result = await s.client.sendRequest<DefinitionTextResult>(DEFINITION_TEXT_REQUEST, {
      uri: REPO_URI,
      definition,
    });
    expect(result).toEqual({
      uri: `${REPO_URI}/policies/sets/custom/regional-lead.yaml`,
      text: 'kind: PermissionSet\nid: regional-lead\nname: Regional lead\nextends: staff\ngrants:\n  contacts.view: member\n  contacts.manage: member\n',
    });
  });

  it('refuses an id that is not a kebab-case file name', async () => {
    const s = await builder();
    await expect(
      s.client.sendRequest(DEFINITION_TEXT_REQUEST, {
        uri: REPO_URI,
        definition: { id: '../escape', name: 'x', extends: 'staff' },
      }),
    ).rejects.toMatchObject({
      message: 'A custom set\'s id must be kebab-case (like regional-lead), not "../escape".',
    });
  });
});
