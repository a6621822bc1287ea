/**
 * The script of the extension's preview, explain and diff views (views/webview-page.ts): turns
 * clicks on `[data-file]` into `permset.openLocation` messages, `[data-post]` controls into
 * `permset.action` messages, and `permset.update` messages into new content. No policy text is
 * ever inserted as markup here: content arrives as HTML that the extension built with `esc()`.
 *
 * Runs in the webview, so it is checked with the DOM lib by this folder's tsconfig (the
 * extension's leaves it out); `npm run generate` bundles it into views/generated/page-script.ts.
 *
 * @module
 */

/** The API VS Code gives a webview's scripts (once per page). */
declare function acquireVsCodeApi(): { postMessage(message: unknown): void };

/** A message of the extension that replaces the page's content (see `UpdateMessage`). */
interface Update {
  type?: unknown;
  content?: unknown;
  header?: unknown;
}

const vscode = acquireVsCodeApi();

/** The values of the page's `[data-field]` controls, by field. */
function fields(): Record<string, string> {
  const out: Record<string, string> = {};
  document
    .querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>('[data-field]')
    .forEach((el) => {
      out[el.getAttribute('data-field') ?? ''] = el.value;
    });
  return out;
}

document.addEventListener('click', (e) => {
  const target = e.target instanceof Element ? e.target : null;
  const loc = target?.closest('[data-file]');
  if (loc) {
    e.preventDefault();
    vscode.postMessage({
      type: 'permset.openLocation',
      file: loc.getAttribute('data-file'),
      line: Number(loc.getAttribute('data-line')),
      column: Number(loc.getAttribute('data-column')),
    });
    return;
  }
  const button = target?.closest('button[data-post]');
  if (button)
    vscode.postMessage({ type: 'permset.action', action: button.getAttribute('data-post'), fields: fields() });
});

document.addEventListener('change', (e) => {
  const el = e.target;
  if (el instanceof HTMLSelectElement && el.hasAttribute('data-post')) {
    vscode.postMessage({
      type: 'permset.action',
      action: el.getAttribute('data-post'),
      value: el.value,
      fields: fields(),
    });
  }
});

window.addEventListener('message', (e: MessageEvent<Update | null>) => {
  const m = e.data;
  if (!m || m.type !== 'permset.update' || typeof m.content !== 'string') return;
  document.getElementById('content')!.innerHTML = m.content;
  if (typeof m.header === 'string') document.getElementById('header')!.innerHTML = m.header;
});
