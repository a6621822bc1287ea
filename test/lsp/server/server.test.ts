import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryFileSystem } from '../../../packages/compiler/src/fs/index.js';
import { NodeFileSystem } from '../../../packages/compiler/src/node/index.js';
import { PROJECT, ROOT, cursor, uriOf } from '../helpers.js';
import { settle, startSession, type Session } from './lsp-session.js';

const memoryProject = (extra: Record<string, string> = {}) =>
  new MemoryFileSystem({
    ...Object.fromEntries(Object.entries({ ...PROJECT, ...extra }).map(([k, v]) => [`${ROOT}/${k}`, v])),
    '/ws/ci.yml': 'on: push\n',
  });

let session: Session | undefined;
afterEach(() => {
  session?.dispose();
  session = undefined;
});

function open(s: Session, relative: string, text: string, version = 1): void {
  void s.client.sendNotification('textDocument/didOpen', {
    textDocument: { uri: uriOf(relative), languageId: 'yaml', version, text },
  });
}

function change(s: Session, relative: string, text: string, version: number): void {
  void s.client.sendNotification('textDocument/didChange', {
    textDocument: { uri: uriOf(relative), version },
    contentChanges: [{ text }],
  });
}

describe('server: diagnostics', () => {
  it('publishes nothing for a clean workspace, then the errors of an unsaved edit, then clears them', async () => {
    session = await startSession(memoryProject());
    await settle();
    expect(session.published).toEqual([]);
    const base = uriOf('sets/base.yaml');
    open(session, 'sets/base.yaml', PROJECT['sets/base.yaml']!.replace('contacts.view', 'contacts.veiw'));
    const broken = await session.next(base);
    expect(broken.version).toBe(1);
    expect(broken.diagnostics.map((d) => `${d.range.start.line}:${d.code}`)).toEqual(['6:unknown-permission']);
    change(session, 'sets/base.yaml', PROJECT['sets/base.yaml']!, 2);
    expect((await session.next(base)).diagnostics).toEqual([]);
  });

  it('re-checks closed files that inherit from an edited base, and clears them when fixed', async () => {
    session = await startSession(memoryProject());
    open(session, 'sets/base.yaml', PROJECT['sets/base.yaml']!);
    const manager = uriOf('sets/manager.yaml');
    const waiting = session.next(manager);
    change(session, 'sets/base.yaml', PROJECT['sets/base.yaml']!.replace('id: base', 'id: employee-base'), 2);
    const p = await waiting;
    expect(p.version).toBeUndefined();
    expect(p.diagnostics.map((d) => `${d.range.start.line}:${d.code}`)).toEqual(['3:unknown-base']);
    const cleared = session.next(manager);
    change(session, 'sets/base.yaml', PROJECT['sets/base.yaml']!, 3);
    expect((await cleared).diagnostics).toEqual([]);
  });

  it('compiles only the latest text of a burst of edits (debounced; no stale publish)', async () => {
    session = await startSession(memoryProject(), { debounceMs: 80 });
    const base = uriOf('sets/base.yaml');
    open(session, 'sets/base.yaml', PROJECT['sets/base.yaml']!);
    for (let v = 2; v <= 12; v++)
      change(session, 'sets/base.yaml', PROJECT['sets/base.yaml']!.replace('contacts.view', `contacts.view${v}`), v);
    const p = await session.next(base);
    expect(p.version).toBe(12);
    expect(p.diagnostics.map((d) => d.message)).toEqual([
      "Unknown permission 'contacts.view12'. Did you mean 'contacts.view'?",
    ]);
    await settle(200);
    expect(session.published.filter((x) => x.uri === base)).toHaveLength(1);
  });

  it('leaves non-policy YAML files alone', async () => {
    session = await startSession(memoryProject());
    open(session, 'notes.yaml', 'title: [unclosed\n');
    void session.client.sendNotification('textDocument/didOpen', {
      textDocument: { uri: 'file:///ws/ci.yml', languageId: 'yaml', version: 1, text: 'on: [\n' },
    });
    await settle(150);
    expect(session.published).toEqual([]);
  });

  it('reads policy files from the policyFolder setting', async () => {
    const fs = new MemoryFileSystem(
      Object.fromEntries(
        Object.entries(PROJECT).map(([k, v]) => [
          `/ws/rbac/${k}`,
          v.replace('contacts.view: all', 'contacts.veiw: all'),
        ]),
      ),
    );
    session = await startSession(fs, { initializationOptions: { permset: { policyFolder: 'rbac' } } });
    const p = await session.next('file:///ws/rbac/sets/base.yaml');
    expect(p.diagnostics.map((d) => d.code)).toEqual(['unknown-permission']);
  });

  it('follows files created, changed and deleted on disk', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'permset-lsp-'));
    try {
      for (const [rel, text] of Object.entries(PROJECT)) {
        mkdirSync(join(dir, 'policies', rel, '..'), { recursive: true });
        writeFileSync(join(dir, 'policies', rel), text);
      }
      session = await startSession(new NodeFileSystem(), { folder: pathToFileURL(dir).href });
      await settle();
      const file = join(dir, 'policies', 'sets', 'extra.yaml');
      const uri = pathToFileURL(file).href;
      writeFileSync(file, 'kind: PermissionSet\nid: extra\nname: Extra\nextends: nobody\n');
      void session.client.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 1 }] });
      expect((await session.next(uri)).diagnostics.map((d) => d.code)).toEqual(['unknown-base']);
      rmSync(file);
      void session.client.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 3 }] });
      expect((await session.next(uri)).diagnostics).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('server: requests', () => {
  it('answers hover, completion, definition, references, symbols and formatting', async () => {
    session = await startSession(memoryProject());
    const { text, position } = cursor(PROJECT['sets/manager.yaml']!.replace('extends: base', 'extends: ba<|>se'));
    open(session, 'sets/manager.yaml', text);
    const uri = uriOf('sets/manager.yaml');
    const hover = await session.client.sendRequest<{ contents: { value: string } }>('textDocument/hover', {
      textDocument: { uri },
      position,
    });
    expect(hover.contents.value.split('\n')[0]).toBe('**Base** `base`');
    const completion = await session.client.sendRequest<{ items: { label: string }[] }>('textDocument/completion', {
      textDocument: { uri },
      position,
    });
    expect(completion.items.map((i) => i.label)).toEqual(['base', 'client']);
    const definition = await session.client.sendRequest<{ uri: string }[]>('textDocument/definition', {
      textDocument: { uri },
      position,
    });
    expect(definition.map((d) => d.uri)).toEqual([uriOf('sets/base.yaml')]);
    const references = await session.client.sendRequest<{ uri: string }[]>('textDocument/references', {
      textDocument: { uri },
      position,
      context: { includeDeclaration: true },
    });
    expect(references.map((d) => d.uri)).toEqual([uriOf('sets/base.yaml'), uri]);
    const symbols = await session.client.sendRequest<{ name: string }[]>('textDocument/documentSymbol', {
      textDocument: { uri },
    });
    expect(symbols.map((s) => s.name)).toEqual(['manager']);
    const formatting = await session.client.sendRequest<unknown[]>('textDocument/formatting', {
      textDocument: { uri },
      options: { tabSize: 2, insertSpaces: true },
    });
    expect(formatting).toEqual([]);
    const tokens = await session.client.sendRequest<{ data: number[] }>('textDocument/semanticTokens/full', {
      textDocument: { uri: uriOf('sets/client.yaml') },
    });
    expect(tokens.data.length).toBe(25);
  });

  it('renames across the workspace, and refuses an invalid name with a ResponseError', async () => {
    session = await startSession(memoryProject());
    const { text, position } = cursor(PROJECT['sets/base.yaml']!.replace('id: base', 'id: ba<|>se'));
    open(session, 'sets/base.yaml', text);
    const uri = uriOf('sets/base.yaml');
    const edit = await session.client.sendRequest<{ changes: Record<string, unknown[]> }>('textDocument/rename', {
      textDocument: { uri },
      position,
      newName: 'staff',
    });
    expect(Object.keys(edit.changes).sort()).toEqual([uri, uriOf('sets/manager.yaml')]);
    await expect(
      session.client.sendRequest('textDocument/rename', { textDocument: { uri }, position, newName: 'Not Valid' }),
    ).rejects.toMatchObject({
      code: -32602,
      message:
        "'Not Valid' is not a valid permission set name: a permission set id: kebab-case, starting with a letter (`manager-restricted`).",
    });
  });

  it('turns a published diagnostic into a quick fix the client can apply', async () => {
    session = await startSession(memoryProject());
    const uri = uriOf('sets/manager.yaml');
    open(session, 'sets/manager.yaml', PROJECT['sets/manager.yaml']!.replace('[budget-admin]', '[budget-admn]'));
    const p = await session.next(uri);
    const actions = await session.client.sendRequest<{ title: string }[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: p.diagnostics[0]!.range,
      context: { diagnostics: p.diagnostics },
    });
    expect(actions.map((a) => a.title)).toEqual(["Replace with 'budget-admin'", "Create fragment 'budget-admn'"]);
  });

  it('runs the preview command: returns the Markdown and shows it as a message to a client without showDocument', async () => {
    session = await startSession(memoryProject());
    const uri = uriOf('sets/manager.yaml');
    const lenses = await session.client.sendRequest<{ command: { command: string; arguments: unknown[] } }[]>(
      'textDocument/codeLens',
      { textDocument: { uri } },
    );
    expect(lenses).toHaveLength(2);
    const md = await session.client.sendRequest<string>('workspace/executeCommand', {
      command: lenses[1]!.command.command,
      arguments: lenses[1]!.command.arguments,
    });
    expect(md.split('\n')[0]).toBe('**Manager** `manager`');
    await settle(20);
    expect(session.messages.map((m) => m.message.split('\n')[0])).toEqual(['Manager manager']);
    await expect(
      session.client.sendRequest('workspace/executeCommand', {
        command: 'permset.showEffectivePermissions',
        arguments: [uri, 'nobody'],
      }),
    ).rejects.toMatchObject({ message: "No permission set 'nobody'." });
  });

  it('answers requests about files it does not handle with empty results', async () => {
    session = await startSession(memoryProject());
    const uri = 'file:///elsewhere/x.yaml';
    expect(
      await session.client.sendRequest('textDocument/hover', {
        textDocument: { uri },
        position: { line: 0, character: 0 },
      }),
    ).toBeNull();
    expect(
      await session.client.sendRequest('textDocument/completion', {
        textDocument: { uri },
        position: { line: 0, character: 0 },
      }),
    ).toEqual({ isIncomplete: false, items: [] });
    expect(
      await session.client.sendRequest('textDocument/definition', {
        textDocument: { uri },
        position: { line: 0, character: 0 },
      }),
    ).toEqual([]);
  });
});
