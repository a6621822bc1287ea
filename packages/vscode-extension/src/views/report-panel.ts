import * as vscode from 'vscode';
import { esc } from './html.js';
import { readOpenLocation } from './location-message.js';
import { openLocation } from './open-location.js';
import { nonce, renderWebviewPage } from './webview-page.js';

/** A `permset.action` message from a view's controls. */
export interface ActionMessage {
  action: string;
  value?: string;
  fields: Record<string, string>;
}

/** What a report shows: its title, its content and, optionally, a new header. */
export interface ReportPage {
  title: string;
  content: string;
  header?: string;
}

/**
 * One webview panel of the preview, explain or diff views: a page from `renderWebviewPage`
 * whose content is reloaded from the server after each check of the project (only while the
 * panel is visible; a hidden one reloads when shown again), links that open policy files, and
 * controls whose messages go to `onAction`.
 */
export class ReportPanel implements vscode.Disposable {
  readonly panel: vscode.WebviewPanel;
  private stale = false;
  private sequence = 0;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    viewType: string,
    title: string,
    private readonly folderUri: string,
    iconPath: vscode.Uri,
    /** Loads the current page from the server (replaceable: the preview switches sets with it). */
    public load: () => Promise<ReportPage>,
    onAction: (message: ActionMessage) => void,
    onDispose: () => void,
  ) {
    this.panel = vscode.window.createWebviewPanel(
      viewType,
      title,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, retainContextWhenHidden: true, localResourceRoots: [] },
    );
    this.panel.iconPath = iconPath;
    this.subscriptions.push(
      this.panel.webview.onDidReceiveMessage((message: unknown) => {
        const at = readOpenLocation(message);
        if (at) void openLocation(this.folderUri, at, this.panel.viewColumn);
        else {
          const action = readAction(message);
          if (action) onAction(action);
        }
      }),
      this.panel.onDidChangeViewState((e) => {
        if (e.webviewPanel.visible && this.stale) void this.refresh();
      }),
      this.panel.onDidDispose(() => {
        for (const s of this.subscriptions) s.dispose();
        onDispose();
      }),
    );
  }

  /** Renders the whole page (a new header and content). */
  setPage(header: string, page: ReportPage): void {
    this.sequence++;
    this.panel.title = page.title;
    this.panel.webview.html = renderWebviewPage({
      title: page.title,
      header,
      content: page.content,
      nonce: nonce(),
      cspSource: this.panel.webview.cspSource,
    });
  }

  /** Reloads the content (keeping the header, forms and scroll position); later reloads win. */
  async refresh(): Promise<void> {
    if (!this.panel.visible) {
      this.stale = true;
      return;
    }
    this.stale = false;
    const sequence = ++this.sequence;
    let page: ReportPage;
    try {
      page = await this.load();
    } catch (e) {
      page = { title: this.panel.title, content: errorContent(e) };
    }
    if (sequence !== this.sequence) return;
    this.panel.title = page.title;
    void this.panel.webview.postMessage({
      type: 'permset.update',
      content: page.content,
      ...(page.header !== undefined ? { header: page.header } : {}),
    });
  }

  /** Shows a problem in place of the content (a bad input, a refused request). */
  showError(e: unknown): void {
    this.sequence++;
    void this.panel.webview.postMessage({ type: 'permset.update', content: errorContent(e) });
  }

  dispose(): void {
    this.panel.dispose();
  }
}

/** A banner with an error's message (the server's messages are meant for people). */
export function errorContent(e: unknown): string {
  const message =
    e instanceof Error
      ? e.message
      : typeof e === 'object' && e && 'message' in e
        ? String((e as { message: unknown }).message)
        : String(e);
  return `<div class="banner error" role="alert">${esc(message)}</div>`;
}

function readAction(message: unknown): ActionMessage | undefined {
  if (!message || typeof message !== 'object') return undefined;
  const m = message as Record<string, unknown>;
  if (m['type'] !== 'permset.action' || typeof m['action'] !== 'string') return undefined;
  const fields: Record<string, string> = {};
  const raw = m['fields'];
  if (raw && typeof raw === 'object')
    for (const [k, v] of Object.entries(raw)) if (typeof v === 'string') fields[k] = v;
  return { action: m['action'], ...(typeof m['value'] === 'string' ? { value: m['value'] } : {}), fields };
}
