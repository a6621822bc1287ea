import { esc } from './html.js';
import { PAGE_SCRIPT } from './generated/page-script.js';

/** What a view page is made of. */
export interface WebviewPage {
  title: string;
  /** Static HTML above the content (forms, pickers): kept when the content is updated. */
  header?: string;
  /** The HTML that `permset.update` messages replace. */
  content: string;
  /** A fresh random nonce per page (`nonce()`). */
  nonce: string;
  /** The webview's `cspSource`. */
  cspSource: string;
}

/** The message that replaces a page's content (live updates keep the scroll position and forms). */
export interface UpdateMessage {
  type: 'permset.update';
  content: string;
  /** A new header (only for views whose header holds no user input). */
  header?: string;
}

/**
 * The page of the preview, explain and diff views: VS Code's theme colours and fonts, a
 * Content-Security-Policy that allows only this page's style and script (by nonce) and no
 * network, and a script (webview/page-script.ts) that turns clicks on `[data-file]` into
 * `permset.openLocation` messages, `[data-post]` controls into `permset.action` messages, and
 * `permset.update` messages into new content. Everything else in the page is static HTML built
 * with `esc`.
 */
export function renderWebviewPage(page: WebviewPage): string {
  const csp = [
    `default-src 'none'`,
    `img-src ${page.cspSource} data:`,
    `style-src 'nonce-${page.nonce}'`,
    `script-src 'nonce-${page.nonce}'`,
    `base-uri 'none'`,
    `form-action 'none'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp.replace(/"/g, '&quot;')}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(page.title)}</title>
<style nonce="${esc(page.nonce)}">${PAGE_STYLE}</style>
</head>
<body>
<header id="header">${page.header ?? ''}</header>
<main id="content">${page.content}</main>
<script nonce="${esc(page.nonce)}">${PAGE_SCRIPT}</script>
</body>
</html>
`;
}

/** A nonce for a page's CSP: 32 characters from a cryptographic source. */
export function nonce(
  random: (bytes: number) => Uint8Array = (b) => crypto.getRandomValues(new Uint8Array(b)),
): string {
  return Array.from(random(32), (x) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'[x & 63]).join(
    '',
  );
}

const PAGE_STYLE = `
body { font-family: var(--vscode-font-family, system-ui, sans-serif); font-size: var(--vscode-font-size, 13px); color: var(--vscode-foreground, #333); background: var(--vscode-editor-background, #fff); padding: 0 20px 24px; line-height: 1.45; }
h1 { font-size: 1.5em; font-weight: 600; margin: 16px 0 4px; }
h2 { font-size: 1.15em; font-weight: 600; margin: 20px 0 6px; border-bottom: 1px solid var(--vscode-panel-border, #ddd); padding-bottom: 3px; }
h3 { font-size: 1em; font-weight: 600; margin: 12px 0 4px; }
.meta, .muted { color: var(--vscode-descriptionForeground, #666); }
.meta { margin: 0 0 8px; }
code, .mono { font-family: var(--vscode-editor-font-family, monospace); font-size: 0.95em; }
code { background: var(--vscode-textCodeBlock-background, rgba(127,127,127,.12)); padding: 0 3px; border-radius: 3px; }
a, a.loc { color: var(--vscode-textLink-foreground, #0066bf); text-decoration: none; cursor: pointer; }
a:hover { text-decoration: underline; color: var(--vscode-textLink-activeForeground, #0066bf); }
a.loc { font-family: var(--vscode-editor-font-family, monospace); font-size: 0.9em; white-space: nowrap; }
table { border-collapse: collapse; width: 100%; margin: 4px 0 8px; }
th, td { text-align: left; vertical-align: top; padding: 4px 8px; border-bottom: 1px solid var(--vscode-panel-border, #e5e5e5); }
th { font-weight: 600; color: var(--vscode-descriptionForeground, #666); }
.badge { display: inline-block; padding: 0 6px; border-radius: 9px; font-size: 0.85em; background: var(--vscode-badge-background, #ddd); color: var(--vscode-badge-foreground, #333); }
.allowed { color: var(--vscode-testing-iconPassed, #388a34); font-weight: 600; }
.denied { color: var(--vscode-testing-iconFailed, #c72e0f); font-weight: 600; }
.gain { color: var(--vscode-gitDecoration-addedResourceForeground, #388a34); }
.loss { color: var(--vscode-gitDecoration-deletedResourceForeground, #c72e0f); }
.changed { color: var(--vscode-gitDecoration-modifiedResourceForeground, #895503); }
.sensitive { color: var(--vscode-editorWarning-foreground, #bf8803); font-size: 0.85em; }
.banner { border-left: 3px solid var(--vscode-editorWarning-foreground, #bf8803); background: var(--vscode-inputValidation-warningBackground, rgba(191,136,3,.1)); padding: 6px 10px; margin: 10px 0; }
.banner.error { border-left-color: var(--vscode-errorForeground, #c72e0f); background: var(--vscode-inputValidation-errorBackground, rgba(199,46,15,.1)); }
.toolbar { display: flex; flex-wrap: wrap; gap: 8px 14px; align-items: end; margin: 12px 0 4px; }
.toolbar label { display: flex; flex-direction: column; gap: 2px; max-width: 100%; min-width: 0; font-size: 0.9em; color: var(--vscode-descriptionForeground, #666); }
select { max-width: 100%; }
select, textarea, input { font-family: var(--vscode-editor-font-family, monospace); font-size: var(--vscode-font-size, 13px); color: var(--vscode-input-foreground, #333); background: var(--vscode-input-background, #fff); border: 1px solid var(--vscode-input-border, #ccc); padding: 3px 5px; }
textarea { min-width: 260px; min-height: 54px; }
button { font-family: var(--vscode-font-family, sans-serif); color: var(--vscode-button-foreground, #fff); background: var(--vscode-button-background, #0066bf); border: none; padding: 5px 12px; cursor: pointer; }
button:hover { background: var(--vscode-button-hoverBackground, #0058a6); }
ul.plain { list-style: none; padding-left: 0; margin: 4px 0; }
ul.plain li { margin: 2px 0; }
.diff-report h3 { font-size: 1.35em; font-weight: 600; margin: 14px 0 6px; }
.diff-report h4 { font-size: 1.1em; font-weight: 600; margin: 18px 0 6px; border-bottom: 1px solid var(--vscode-panel-border, #ddd); padding-bottom: 3px; }
.diff-report details { margin: 6px 0; }
.diff-report summary { cursor: pointer; font-weight: 600; }
blockquote { margin: 8px 0; padding: 4px 10px; border-left: 3px solid var(--vscode-textBlockQuote-border, #ccc); background: var(--vscode-textBlockQuote-background, rgba(127,127,127,.08)); }
blockquote.alert-warning, blockquote.alert-caution { border-left-color: var(--vscode-editorWarning-foreground, #bf8803); }
table.preview { table-layout: fixed; }
table.preview th:nth-child(1) { width: 34%; } table.preview th:nth-child(2) { width: 30%; }
.cond { font-family: var(--vscode-editor-font-family, monospace); font-size: 0.9em; color: var(--vscode-descriptionForeground, #666); }
`;
