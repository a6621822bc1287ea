import * as vscode from 'vscode';
import { MATRIX_REQUEST, type MatrixResult } from '../../../lsp/src/server/custom-protocol.js';
import type { ClientSession } from '../client/client-session.js';
import { readOpenLocation } from './location-message.js';
import { matrixWebviewHtml } from './matrix-webview-html.js';
import { openLocation } from './open-location.js';

interface MatrixPanel {
  panel: vscode.WebviewPanel;
  stale: boolean;
  sequence: number;
}

/**
 * The access matrix of a workspace's current policies (unsaved text included) in a webview:
 * the HTML report of `permset matrix --format html`, which in a webview posts
 * `permset.openLocation` when a cell, set or permission is clicked (the extension opens the
 * line) and re-renders, keeping its filters, on `permset.render` (sent after every check of the
 * project). One panel per workspace folder.
 */
export class MatrixView implements vscode.Disposable {
  private readonly panels = new Map<string, MatrixPanel>();
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly session: ClientSession,
    private readonly iconPath: vscode.Uri,
  ) {
    this.subscription = session.onDidCompile(() => {
      for (const [folderUri, entry] of this.panels) void this.refresh(folderUri, entry);
    });
  }

  /** Shows the matrix of the project of `uri` (a document or folder; default: the active one). */
  async show(uri: string | undefined): Promise<void> {
    const result = await this.session.request<MatrixResult>(MATRIX_REQUEST, { uri, format: 'html' });
    const existing = this.panels.get(result.folderUri);
    if (existing) {
      existing.panel.reveal(undefined, false);
      await this.refresh(result.folderUri, existing);
      return;
    }
    const panel = vscode.window.createWebviewPanel('permset.matrix', this.title(result), vscode.ViewColumn.Beside, {
      enableScripts: true,
      retainContextWhenHidden: true,
      localResourceRoots: [],
    });
    panel.iconPath = this.iconPath;
    const entry: MatrixPanel = { panel, stale: false, sequence: 0 };
    this.panels.set(result.folderUri, entry);
    panel.webview.html = matrixWebviewHtml(result.html ?? '', panel.webview.cspSource);
    const subscriptions = [
      panel.webview.onDidReceiveMessage((message: unknown) => {
        const at = readOpenLocation(message);
        if (at) void openLocation(result.folderUri, at, panel.viewColumn);
      }),
      panel.onDidChangeViewState((e) => {
        if (e.webviewPanel.visible && entry.stale) void this.refresh(result.folderUri, entry);
      }),
    ];
    panel.onDidDispose(() => {
      this.panels.delete(result.folderUri);
      for (const s of subscriptions) s.dispose();
    });
  }

  private async refresh(folderUri: string, entry: MatrixPanel): Promise<void> {
    if (!entry.panel.visible) {
      entry.stale = true;
      return;
    }
    entry.stale = false;
    const sequence = ++entry.sequence;
    try {
      const result = await this.session.request<MatrixResult>(MATRIX_REQUEST, { uri: folderUri, format: 'data' });
      if (sequence !== entry.sequence || !this.panels.has(folderUri)) return;
      entry.panel.title = this.title(result);
      void entry.panel.webview.postMessage({ type: 'permset.render', data: result.matrix });
    } catch (e) {
      this.session.output.appendLine(`permset: refreshing the access matrix: ${(e as Error)?.message ?? String(e)}`);
    }
  }

  private title(result: MatrixResult): string {
    const folders = vscode.workspace.workspaceFolders ?? [];
    const folder = folders.length > 1 ? folders.find((f) => f.uri.toString() === result.folderUri)?.name : undefined;
    return `Access Matrix${folder ? ` — ${folder}` : ''}${result.errors > 0 ? ` (${result.errors} error${result.errors === 1 ? '' : 's'})` : ''}`;
  }

  dispose(): void {
    this.subscription.dispose();
    for (const { panel } of this.panels.values()) panel.dispose();
  }
}
