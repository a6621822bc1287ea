import * as vscode from 'vscode';
import { PREVIEW_REQUEST, type PreviewResult } from '../../../lsp/src/server/custom-protocol.js';
import type { ClientSession } from '../client/client-session.js';
import { PREVIEW_SET_ACTION, previewContent, previewHeader } from './preview-html.js';
import { ReportPanel, type ReportPage } from './report-panel.js';

/**
 * "Try it out": one preview panel per workspace, showing what a user with the chosen set can do.
 * The set is switched in the panel; it follows every edit of the policies.
 */
export class PreviewView implements vscode.Disposable {
  private readonly panels = new Map<string, { panel: ReportPanel; set: string }>();
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly session: ClientSession,
    private readonly iconPath: vscode.Uri,
  ) {
    this.subscription = session.onDidCompile(() => {
      for (const { panel } of this.panels.values()) void panel.refresh();
    });
  }

  /** Shows the preview of `setId` in the project of `uri` (a document or folder; default: the active one). */
  async show(uri: string | undefined, setId: string): Promise<void> {
    const result = await this.session.request<PreviewResult>(PREVIEW_REQUEST, { uri, set: setId });
    const folderUri = result.folderUri;
    let entry = this.panels.get(folderUri);
    if (!entry) {
      const created: { panel: ReportPanel; set: string } = {
        set: setId,
        panel: new ReportPanel(
          'permset.preview',
          title(result),
          folderUri,
          this.iconPath,
          () => this.load(folderUri, created.set),
          (message) => {
            if (message.action === PREVIEW_SET_ACTION && message.value) {
              created.set = message.value;
              void created.panel.refresh();
            }
          },
          () => this.panels.delete(folderUri),
        ),
      };
      entry = created;
      this.panels.set(folderUri, entry);
    }
    entry.set = setId;
    entry.panel.setPage(this.header(folderUri, setId), { title: title(result), content: previewContent(result) });
    entry.panel.panel.reveal(undefined, true);
  }

  private async load(folderUri: string, setId: string): Promise<ReportPage> {
    const result = await this.session.request<PreviewResult>(PREVIEW_REQUEST, { uri: folderUri, set: setId });
    return { title: title(result), content: previewContent(result), header: this.header(folderUri, setId) };
  }

  private header(folderUri: string, setId: string): string {
    return previewHeader(this.session.projectFor(folderUri)?.sets ?? [], setId);
  }

  dispose(): void {
    this.subscription.dispose();
    for (const { panel } of this.panels.values()) panel.dispose();
  }
}

function title(result: PreviewResult): string {
  return `Preview: ${result.preview.set.name}`;
}
