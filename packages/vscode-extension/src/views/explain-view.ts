import * as vscode from 'vscode';
import { EXPLAIN_REQUEST, type ExplainResult } from '../../../lsp/src/server/custom-protocol.js';
import type { ClientSession } from '../client/client-session.js';
import { explainParams as toParams } from '../commands/json-input.js';
import { EXPLAIN_ACTION, explainContent, explainHeader, type ExplainForm } from './explain-html.js';
import { ReportPanel, type ReportPage } from './report-panel.js';

/**
 * The explanation of one request (set, permission, subject, resource, context) by the project's
 * generated evaluator, in one panel per workspace whose form explains another request, and which
 * explains again after every edit of the policies.
 */
export class ExplainView implements vscode.Disposable {
  private readonly panels = new Map<string, { panel: ReportPanel; form: ExplainForm }>();
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly session: ClientSession,
    private readonly iconPath: vscode.Uri,
  ) {
    this.subscription = session.onDidCompile(() => {
      for (const { panel } of this.panels.values()) void panel.refresh();
    });
  }

  /** Explains `form` in the project of `folderUri`. Throws (for the command to show) on bad input. */
  async show(folderUri: string, form: ExplainForm): Promise<void> {
    const result = await this.session.request<ExplainResult>(EXPLAIN_REQUEST, toParams(folderUri, form));
    let entry = this.panels.get(result.folderUri);
    if (!entry) {
      const created: { panel: ReportPanel; form: ExplainForm } = {
        form,
        panel: new ReportPanel(
          'permset.explain',
          title(form),
          result.folderUri,
          this.iconPath,
          () => this.load(result.folderUri, created.form),
          (message) => {
            if (message.action !== EXPLAIN_ACTION) return;
            const next: ExplainForm = {
              set: message.fields['set'] ?? created.form.set,
              permission: message.fields['permission'] ?? created.form.permission,
              subject: message.fields['subject'] ?? '',
              resource: message.fields['resource'] ?? '',
              context: message.fields['context'] ?? '',
            };
            try {
              toParams(result.folderUri, next);
            } catch (e) {
              created.panel.showError(e);
              return;
            }
            created.form = next;
            void created.panel.refresh();
          },
          () => this.panels.delete(result.folderUri),
        ),
      };
      entry = created;
      this.panels.set(result.folderUri, entry);
    }
    entry.form = form;
    const project = this.session.projectFor(result.folderUri);
    entry.panel.setPage(explainHeader(project?.sets ?? [], project?.permissions ?? [], form), { title: title(form), content: explainContent(result) });
    entry.panel.panel.reveal(undefined, true);
  }

  private async load(folderUri: string, form: ExplainForm): Promise<ReportPage> {
    const result = await this.session.request<ExplainResult>(EXPLAIN_REQUEST, toParams(folderUri, form));
    return { title: title(form), content: explainContent(result) };
  }

  dispose(): void {
    this.subscription.dispose();
    for (const { panel } of this.panels.values()) panel.dispose();
  }
}

function title(form: ExplainForm): string {
  return `Explain: ${form.set} · ${form.permission}`;
}
