import type * as vscode from 'vscode';
import type { ClientSession } from '../client/client-session.js';
import { ReportPanel, type ActionMessage, type ReportPage } from './report-panel.js';

/**
 * The bookkeeping the preview, explain and diff views share: one `ReportPanel` per workspace
 * folder, created on first show, closed with the view, refreshed after every check; each panel
 * holds its view's `State` (the previewed set, the explained request, the compared revision),
 * which the panel's controls change. A subclass says how a state loads and what a control asks.
 */
export abstract class ReportViews<State> implements vscode.Disposable {
  private readonly panels = new Map<string, { panel: ReportPanel; state: State }>();
  private readonly subscription: vscode.Disposable;
  /** The webview type of the panels (`permset.preview`, …). */
  protected abstract readonly viewType: string;

  constructor(
    protected readonly session: ClientSession,
    private readonly iconPath: vscode.Uri,
  ) {
    this.subscription = session.onDidCompile(() => {
      for (const { panel } of this.panels.values()) void panel.refresh();
    });
  }

  /** The page of `state` in the project of `folderUri`, for a refresh. */
  protected abstract load(folderUri: string, state: State): Promise<ReportPage>;

  /**
   * The state a control of the panel asks for (which then refreshes), or undefined to keep the
   * current one (an unrelated message, or a bad input the view showed on `panel`).
   */
  protected abstract next(
    message: ActionMessage,
    current: State,
    panel: ReportPanel,
    folderUri: string,
  ): State | undefined;

  /** The panel of `folderUri`, now showing `state`; created (titled `title`) on first use. */
  protected panelFor(folderUri: string, state: State, title: string): ReportPanel {
    let entry = this.panels.get(folderUri);
    if (!entry) {
      const created: { panel: ReportPanel; state: State } = {
        state,
        panel: new ReportPanel(
          this.viewType,
          title,
          folderUri,
          this.iconPath,
          () => this.load(folderUri, created.state),
          (message) => {
            const next = this.next(message, created.state, created.panel, folderUri);
            if (next === undefined) return;
            created.state = next;
            void created.panel.refresh();
          },
          () => this.panels.delete(folderUri),
        ),
      };
      entry = created;
      this.panels.set(folderUri, entry);
    }
    entry.state = state;
    return entry.panel;
  }

  dispose(): void {
    this.subscription.dispose();
    for (const { panel } of this.panels.values()) panel.dispose();
  }
}

/** Renders a whole page in `panel` and brings it to the front without taking the focus. */
export function present(panel: ReportPanel, header: string, page: ReportPage): void {
  panel.setPage(header, page);
  panel.panel.reveal(undefined, true);
}
