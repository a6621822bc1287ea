import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryFileSystem } from '../../../packages/compiler/src/fs/index.js';
import { NodeFileSystem } from '../../../packages/compiler/src/node/index.js';
import { renderMatrix } from '../../../packages/compiler/src/emit/matrix/index.js';
import { generateEvaluator } from '../../../packages/compiler/src/emit/evaluator/index.js';
import { evaluatorFromCommonJs } from '../../../packages/compiler/src/project/index.js';
import {
  DID_COMPILE_NOTIFICATION,
  EXPLAIN_REQUEST,
  MATRIX_REQUEST,
  PREVIEW_REQUEST,
  STATUS_REQUEST,
  type ExplainResult,
  type MatrixResult,
  type PreviewResult,
  type StatusResult,
} from '../../../packages/lsp/src/server/custom-protocol.js';
import { runCli, REPO } from '../../helpers/cli.js';
import { shippedModel } from '../../compiler/emit/matrix/matrix-helpers.js';
import { PROJECT, ROOT, uriOf } from '../helpers.js';
import { settle, startSession, type Session } from './lsp-session.js';

// The custom requests the VS Code extension's views use, on the real server over JSON-RPC:
// each answers from the live program (unsaved text included) and equals what the CLI prints
// for the same policies.

const memoryProject = (extra: Record<string, string> = {}) =>
  new MemoryFileSystem(
    Object.fromEntries(Object.entries({ ...PROJECT, ...extra }).map(([k, v]) => [`${ROOT}/${k}`, v])),
  );
const REPO_URI = pathToFileURL(REPO).href;

let session: Session | undefined;
afterEach(() => {
  session?.dispose();
  session = undefined;
});

async function shipped(): Promise<Session> {
  session = await startSession(new NodeFileSystem(), { folder: REPO_URI });
  return session;
}

function open(s: Session, relative: string, text: string, version = 1): void {
  void s.client.sendNotification('textDocument/didOpen', {
    textDocument: { uri: uriOf(relative), languageId: 'yaml', version, text },
  });
}

/** The error a request fails with (its message, as the client shows it). */
async function failure(s: Session, method: string, params: unknown): Promise<{ code: number; message: string }> {
  try {
    await s.client.sendRequest(method, params);
  } catch (e) {
    const err = e as { code: number; message: string };
    return { code: err.code, message: err.message };
  }
  throw new Error(`${method} did not fail`);
}

describe('permset/status', () => {
  it('names each workspace, its policy folder, counts, sets and permissions', async () => {
    session = await startSession(memoryProject());
    const status = await session.client.sendRequest<StatusResult>(STATUS_REQUEST, {});
    expect(status.projects).toHaveLength(1);
    const p = status.projects[0]!;
    expect({
      ...p,
      sets: p.sets.map((s) => s.id),
      permissions: p.permissions.map((x) => `${x.area}/${x.id}/${x.resourceType ?? '-'}`),
    }).toEqual({
      folderUri: 'file:///ws',
      policyFolderUri: 'file:///ws/policies',
      policyFolder: 'policies',
      files: 7,
      hasCatalog: true,
      errors: 0,
      warnings: 0,
      sets: ['base', 'client', 'manager'],
      permissions: [
        'budgets/budgets.view/budget',
        'budgets/budgets.manage/budget',
        'budgets/budgets.profit.view/budget',
        'contacts/contacts.view/contact',
        'contacts/contacts.manage/contact',
        'settings/settings.manage/-',
      ],
    });
    expect(p.sets.find((s) => s.id === 'manager')).toEqual({
      id: 'manager',
      name: 'Manager',
      system: false,
      seat: 'employee',
    });
  });

  it('counts the errors of unsaved text', async () => {
    session = await startSession(memoryProject());
    open(session, 'sets/base.yaml', PROJECT['sets/base.yaml']!.replace('contacts.view', 'contacts.veiw'));
    await session.next(uriOf('sets/base.yaml'));
    const status = await session.client.sendRequest<StatusResult>(STATUS_REQUEST, {});
    expect([status.projects[0]!.errors, status.projects[0]!.warnings]).toEqual([1, 0]);
  });

  it('answers an empty list before any folder is open', async () => {
    session = await startSession(memoryProject(), { folder: 'file:///elsewhere' });
    const status = await session.client.sendRequest<StatusResult>(STATUS_REQUEST, {});
    expect(status.projects.map((p) => [p.folderUri, p.files, p.hasCatalog])).toEqual([['file:///elsewhere', 0, false]]);
  });
});

describe('permset/matrix', () => {
  it('is the HTML report of `permset matrix` for the shipped policies, files named from the workspace folder', async () => {
    const s = await shipped();
    const result = await s.client.sendRequest<MatrixResult>(MATRIX_REQUEST, { format: 'html' });
    expect(result.folderUri).toBe(REPO_URI);
    expect(result.errors).toBe(0);
    expect(result.matrix).toBeUndefined();
    expect(result.html).toBe(renderMatrix(shippedModel(), 'html'));
  });

  it('returns the matrix data of unsaved text for a live re-render', async () => {
    session = await startSession(memoryProject());
    open(session, 'sets/base.yaml', PROJECT['sets/base.yaml']!.replace('  contacts.view: all\n', ''));
    const result = await session.client.sendRequest<MatrixResult>(MATRIX_REQUEST, {
      uri: uriOf('sets/base.yaml'),
      format: 'data',
    });
    const rows = result.matrix!.areas.flatMap((a) => a.rows);
    expect(result.matrix!.sets.map((s) => s.id)).toEqual(['base', 'manager', 'client']);
    const row = rows.find((r) => r.permission === 'contacts.view')!;
    expect(row.cells.map((c) => `${c.set}:${c.text}`)).toEqual(['base:', 'manager:', 'client:']);
    const budgets = rows.find((r) => r.permission === 'budgets.view')!;
    expect(budgets.cells.map((c) => `${c.set}:${c.text}`)).toEqual(['base:all', 'manager:member', 'client:member†']);
    expect(budgets.cells[0]!.provenance?.source.at).toEqual({ file: 'policies/sets/base.yaml', line: 6, column: 3 });
  });

  it('refuses an unknown format and a file outside every workspace', async () => {
    session = await startSession(memoryProject());
    expect(await failure(session, MATRIX_REQUEST, { format: 'pdf' })).toEqual({
      code: -32602,
      message: `The matrix format must be 'html' or 'data', not "pdf".`,
    });
    expect(await failure(session, MATRIX_REQUEST, { uri: 'file:///other/x.yaml', format: 'data' })).toEqual({
      code: -32602,
      message: 'file:///other/x.yaml is not in a permset workspace.',
    });
  });
});

describe('permset/preview', () => {
  it('equals `permset preview --format json` for every shipped set', async () => {
    const s = await shipped();
    for (const set of shippedModel().sets) {
      const result = await s.client.sendRequest<PreviewResult>(PREVIEW_REQUEST, { set: set.id });
      const cli = await runCli(['preview', set.id, '--format', 'json'], { cwd: REPO });
      expect(cli.code, set.id).toBe(0);
      expect(result.preview, set.id).toEqual(JSON.parse(cli.stdout));
    }
  });

  it('follows unsaved text and says which set it does not know', async () => {
    session = await startSession(memoryProject());
    open(session, 'sets/manager.yaml', PROJECT['sets/manager.yaml']!.replace('  settings.manage: all\n', ''));
    const result = await session.client.sendRequest<PreviewResult>(PREVIEW_REQUEST, {
      uri: 'file:///ws',
      set: 'manager',
    });
    expect(
      result.preview.areas.map(
        (a) =>
          `${a.label}: ${a.permissions.map((p) => `${p.id} ${p.scopes.map((x) => x.label).join('+')} (${p.origin})`).join(', ')}`,
      ),
    ).toEqual([
      'Budgets: budgets.view View budgets where the user is a member (granted here), budgets.manage Where the user is a member (granted here), budgets.profit.view Where the user is a member (granted here)',
      'Contacts: contacts.view All (inherited from base)',
    ]);
    expect(result.preview.notGranted).toEqual(['Settings']);
    expect(await failure(session, PREVIEW_REQUEST, { set: 'manger' })).toEqual({
      code: -32602,
      message: `Unknown permission set "manger". Did you mean 'manager'?`,
    });
    expect(await failure(session, PREVIEW_REQUEST, {})).toEqual({
      code: -32602,
      message: 'Unknown permission set null.',
    });
  });
});

describe('permset/explain', () => {
  it('equals `permset explain --format json` on the shipped policies', async () => {
    const s = await shipped();
    const subject = { id: 'c1', can_access_budgets: true };
    const resource = { members: ['c1'], client_access: true };
    const context = { plan: 'professional' };
    const result = await s.client.sendRequest<ExplainResult>(EXPLAIN_REQUEST, {
      set: 'client-manager',
      permission: 'budgets.view',
      subject,
      resource,
      context,
    });
    const cli = await runCli(
      [
        'explain',
        'client-manager',
        'budgets.view',
        '--subject',
        JSON.stringify(subject),
        '--resource',
        JSON.stringify(resource),
        '--context',
        JSON.stringify(context),
        '--format',
        'json',
      ],
      { cwd: REPO },
    );
    expect(cli.code).toBe(0);
    expect(result.explanation).toEqual(JSON.parse(cli.stdout));
    expect(result.request).toEqual({
      subject: { ...subject, set: 'client-manager' },
      permission: 'budgets.view',
      resource: { type: 'budget', ...resource },
      context,
    });
    expect([result.explanation.decision, result.explanation.reason]).toEqual([true, 'granted']);
  });

  it('explains a denial of unsaved text, and an unknown set with suggestions', async () => {
    session = await startSession(memoryProject());
    open(
      session,
      'sets/client.yaml',
      PROJECT['sets/client.yaml']!.replace(
        'resource.client_access and subject.can_access_budgets',
        'resource.client_access',
      ),
    );
    const denied = await session.client.sendRequest<ExplainResult>(EXPLAIN_REQUEST, {
      set: 'client',
      permission: 'budgets.view',
      subject: { id: 'u1' },
      resource: { members: ['u2'], client_access: true },
    });
    expect([denied.explanation.decision, denied.explanation.reason, denied.explanation.grant?.scopes]).toEqual([
      false,
      'conditions-false',
      [{ scope: 'member', when: 'resource.client_access' }],
    ]);
    expect(denied.explanation.evaluations.map((e) => `${e.from} ${e.result}: ${e.detail}`)).toEqual([
      "member false: subject.id ('u1') is not in resource.members (['u2'])",
      'own error: resource.owner is missing',
      'member true: resource.client_access is true',
    ]);
    const unknown = await session.client.sendRequest<ExplainResult>(EXPLAIN_REQUEST, {
      set: 'clint',
      permission: 'budgets.view',
    });
    expect([unknown.explanation.reason, unknown.explanation.suggestions]).toEqual([
      'unknown-set',
      ["did you mean 'client'?"],
    ]);
  });

  it('refuses requests the CLI refuses, with the reason', async () => {
    session = await startSession(memoryProject());
    expect(
      await failure(session, EXPLAIN_REQUEST, { set: 'base', permission: 'budgets.view', subject: { set: 'manager' } }),
    ).toEqual({
      code: -32602,
      message: `The subject sets "set" to "manager", but the set to explain is 'base'.`,
    });
    expect(
      await failure(session, EXPLAIN_REQUEST, { set: 'base', permission: 'budgets.view', resource: ['u1'] }),
    ).toEqual({ code: -32602, message: 'The resource must be a JSON object, like {"id": "u1"}.' });
    expect(await failure(session, EXPLAIN_REQUEST, { set: 'base', permission: '' })).toEqual({
      code: -32602,
      message: 'permset/explain needs a permission (a non-empty string).',
    });
    expect(await failure(session, EXPLAIN_REQUEST, null)).toEqual({
      code: -32602,
      message: 'permset/explain needs a set and a permission.',
    });
  });
});

describe('permset/didCompile', () => {
  it('announces each published check of the workspace', async () => {
    session = await startSession(memoryProject());
    const heard: unknown[] = [];
    // The first check of the workspace is announced too: wait for it (on a loaded machine it can
    // take longer than a short pause; it may also be out before the listener is), then count
    // only what the edit causes.
    const first = new Promise<void>((resolve) => {
      session!.client.onNotification(DID_COMPILE_NOTIFICATION, (p: unknown) => {
        heard.push(p);
        resolve();
      });
    });
    await Promise.race([first, settle(2000)]);
    await settle();
    heard.length = 0;
    open(session, 'sets/base.yaml', PROJECT['sets/base.yaml']!.replace('contacts.view', 'contacts.veiw'));
    await session.next(uriOf('sets/base.yaml'));
    await settle();
    expect(heard).toEqual([{ folderUris: ['file:///ws'] }]);
  });
});

describe('no workspace', () => {
  it('says so instead of answering', async () => {
    session = await startSession(memoryProject(), { capabilities: { workspace: { workspaceFolders: true } } });
    // A session whose only folder was removed: nothing to answer from.
    await session.client.sendNotification('workspace/didChangeWorkspaceFolders', {
      event: { added: [], removed: [{ uri: 'file:///ws', name: 'ws' }] },
    });
    await settle();
    expect(await failure(session, MATRIX_REQUEST, { format: 'html' })).toEqual({
      code: -32600,
      message: 'No permset workspace is open: open a folder that has a policies/ folder or a catalog.',
    });
  });
});

describe('the evaluator behind permset/explain', () => {
  it('runs the generated CommonJS module as a script (no module kept per edit), deciding as the imported ES module does', async () => {
    const files = generateEvaluator(shippedModel());
    const script = evaluatorFromCommonJs(files['evaluator.cjs']);
    const imported = (await import(
      `data:text/javascript;charset=utf-8,${encodeURIComponent(files['evaluator.js'])}`
    )) as typeof script;
    expect(Object.keys(script).sort()).toEqual(Object.keys(imported).sort());
    const requests: [unknown, string, unknown?, unknown?][] = [
      [
        { set: 'client-manager', id: 'c1', can_access_budgets: true },
        'budgets.view',
        { type: 'budget', members: ['c1'], client_access: true },
        { plan: 'professional' },
      ],
      [{ set: 'manager-restricted', id: 'u1' }, 'deals.view', { type: 'deal', members: ['u2'] }],
      [{ set: 'staf' }, 'deals.view'],
      [null, 'x'],
    ];
    for (const [subject, permission, resource, context] of requests) {
      expect(script.explain(subject, permission, resource, context)).toEqual(
        imported.explain(subject, permission, resource, context),
      );
      expect(script.can(subject, permission, resource, context)).toBe(
        imported.can(subject, permission, resource, context),
      );
    }
    expect(script.resourceTypeOf('budgets.view')).toBe('budget');
    expect(script.MODEL_HASH).toBe(imported.MODEL_HASH);
  });
});
