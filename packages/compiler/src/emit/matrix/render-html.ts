import type { AccessMatrix } from './matrix-types.js';
import { MATRIX_PAGE_SCRIPT } from './matrix-page-script.js';
import { MATRIX_PAGE_STYLE } from './matrix-page-style.js';
import { scriptJson } from '../html/html-embed.js';
import { pageHead } from '../html/page-head.js';

/** The id of the `<script type="application/json">` element that holds the page's data. */
export const MATRIX_DATA_ELEMENT_ID = 'permset-matrix-data';

/**
 * The matrix as one self-contained HTML page: inline style and script, no external request,
 * the {@link AccessMatrix} embedded as JSON and rendered by the page's script (see
 * `MATRIX_PAGE_SCRIPT` for what it offers an editor webview). Policy text reaches the page only
 * inside that JSON, escaped so no `</script>` or `<!--` can end or bend the element, and the
 * script writes it as text; a Content-Security-Policy that allows only this page's own style and
 * script (by hash) and no network makes any slip inert rather than dangerous.
 */
export function renderMatrixHtml(matrix: AccessMatrix): string {
  return `${pageHead({ title: 'Access matrix', style: MATRIX_PAGE_STYLE, scripts: [MATRIX_PAGE_SCRIPT] })}<body>
<header class="bar">
  <h1>Access matrix</h1>
  <p id="summary" class="summary" aria-live="polite"></p>
  <div class="filters" role="search" aria-label="Filter the matrix">
    <label for="filter-text">Search</label>
    <input type="search" id="filter-text" placeholder="Permission id or label" autocomplete="off" spellcheck="false">
    <label for="filter-area">Area</label>
    <select id="filter-area"></select>
    <details id="filter-sets" class="sets-menu">
      <summary>Sets <span id="sets-count"></span></summary>
      <div class="sets-panel">
        <div class="sets-actions" role="group" aria-label="Choose sets">
          <button type="button" data-pick="all">All</button>
          <button type="button" data-pick="none">None</button>
          <button type="button" data-pick="system">System</button>
          <button type="button" data-pick="custom">Custom</button>
        </div>
        <fieldset id="sets-system"></fieldset>
        <fieldset id="sets-custom"></fieldset>
      </div>
    </details>
    <label class="toggle"><input type="checkbox" id="filter-diff"> Only differences between the chosen sets</label>
    <span id="diff-hint" class="hint" aria-live="polite"></span>
  </div>
  <p id="legend" class="legend"></p>
</header>
<main id="table-wrap" class="table-wrap">
  <table id="matrix" class="matrix" hidden>
    <caption id="caption" class="sr-only">Access matrix</caption>
    <thead></thead>
  </table>
  <p id="empty" class="empty" hidden>No permission matches the filters.</p>
  <noscript><p class="error">This report is drawn by JavaScript; the same data is in matrix.json and matrix.md.</p></noscript>
</main>
<aside id="details" class="details" hidden aria-labelledby="details-title">
  <button type="button" id="details-close" class="close" aria-label="Close details">×</button>
  <h2 id="details-title"></h2>
  <div id="details-body"></div>
</aside>
<script type="application/json" id="${MATRIX_DATA_ELEMENT_ID}">${scriptJson(matrix)}</script>
<script>${MATRIX_PAGE_SCRIPT}</script>
</body>
</html>
`;
}
