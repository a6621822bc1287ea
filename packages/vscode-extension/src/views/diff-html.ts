import type { DiffResult } from '../../../lsp/src/server/custom-protocol.js';
import { esc } from './html.js';
import { errorsBanner } from './preview-html.js';

/** The action of the diff view's "Compare" button. */
export const DIFF_COMPARE_ACTION = 'diff.compare';

/** The diff view's header: the revision to compare with, editable. */
export function diffHeader(ref: string): string {
  return `<div class="toolbar">
<label>Compare the working tree (unsaved changes included) with<input type="text" data-field="ref" value="${esc(ref)}" spellcheck="false" placeholder="HEAD, main, v1.2, a commit"></label>
<button type="button" data-post="${DIFF_COMPARE_ACTION}">Compare</button>
</div>`;
}

/**
 * The diff report's HTML: `rendered` is the Markdown report (`permset diff --format md`) as VS
 * Code's Markdown engine renders it, with every `file.yaml:line` code span turned into a link
 * that opens the line. Without a rendered form (no Markdown engine), the report as text.
 */
export function diffContent(result: DiffResult, rendered: string | undefined): string {
  const body = rendered === undefined ? `<pre>${esc(result.markdown)}</pre>` : githubAlerts(linkifyLocations(rendered));
  return `${errorsBanner(result.errors)}<div class="diff-report">${body}</div>`;
}

/**
 * Turns code spans that hold a policy file location (`<code>policies/sets/x.yaml:14</code>`, as
 * the reports write them) into links for the page script. Only exact matches: the span's text is
 * a path ending in `.yaml`/`.yml`, a colon and a line number, nothing else.
 */
export function linkifyLocations(html: string): string {
  return html.replace(/<code>([^<>"]+?\.ya?ml):(\d+)<\/code>/g, (_all, file: string, line: string) => {
    const decoded = file
      .replace(/&amp;/g, '&')
      .replace(/&#39;/g, "'")
      .replace(/&quot;/g, '"');
    return `<a href="#" class="loc" data-file="${esc(decoded)}" data-line="${line}" data-column="1" title="${esc(`${decoded}:${line}`)}"><code>${file}:${line}</code></a>`;
  });
}

/**
 * GitHub's alert syntax in the report (`> [!WARNING]`), which VS Code's Markdown engine renders
 * as a plain quote starting with the marker: the quote gets a class and the marker becomes a
 * heading word. VS Code's engine puts attributes on every block (`data-line`, `class="code-line"`,
 * `dir="auto"`, for its preview's scroll sync), so the tags are matched with any attributes.
 */
export function githubAlerts(html: string): string {
  return html.replace(
    /<blockquote((?:\s[^>]*)?)>(\s*<p(?:\s[^>]*)?>)\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]\s*/g,
    (_all, attrs: string, p: string, kind: string) => {
      return `<blockquote${withClass(attrs, `alert alert-${kind.toLowerCase()}`)}>${p}<strong>${kind[0]}${kind.slice(1).toLowerCase()}:</strong> `;
    },
  );
}

/** A tag's attributes with `cls` added to its class (the engine's own classes kept). */
function withClass(attrs: string, cls: string): string {
  const existing = /\sclass="([^"]*)"/.exec(attrs);
  if (!existing) return `${attrs} class="${cls}"`;
  return attrs.replace(existing[0], ` class="${existing[1]} ${cls}"`);
}
