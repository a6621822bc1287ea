import { EXPLAIN_REQUEST, type ExplainResult } from '../../../lsp/src/server/custom-protocol.js';
import { explainParams as toParams } from '../commands/json-input.js';
import { EXPLAIN_ACTION, explainContent, explainHeader, type ExplainForm } from './explain-html.js';
import type { ActionMessage, ReportPage, ReportPanel } from './report-panel.js';
import { present, ReportViews } from './report-views.js';

/**
 * The explanation of one request (set, permission, subject, resource, context) by the project's
 * generated evaluator, in one panel per workspace whose form explains another request, and which
 * explains again after every edit of the policies.
 */
export class ExplainView extends ReportViews<ExplainForm> {
  protected readonly viewType = 'permset.explain';

  /** Explains `form` in the project of `folderUri`. Throws (for the command to show) on bad input. */
  async show(folderUri: string, form: ExplainForm): Promise<void> {
    const result = await this.session.request<ExplainResult>(EXPLAIN_REQUEST, toParams(folderUri, form));
    const panel = this.panelFor(result.folderUri, form, title(form));
    const project = this.session.projectFor(result.folderUri);
    present(panel, explainHeader(project?.sets ?? [], project?.permissions ?? [], form), {
      title: title(form),
      content: explainContent(result),
    });
  }

  protected async load(folderUri: string, form: ExplainForm): Promise<ReportPage> {
    const result = await this.session.request<ExplainResult>(EXPLAIN_REQUEST, toParams(folderUri, form));
    return { title: title(form), content: explainContent(result) };
  }

  protected next(
    message: ActionMessage,
    current: ExplainForm,
    panel: ReportPanel,
    folderUri: string,
  ): ExplainForm | undefined {
    if (message.action !== EXPLAIN_ACTION) return undefined;
    const next: ExplainForm = {
      set: message.fields['set'] ?? current.set,
      permission: message.fields['permission'] ?? current.permission,
      subject: message.fields['subject'] ?? '',
      resource: message.fields['resource'] ?? '',
      context: message.fields['context'] ?? '',
    };
    try {
      toParams(folderUri, next);
    } catch (e) {
      panel.showError(e);
      return undefined;
    }
    return next;
  }
}

function title(form: ExplainForm): string {
  return `Explain: ${form.set} · ${form.permission}`;
}
