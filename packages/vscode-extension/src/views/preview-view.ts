import { PREVIEW_REQUEST, type PreviewResult } from '../../../lsp/src/server/custom-protocol.js';
import { PREVIEW_SET_ACTION, previewContent, previewHeader } from './preview-html.js';
import type { ActionMessage, ReportPage } from './report-panel.js';
import { present, ReportViews } from './report-views.js';

/**
 * "Try it out": one preview panel per workspace, showing what a user with the chosen set can do.
 * The set is switched in the panel; it follows every edit of the policies.
 */
export class PreviewView extends ReportViews<string> {
  protected readonly viewType = 'permset.preview';

  /** Shows the preview of `setId` in the project of `uri` (a document or folder; default: the active one). */
  async show(uri: string | undefined, setId: string): Promise<void> {
    const result = await this.session.request<PreviewResult>(PREVIEW_REQUEST, { uri, set: setId });
    const panel = this.panelFor(result.folderUri, setId, title(result));
    present(panel, this.header(result.folderUri, setId), { title: title(result), content: previewContent(result) });
  }

  protected async load(folderUri: string, setId: string): Promise<ReportPage> {
    const result = await this.session.request<PreviewResult>(PREVIEW_REQUEST, { uri: folderUri, set: setId });
    return { title: title(result), content: previewContent(result), header: this.header(folderUri, setId) };
  }

  protected next(message: ActionMessage): string | undefined {
    return message.action === PREVIEW_SET_ACTION && message.value ? message.value : undefined;
  }

  private header(folderUri: string, setId: string): string {
    return previewHeader(this.session.projectFor(folderUri)?.sets ?? [], setId);
  }
}

function title(result: PreviewResult): string {
  return `Preview: ${result.preview.set.name}`;
}
