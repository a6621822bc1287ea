import * as vscode from 'vscode';
import type { ClientSession } from '../client/client-session.js';
import { countDiagnostics } from './diagnostic-counts.js';
import { statusPresentation } from './status-presentation.js';

/**
 * The status bar item of the project: a spinner while the workspace is first checked, then the
 * errors and warnings of our diagnostics (`vscode.languages.getDiagnostics()`, source
 * `permset`), which opens the Problems view; the server's state when it is not running.
 */
export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('permset.status', vscode.StatusBarAlignment.Left, -10);
  private readonly subscriptions: vscode.Disposable[];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly session: ClientSession) {
    this.item.name = 'Permset';
    this.subscriptions = [
      session.onDidChangeState(() => this.update()),
      session.onDidChangeStatus(() => this.update()),
      // Diagnostics change in bursts (one file at a time): one update per burst.
      vscode.languages.onDidChangeDiagnostics(() => this.schedule()),
    ];
    this.update();
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.update();
    }, 50);
  }

  private update(): void {
    const p = statusPresentation(
      this.session.state,
      countDiagnostics(vscode.languages.getDiagnostics()),
      this.session.status?.projects,
    );
    this.item.text = p.text;
    this.item.tooltip = new vscode.MarkdownString(p.tooltip);
    this.item.accessibilityInformation = { label: p.accessibilityLabel };
    this.item.command = p.command;
    this.item.backgroundColor = p.tone === 'error' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const s of this.subscriptions) s.dispose();
    this.item.dispose();
  }
}
