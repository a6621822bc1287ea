import * as vscode from 'vscode';
import { DIFF_REQUEST, type DiffResult } from '../../../lsp/src/server/custom-protocol.js';
import type { ClientSession } from '../client/client-session.js';
import { DIFF_COMPARE_ACTION, diffContent, diffHeader } from './diff-html.js';
import { ReportPanel, type ReportPage } from './report-panel.js';

/**
 * "Compare with git HEAD (or any ref)": the `permset diff` report of the working tree (unsaved
 * text included) against a revision, so a reviewer sees who gains what before committing. One
 * panel per workspace, refreshed after every check; its field compares with another revision.
 */
export class DiffView implements vscode.Disposable {
  private readonly panels = new Map<string, { panel: ReportPanel; ref: string }>();
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly session: ClientSession,
    private readonly iconPath: vscode.Uri,
  ) {
    this.subscription = session.onDidCompile(() => {
      for (const { panel } of this.panels.values()) void panel.refresh();
    });
  }

  /** Compares the project of `folderUri` with `ref`. */
  async show(folderUri: string, ref: string): Promise<void> {
    const result = await this.session.request<DiffResult>(DIFF_REQUEST, { uri: folderUri, ref });
    let entry = this.panels.get(result.folderUri);
    if (!entry) {
      const created: { panel: ReportPanel; ref: string } = {
        ref,
        panel: new ReportPanel(
          'permset.diff',
          title(result),
          result.folderUri,
          this.iconPath,
          () => this.load(result.folderUri, created.ref),
          (message) => {
            const next = message.fields['ref']?.trim();
            if (message.action !== DIFF_COMPARE_ACTION || !next) return;
            created.ref = next;
            void created.panel.refresh();
          },
          () => this.panels.delete(result.folderUri),
        ),
      };
      entry = created;
      this.panels.set(result.folderUri, entry);
    }
    entry.ref = ref;
    entry.panel.setPage(diffHeader(ref), { title: title(result), content: diffContent(result, await renderMarkdown(result.markdown)) });
    entry.panel.panel.reveal(undefined, true);
  }

  private async load(folderUri: string, ref: string): Promise<ReportPage> {
    const result = await this.session.request<DiffResult>(DIFF_REQUEST, { uri: folderUri, ref });
    return { title: title(result), content: diffContent(result, await renderMarkdown(result.markdown)) };
  }

  dispose(): void {
    this.subscription.dispose();
    for (const { panel } of this.panels.values()) panel.dispose();
  }
}

/** The report through VS Code's own Markdown engine (the built-in Markdown extension); undefined without it. */
async function renderMarkdown(markdown: string): Promise<string | undefined> {
  try {
    const html = await vscode.commands.executeCommand<string>('markdown.api.render', markdown);
    return typeof html === 'string' ? html : undefined;
  } catch {
    return undefined;
  }
}

function title(result: DiffResult): string {
  return `Diff: ${result.base} → ${result.head}`;
}
