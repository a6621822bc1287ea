import * as vscode from 'vscode';
import {
  BUILDER_REQUEST,
  DEFINITION_TEXT_REQUEST,
  type BuilderBase,
  type BuilderResult,
  type DefinitionTextResult,
} from '../../../lsp/src/server/custom-protocol.js';
import type { ClientSession } from '../client/client-session.js';
import { matrixWebviewHtml } from './matrix-webview-html.js';

/** A message of the builder's webview (see the compiler's runtime/builder/vscode-bridge.ts). */
type BuilderMessage =
  { type: 'permset.ready' } | { type: 'permset.save'; definition: Record<string, unknown>; diagnostics: unknown[] };

/** Where a builder saves: a new file under sets/custom/, or the document of an existing set. */
type SaveTarget = { kind: 'new' } | { kind: 'existing'; setId: string };

/**
 * The custom-set builder in a webview: `<permset-builder>` on the workspace's current policies
 * (unsaved text included), themed with VS Code's colours. Its `save` becomes a file edit: a new
 * `<policy folder>/sets/custom/<id>.yaml`, or a WorkspaceEdit of the existing set's document
 * (undoable like any edit), in the canonical format of `permset fmt`.
 */
export class BuilderView implements vscode.Disposable {
  private readonly panels = new Set<vscode.WebviewPanel>();

  constructor(
    private readonly session: ClientSession,
    private readonly iconPath: vscode.Uri,
  ) {}

  /** "New Custom Set from Base…": asks for a base, then opens the builder on it. */
  async newFromBase(folderUri: string): Promise<void> {
    const result = await this.session.request<BuilderResult>(BUILDER_REQUEST, { uri: folderUri });
    const base = await pickBase(result.bases);
    if (!base) return;
    this.open(result, { id: '', name: '', extends: base.id }, { kind: 'new' }, 'New Custom Set');
  }

  /** "Open in Builder": edits the custom set defined in the file `uri`. */
  async openFile(uri: string): Promise<void> {
    const result = await this.session.request<BuilderResult>(BUILDER_REQUEST, { uri, edit: true });
    const setId = result.existing?.definition['id'];
    if (!result.existing || typeof setId !== 'string')
      throw new Error(`the server did not return the definition of the set in ${uri}`);
    this.open(result, result.existing.definition, { kind: 'existing', setId }, `Builder — ${setId}`);
  }

  private open(result: BuilderResult, definition: Record<string, unknown>, target: SaveTarget, title: string): void {
    const panel = vscode.window.createWebviewPanel('permset.builder', title, vscode.ViewColumn.Active, {
      enableScripts: true,
      retainContextWhenHidden: true,
      localResourceRoots: [],
    });
    panel.iconPath = this.iconPath;
    this.panels.add(panel);
    panel.webview.html = matrixWebviewHtml(result.html, panel.webview.cspSource);
    const subscription = panel.webview.onDidReceiveMessage(async (message: BuilderMessage) => {
      if (message?.type === 'permset.ready') void panel.webview.postMessage({ type: 'permset.load', definition });
      else if (message?.type === 'permset.save' && message.definition && typeof message.definition === 'object') {
        try {
          await this.save(result.folderUri, message.definition, target);
        } catch (e) {
          void vscode.window.showErrorMessage(`Permset: ${(e as Error)?.message ?? String(e)}`);
        }
      }
    });
    panel.onDidDispose(() => {
      this.panels.delete(panel);
      subscription.dispose();
    });
  }

  private async save(folderUri: string, definition: Record<string, unknown>, target: SaveTarget): Promise<void> {
    const { text, uri } = await this.session.request<DefinitionTextResult>(DEFINITION_TEXT_REQUEST, {
      uri: folderUri,
      definition,
    });
    const edit = new vscode.WorkspaceEdit();
    let file: vscode.Uri;
    if (target.kind === 'new') {
      file = vscode.Uri.parse(uri);
      if (await exists(file))
        throw new Error(
          `${vscode.workspace.asRelativePath(file)} already exists: open it in the builder to change it.`,
        );
      edit.createFile(file, { ignoreIfExists: false });
      edit.insert(file, new vscode.Position(0, 0), text);
    } else {
      // The document's range now (it may have been edited since the builder opened).
      const current = await this.session.request<BuilderResult>(BUILDER_REQUEST, { uri: folderUri, set: target.setId });
      const existing = current.existing!;
      file = vscode.Uri.parse(existing.uri);
      const { start, end } = existing.range;
      edit.replace(file, new vscode.Range(start.line, start.character, end.line, end.character), text);
    }
    if (!(await vscode.workspace.applyEdit(edit)))
      throw new Error(`could not edit ${vscode.workspace.asRelativePath(file)}`);
    const document = await vscode.workspace.openTextDocument(file);
    if (target.kind === 'new') await document.save();
    await vscode.window.showTextDocument(document, {
      viewColumn: vscode.ViewColumn.Beside,
      preserveFocus: true,
      preview: false,
    });
    void vscode.window.setStatusBarMessage(
      `Permset: saved ${String(definition['id'])} to ${vscode.workspace.asRelativePath(file)}`,
      5000,
    );
  }

  dispose(): void {
    for (const panel of this.panels) panel.dispose();
  }
}

/** Picks a base: the customizable system sets (a Contractor is listed, and refused, as the product does). */
async function pickBase(bases: readonly BuilderBase[]): Promise<BuilderBase | undefined> {
  const picked = await vscode.window.showQuickPick(
    bases.map((b) => ({
      label: b.name,
      description: b.customizable ? b.id : `${b.id} — cannot be customized`,
      base: b,
    })),
    {
      title: 'Permset: New Custom Set from Base',
      placeHolder: 'The system set the custom set starts from',
      matchOnDescription: true,
    },
  );
  if (picked && !picked.base.customizable) {
    void vscode.window.showWarningMessage(
      `Permset: ${picked.base.name} cannot be customized: its seat allows no custom sets.`,
    );
    return undefined;
  }
  return picked?.base;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
