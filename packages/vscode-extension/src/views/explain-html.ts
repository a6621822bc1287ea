import type { ExplainResult, PermissionInfo, SetInfo } from '../../../lsp/src/server/custom-protocol.js';
import { esc, locLink } from './html.js';
import { errorsBanner } from './preview-html.js';

/** The action the explain form's button posts. */
export const EXPLAIN_ACTION = 'explain.run';

/** What the explain form holds (kept across live updates). */
export interface ExplainForm {
  set: string;
  permission: string;
  subject: string;
  resource: string;
  context: string;
}

/** The explain view's form: set, permission and the request's JSON, and a button to explain again. */
export function explainHeader(
  sets: readonly SetInfo[],
  permissions: readonly PermissionInfo[],
  form: ExplainForm,
): string {
  const setOptions = sets
    .map((s) => `<option value="${esc(s.id)}"${s.id === form.set ? ' selected' : ''}>${esc(s.id)}</option>`)
    .join('');
  const permissionOptions = permissions
    .map(
      (p) =>
        `<option value="${esc(p.id)}"${p.id === form.permission ? ' selected' : ''}>${esc(p.id)} — ${esc(p.label)}</option>`,
    )
    .join('');
  const area = (name: keyof ExplainForm, label: string, placeholder: string) =>
    `<label>${esc(label)}<textarea data-field="${name}" spellcheck="false" placeholder="${esc(placeholder)}">${esc(form[name])}</textarea></label>`;
  return `<div class="toolbar">
<label>Set<select data-field="set">${setOptions}</select></label>
<label>Permission<select data-field="permission">${permissionOptions}</select></label>
${area('subject', 'Subject (JSON)', '{"id": "u1"}')}
${area('resource', 'Resource (JSON)', '{"owner": "u1", "members": ["u1"]}')}
${area('context', 'Context (JSON)', '{}')}
<button type="button" data-post="${EXPLAIN_ACTION}">Explain</button>
</div>`;
}

/** The explanation: the verdict, the grant and its chain (with links), each condition evaluated, what is missing. */
export function explainContent(result: ExplainResult): string {
  const ex = result.explanation;
  const out: string[] = [];
  const verdict = ex.decision ? '<span class="allowed">ALLOWED</span>' : '<span class="denied">DENIED</span>';
  out.push(`<h1 id="verdict">${verdict} <span class="muted">(${esc(ex.reason)})</span></h1>`);
  out.push(`<p id="message">${esc(ex.message.replace(/^(Allowed|Denied): /, ''))}</p>`);
  out.push(errorsBanner(result.errors));
  const req = result.request;
  out.push(
    `<p class="meta">Request: subject <code>${esc(JSON.stringify(req.subject))}</code> · permission <code>${esc(req.permission)}</code>` +
      `${req.resource ? ` · resource <code>${esc(JSON.stringify(req.resource))}</code>` : ''}${req.context ? ` · context <code>${esc(JSON.stringify(req.context))}</code>` : ''}</p>`,
  );
  const g = ex.grant;
  if (g) {
    out.push('<h2>Grant</h2><ul class="plain">');
    out.push(
      `<li><code>${esc(g.permission)}</code>: ${g.scopes.map((s) => esc(s.when ? `${s.scope} when ${s.when}` : s.scope)).join(', ')}</li>`,
    );
    out.push(`<li>chain <code>${esc(g.chain)}</code></li>`);
    out.push(
      `<li>granted by ${esc(g.source.kind)} <code>${esc(g.source.id)}</code> (<code>${esc(g.source.key)}</code>) at ${locLink(g.source)}</li>`,
    );
    for (const v of g.via)
      out.push(`<li>via ${esc(v.from)} ${esc(v.kind)} <code>${esc(v.to)}</code> at ${locLink(v)}</li>`);
    if (g.restricted) {
      out.push(
        `<li>narrowed by restrict: <code>${esc(g.restricted.scope)}</code> in ${esc(g.restricted.set)} at ${locLink(g.restricted)} (was ${esc(g.restricted.from.map((s) => s.scope).join(', '))})</li>`,
      );
    }
    out.push('</ul>');
  }
  if (ex.scopes.length) {
    out.push('<h2>Scopes</h2><table><thead><tr><th>Scope</th><th>Condition</th><th>Result</th></tr></thead><tbody>');
    for (const [term, s] of ex.scopes.entries()) {
      const evaluations = ex.evaluations.filter((e) => e.term === term);
      const rows = evaluations.length ? evaluations : [undefined];
      rows.forEach((e, i) => {
        const head =
          i === 0
            ? `<td rowspan="${rows.length}">${mark(s.applies)} ${esc(s.scope)} — ${esc(s.label)}${s.applies ? '' : ' <span class="muted">(does not apply)</span>'}</td>`
            : '';
        if (!e) {
          out.push(`<tr>${head}<td class="muted">no condition</td><td></td></tr>`);
          return;
        }
        const what = e.kind === 'grant' ? 'when ' : e.from === s.scope ? '' : `${e.from}: `;
        const result = e.result === 'error' ? 'error' : String(e.result);
        out.push(
          `<tr>${head}<td class="cond">${esc(what + (e.condition ?? '(no condition)'))}</td><td>${mark(e.result)} ${esc(result)}: ${esc(e.detail)}</td></tr>`,
        );
      });
    }
    out.push('</tbody></table>');
  }
  if (ex.suggestions.length) {
    out.push(`<h2>${ex.reason === 'conditions-false' ? 'What is missing' : 'Hints'}</h2><ul>`);
    for (const s of ex.suggestions) out.push(`<li>${esc(s)}</li>`);
    out.push('</ul>');
  }
  return out.join('\n');
}

function mark(result: boolean | 'error'): string {
  return result === true
    ? '<span class="allowed">✔</span>'
    : result === 'error'
      ? '<span class="sensitive">!</span>'
      : '<span class="denied">✘</span>';
}
