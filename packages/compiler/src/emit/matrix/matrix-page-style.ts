/**
 * The HTML report's stylesheet. Colours come from VS Code's theme variables when the page runs
 * in a webview, with light defaults (and a dark variant) elsewhere; cell shading uses
 * translucent colours so it reads on both. The table scrolls inside `.table-wrap`, which is what
 * makes the header row and the permission column sticky; print drops the controls and the
 * scrolling so every visible row goes on paper, header repeated on each page.
 */
export const MATRIX_PAGE_STYLE = `
:root {
  --bg: var(--vscode-editor-background, #ffffff);
  --fg: var(--vscode-editor-foreground, #1f2328);
  --muted: var(--vscode-descriptionForeground, #59636e);
  --line: var(--vscode-panel-border, #d1d9e0);
  --head: var(--vscode-sideBar-background, #f6f8fa);
  --accent: var(--vscode-focusBorder, #0969da);
  --all: rgba(26, 127, 55, 0.30);
  --wide: rgba(26, 127, 55, 0.16);
  --narrow: rgba(26, 127, 55, 0.07);
  --cond: #9a6700;
  --sel: rgba(9, 105, 218, 0.16);
  color-scheme: light dark;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: var(--vscode-editor-background, #0d1117);
    --fg: var(--vscode-editor-foreground, #e6edf3);
    --muted: var(--vscode-descriptionForeground, #9198a1);
    --line: var(--vscode-panel-border, #3d444d);
    --head: var(--vscode-sideBar-background, #151b23);
    --accent: var(--vscode-focusBorder, #4493f8);
    --all: rgba(63, 185, 80, 0.38);
    --wide: rgba(63, 185, 80, 0.20);
    --narrow: rgba(63, 185, 80, 0.09);
    --cond: #d29922;
    --sel: rgba(68, 147, 248, 0.25);
  }
}
* { box-sizing: border-box; }
html, body { height: 100%; margin: 0; }
body {
  display: flex; flex-direction: column;
  background: var(--bg); color: var(--fg);
  font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 0.86em; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.bar { padding: 12px 16px 8px; border-bottom: 1px solid var(--line); background: var(--head); }
.bar h1 { font-size: 18px; margin: 0 12px 0 0; display: inline-block; }
.summary { display: inline; color: var(--muted); margin: 0; }
.filters { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 16px; margin-top: 10px; }
.filters label { display: inline-flex; align-items: center; gap: 6px; }
.filters input[type="search"], .filters select, .sets-menu > summary, .filters button {
  font: inherit; color: inherit; background: var(--bg);
  border: 1px solid var(--line); border-radius: 6px; padding: 4px 8px;
}
.filters input[type="search"] { width: 16em; }
.filters :focus-visible, .matrix :focus-visible, .details :focus-visible { outline: 2px solid var(--accent); outline-offset: -2px; }
.sets-menu { position: relative; }
.sets-menu > summary { cursor: pointer; list-style: none; }
.sets-menu > summary::-webkit-details-marker { display: none; }
.sets-menu > summary::after { content: " \\25BE"; color: var(--muted); }
.sets-panel {
  position: absolute; z-index: 20; top: calc(100% + 4px); left: 0; min-width: 22em; max-height: 60vh; overflow: auto;
  background: var(--bg); border: 1px solid var(--line); border-radius: 8px; padding: 8px 12px;
  box-shadow: 0 8px 24px rgba(0, 0, 0, 0.18);
}
.sets-panel fieldset { border: 0; margin: 6px 0 0; padding: 0; }
.sets-panel legend { font-weight: 600; padding: 0; margin-bottom: 2px; }
.sets-panel label { display: flex; gap: 6px; padding: 1px 0; white-space: nowrap; }
.sets-actions { display: flex; gap: 6px; }
.sets-actions button { padding: 2px 8px; cursor: pointer; }
.hint { color: var(--muted); font-size: 12px; }
.legend { margin: 8px 0 0; color: var(--muted); font-size: 12px; }
.legend .swatch { display: inline-block; padding: 0 6px; border-radius: 4px; color: var(--fg); border: 1px solid var(--line); }
.swatch.lvl-all { background: var(--all); font-weight: 600; }
.swatch.lvl-wide { background: var(--wide); }
.swatch.lvl-narrow { background: var(--narrow); }
.swatch.cond-mark { box-shadow: inset 0 -3px 0 var(--cond); }
.table-wrap { flex: 1; overflow: auto; min-height: 0; }
table.matrix { border-collapse: separate; border-spacing: 0; }
.matrix th, .matrix td { border-right: 1px solid var(--line); border-bottom: 1px solid var(--line); padding: 4px 8px; }
.matrix thead th {
  position: sticky; top: 0; z-index: 3; background: var(--head);
  vertical-align: bottom; text-align: center; font-weight: 600; min-width: 7.5em; max-width: 9em; cursor: pointer;
}
.matrix thead th.corner { left: 0; z-index: 5; text-align: left; vertical-align: bottom; cursor: default; min-width: 18em; max-width: none; }
.set-name { display: block; }
.set-id { display: block; color: var(--muted); font-weight: 400; }
.badges { display: flex; gap: 3px; justify-content: center; flex-wrap: wrap; margin-top: 3px; }
.badge { font-size: 11px; font-weight: 500; border: 1px solid var(--line); border-radius: 10px; padding: 0 6px; white-space: nowrap; }
.badges .badge { white-space: normal; overflow-wrap: anywhere; max-width: 100%; line-height: 1.25; }
.badge.free { border-color: #1a7f37; color: #1a7f37; }
.badge.custom { border-style: dashed; }
.badge.sensitive { border-color: #cf222e; color: #cf222e; margin-left: 6px; }
.matrix tbody th[scope="row"] {
  position: sticky; left: 0; z-index: 2; background: var(--bg);
  text-align: left; font-weight: 400; min-width: 18em; max-width: 26em; cursor: pointer;
}
.perm-id { display: block; color: var(--muted); }
.area-row th {
  text-align: left; background: var(--head); font-weight: 600; padding-top: 10px;
  border-right: 0;
}
.area-row th .area-label { position: sticky; left: 8px; }
.matrix td { text-align: center; white-space: nowrap; cursor: pointer; }
.matrix td.lvl-all { background: var(--all); font-weight: 600; }
.matrix td.lvl-wide { background: var(--wide); }
.matrix td.lvl-narrow { background: var(--narrow); }
.matrix td.cond { box-shadow: inset 0 -3px 0 var(--cond); }
.matrix td.restricted { font-style: italic; }
.matrix .first-custom { border-left: 3px double var(--line); }
.matrix td.selected, .matrix th.selected { outline: 2px solid var(--accent); outline-offset: -2px; }
.matrix tbody tr:hover > td { filter: brightness(0.96); }
.matrix tbody tr:hover > th[scope="row"] { background: var(--head); }
.empty { padding: 24px 16px; color: var(--muted); }
.details {
  border-top: 1px solid var(--line); background: var(--head); padding: 10px 16px 12px;
  max-height: 40vh; overflow: auto; position: relative;
}
.details h2 { font-size: 15px; margin: 0 32px 4px 0; }
.details dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 8px 0 0; }
.details dt { color: var(--muted); }
.details dd { margin: 0; }
.details ul, .details ol { margin: 0; padding-left: 18px; }
.details .when { color: var(--cond); }
.details .close { position: absolute; top: 8px; right: 12px; font: inherit; font-size: 18px; line-height: 1; background: none; border: 0; color: var(--muted); cursor: pointer; }
.loc { font: inherit; color: var(--accent); background: none; border: 0; padding: 0; text-decoration: underline; cursor: pointer; text-align: left; }
span.loc { color: inherit; text-decoration: none; cursor: text; }
.error { padding: 16px; color: #cf222e; }
@media print {
  @page { size: landscape; margin: 10mm; }
  html, body { height: auto; display: block; font-size: 9pt; background: #fff; color: #000; }
  .filters, .details, .sets-panel { display: none !important; }
  .bar { background: none; border: 0; padding: 0 0 6px; }
  .table-wrap { overflow: visible; }
  .matrix thead { display: table-header-group; }
  .matrix thead th, .matrix tbody th[scope="row"], .area-row th .area-label { position: static; }
  .matrix th, .matrix td { padding: 2px 4px; }
  .matrix tr { break-inside: avoid; }
  .matrix td.selected, .matrix th.selected { outline: 0; }
  .matrix td.lvl-all, .matrix td.lvl-wide, .matrix td.lvl-narrow { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;
