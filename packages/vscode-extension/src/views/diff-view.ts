import * as vscode from 'vscode';
import { DIFF_REQUEST, type DiffResult } from '../../../lsp/src/server/custom-protocol.js';
import { gitAllowed, UNTRUSTED_GIT_MESSAGE } from '../client/git-trust.js';
import { DIFF_COMPARE_ACTION, diffContent, diffHeader } from './diff-html.js';
import type { ActionMessage, ReportPage } from './report-panel.js';
import { present, ReportViews } from './report-views.js';

/**
 * "Compare with git HEAD (or any ref)": the `permset diff` report of the working tree (unsaved
 * text included) against a revision, so a reviewer sees who gains what before committing. One
 * panel per workspace, refreshed after every check; its field compares with another revision.
 */
export class DiffView extends ReportViews<string> {
  protected readonly viewType = 'permset.diff';

  /** Compares the project of `folderUri` with `ref`. */
  async show(folderUri: string, ref: string): Promise<void> {
    const result = await this.diff(folderUri, ref);
    const panel = this.panelFor(result.folderUri, ref, title(result));
    present(panel, diffHeader(ref), {
      title: title(result),
      content: diffContent(result, await renderMarkdown(result.markdown)),
    });
  }

  protected async load(folderUri: string, ref: string): Promise<ReportPage> {
    const result = await this.diff(folderUri, ref);
    return { title: title(result), content: diffContent(result, await renderMarkdown(result.markdown)) };
  }

  /**
   * The one place the extension asks for a diff, which runs git: never in Restricted Mode (the
   * commands check first; this also covers the panel's own Compare button and its refreshes).
   */
  private async diff(folderUri: string, ref: string): Promise<DiffResult> {
    if (!gitAllowed(vscode.workspace.isTrusted)) throw new Error(UNTRUSTED_GIT_MESSAGE.replace(/^Permset: /, ''));
    return this.session.request<DiffResult>(DIFF_REQUEST, { uri: folderUri, ref });
  }

  protected next(message: ActionMessage): string | undefined {
    const ref = message.fields['ref']?.trim();
    return message.action === DIFF_COMPARE_ACTION && ref ? ref : undefined;
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
