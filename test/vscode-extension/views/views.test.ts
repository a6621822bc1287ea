import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { renderMatrix } from '../../../packages/compiler/src/emit/matrix/index.js';
import { MATRIX_PAGE_SCRIPT } from '../../../packages/compiler/src/emit/matrix/matrix-page-script.js';
import { cspHash } from '../../../packages/compiler/src/emit/html/html-embed.js';
import { explainRequest } from '../../../packages/lsp/src/server/explain-request.js';
import { compiledWorkspace } from '../../../packages/lsp/src/server/compiled-workspace.js';
import { previewSet } from '../../../packages/compiler/src/emit/preview/index.js';
import type { PreviewResult } from '../../../packages/lsp/src/server/custom-protocol.js';
import {
  DIFF_COMPARE_ACTION,
  diffContent,
  diffHeader,
  githubAlerts,
  linkifyLocations,
} from '../../../packages/vscode-extension/src/views/diff-html.js';
import {
  explainContent,
  explainHeader,
  EXPLAIN_ACTION,
} from '../../../packages/vscode-extension/src/views/explain-html.js';
import { esc, locLink, shortFile } from '../../../packages/vscode-extension/src/views/html.js';
import { readOpenLocation } from '../../../packages/vscode-extension/src/views/location-message.js';
import { matrixWebviewHtml } from '../../../packages/vscode-extension/src/views/matrix-webview-html.js';
import {
  errorsBanner,
  previewContent,
  previewHeader,
  PREVIEW_SET_ACTION,
} from '../../../packages/vscode-extension/src/views/preview-html.js';
import { PAGE_SCRIPT } from '../../../packages/vscode-extension/src/views/generated/page-script.js';
import { nonce, renderWebviewPage } from '../../../packages/vscode-extension/src/views/webview-page.js';
import { shippedModel } from '../../compiler/emit/matrix/matrix-helpers.js';
import { FOLDER, PROJECT, serviceFor } from '../../lsp/helpers.js';

const CSP_SOURCE = 'https://*.vscode-cdn.net';

interface MarkdownToken {
  map: [number, number] | null;
  type: string;
  attrSet(name: string, value: string): void;
  attrJoin(name: string, value: string): void;
}
interface MarkdownIt {
  core: { ruler: { push(name: string, rule: (state: { tokens: MarkdownToken[] }) => void): void } };
  render(markdown: string): string;
}

/**
 * Markdown rendered as `markdown.api.render` does in VS Code 1.100 (code-server's
 * markdown-language-features): markdown-it 14 plus its source-map rule, which gives every block
 * `data-line`, `class="code-line"` and `dir="auto"`. (markdown-it comes with @vscode/vsce.)
 */
function renderLikeVsCode(markdown: string): string {
  const markdownIt = createRequire(import.meta.url)('markdown-it') as (options: object) => MarkdownIt;
  const md = markdownIt({ html: true, linkify: true });
  md.core.ruler.push('source_map_data_attribute', (state) => {
    for (const token of state.tokens) {
      if (!token.map || token.type === 'inline') continue;
      token.attrSet('data-line', String(token.map[0]));
      token.attrJoin('class', 'code-line');
      token.attrJoin('dir', 'auto');
    }
  });
  return md.render(markdown);
}

function project(files: Record<string, string> = PROJECT) {
  const ws = serviceFor(files).workspaces.all()[0]!;
  return compiledWorkspace(ws);
}

function previewOf(setId: string, files?: Record<string, string>): PreviewResult {
  const p = project(files);
  return {
    folderUri: FOLDER,
    errors: p.errors,
    preview: previewSet(
      p.model,
      p.model.sets.find((s) => s.id === setId)!,
    ),
  };
}

/** The text of an HTML fragment as a reader sees it (tags dropped, entities decoded, spaces collapsed). */
function text(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

describe('html helpers', () => {
  it('escapes markup and quotes, and links a location', () => {
    expect(esc(`<img src=x onerror="a('b')">&`)).toBe('&lt;img src=x onerror=&quot;a(&#39;b&#39;)&quot;&gt;&amp;');
    expect(esc(undefined)).toBe('');
    expect(locLink({ file: 'policies/sets/a "b".yaml', line: 3, column: 5 })).toBe(
      '<a href="#" class="loc" data-file="policies/sets/a &quot;b&quot;.yaml" data-line="3" data-column="5" title="policies/sets/a &quot;b&quot;.yaml:3:5">a &quot;b&quot;.yaml:3</a>',
    );
    expect(shortFile('manager.yaml')).toBe('manager.yaml');
  });
});

describe('renderWebviewPage', () => {
  it('allows only its own style and script, by nonce, and nothing from the network', () => {
    const html = renderWebviewPage({
      title: 'T <x>',
      header: '<div id="h"></div>',
      content: '<p>c</p>',
      nonce: 'abc123',
      cspSource: CSP_SOURCE,
    });
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${CSP_SOURCE} data:; style-src 'nonce-abc123'; script-src 'nonce-abc123'; base-uri 'none'; form-action 'none'">`,
    );
    expect(html).toContain('<title>T &lt;x&gt;</title>');
    expect(html).toContain('<header id="header"><div id="h"></div></header>\n<main id="content"><p>c</p></main>');
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).toContain('<script nonce="abc123">');
    expect(html).toContain('<style nonce="abc123">');
    expect(html).toContain(`<script nonce="abc123">${PAGE_SCRIPT}</script>`);
  });

  it('makes 32-character nonces from a random source', () => {
    const n = nonce();
    expect(n).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(nonce()).not.toBe(n);
    expect(nonce(() => new Uint8Array(32).fill(0))).toBe('A'.repeat(32));
  });
});

describe('matrixWebviewHtml', () => {
  it("keeps the report's script hash, allows webview resources and inline styles, changes nothing else", () => {
    const html = renderMatrix(shippedModel(), 'html');
    const out = matrixWebviewHtml(html, CSP_SOURCE);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(out)![1];
    expect(csp).toBe(
      `default-src 'none'; img-src ${CSP_SOURCE} data:; font-src ${CSP_SOURCE}; style-src ${CSP_SOURCE} 'unsafe-inline'; script-src '${cspHash(MATRIX_PAGE_SCRIPT)}'; base-uri 'none'; form-action 'none'`,
    );
    const strip = (s: string) => s.replace(/<meta http-equiv="Content-Security-Policy" content="[^"]*">/, '');
    expect(strip(out)).toBe(strip(html));
  });

  it('allows no script when the policy names none, and leaves a page without a policy alone', () => {
    expect(
      matrixWebviewHtml(
        `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'">`,
        'x',
      ),
    ).toContain("script-src 'none'");
    expect(matrixWebviewHtml('<p>no policy</p>', 'x')).toBe('<p>no policy</p>');
  });
});

describe('preview view', () => {
  it('shows what the set can do by area, in the catalog words, with where each grant comes from', () => {
    const html = previewContent(previewOf('manager'));
    expect(text(html)).toBe(
      [
        'Manager (manager) custom set · seat Employee (paid) · extends base · includes budget-admin · restrict: member · manager.yaml:2',
        '5 of 6 permissions in 3 of 3 areas.',
        'Budgets — 3 of 3 permissions Permission Can From',
        'View budgets budgets.view View budgets where the user is a member (member) granted here · manager.yaml:8 narrowed from all to member by restrict · manager.yaml:6',
        'Manage budgets budgets.manage Where the user is a member (member) granted here · manager.yaml:8 narrowed from all to member by restrict · manager.yaml:6',
        'View budget profit budgets.profit.view sensitive Where the user is a member (member) granted here · manager.yaml:8 narrowed from all to member by restrict · manager.yaml:6',
        'Contacts — 1 of 2 permissions Permission Can From',
        'View Contacts contacts.view All (all) inherited from base · base.yaml:7',
        'Settings — 1 of 1 permission Permission Can From',
        'Manage settings settings.manage All (all) granted here · manager.yaml:9',
      ].join(' '),
    );
    expect(html).toContain('<a href="#" class="loc" data-file="policies/sets/base.yaml" data-line="7" data-column="3"');
  });

  it('shows grant conditions and the areas without access', () => {
    expect(text(previewContent(previewOf('client')))).toContain(
      'View budgets where the user is a member (member) only when resource.client_access and subject.can_access_budgets granted here · client.yaml:6',
    );
    expect(text(previewContent(previewOf('client')))).toContain('Nothing in Contacts, Settings.');
  });

  it('escapes policy text and warns about errors', () => {
    const hostile = {
      ...PROJECT,
      'sets/base.yaml': PROJECT['sets/base.yaml']!.replace('name: Base', 'name: "<script>alert(1)</script>"'),
    };
    const html = previewContent(previewOf('base', hostile));
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(errorsBanner(0)).toBe('');
    expect(text(errorsBanner(2))).toBe(
      'The policies have 2 errors (see the Problems view): this shows what resolves now and may change when they are fixed.',
    );
  });

  it('offers every set in its picker, the current one selected', () => {
    const header = previewHeader(
      [
        { id: 'a', name: 'A', system: true },
        { id: 'b"', name: 'B<', system: false },
      ],
      'b"',
    );
    expect(header).toBe(
      `<div class="toolbar"><label>Preview as <select id="preview-set" data-post="${PREVIEW_SET_ACTION}"><option value="a">A (a)</option><option value="b&quot;" selected>B&lt; (b&quot;)</option></select></label></div>`,
    );
  });
});

describe('explain view', () => {
  it('shows the verdict, the grant with its chain and links, each condition, and what is missing', async () => {
    const p = project();
    const result = await explainRequest(p, {
      set: 'client',
      permission: 'budgets.view',
      subject: { id: 'u1', can_access_budgets: false },
      resource: { members: ['u1'], client_access: true },
    });
    expect(text(explainContent(result))).toBe(
      [
        'DENIED (conditions-false)',
        "'client' grants 'budgets.view' in scope member with a condition (granted at policies/sets/client.yaml:6:3), but no granted scope applies to this request.",
        'Request: subject {"id":"u1","can_access_budgets":false,"set":"client"} · permission budgets.view · resource {"type":"budget","members":["u1"],"client_access":true}',
        'Grant budgets.view : member when resource.client_access and subject.can_access_budgets',
        'chain client',
        'granted by set client ( budgets.view ) at client.yaml:6',
        'Scopes Scope Condition Result',
        "✘ member — View budgets where the user is a member (does not apply) subject.id in resource.members ✔ true: subject.id ('u1') is in resource.members (['u1'])",
        'own: resource.owner == subject.id ! error: resource.owner is missing',
        'when resource.client_access and subject.can_access_budgets ✘ false: resource.client_access is true; subject.can_access_budgets is false',
        'What is missing',
        "would be allowed with scope member: the grant's condition: subject.can_access_budgets is false",
      ].join(' '),
    );
  });

  it('keeps the request in its form', () => {
    const header = explainHeader(
      [{ id: 'client', name: 'Client', system: false }],
      [{ id: 'budgets.view', label: 'View <budgets>', area: 'budgets' }],
      {
        set: 'client',
        permission: 'budgets.view',
        subject: '{"id": "u1"}',
        resource: '',
        context: '',
      },
    );
    expect(header).toContain('<option value="client" selected>client</option>');
    expect(header).toContain('<option value="budgets.view" selected>budgets.view — View &lt;budgets&gt;</option>');
    expect(header).toContain(
      '<textarea data-field="subject" spellcheck="false" placeholder="{&quot;id&quot;: &quot;u1&quot;}">{&quot;id&quot;: &quot;u1&quot;}</textarea>',
    );
    expect(header).toContain(`<button type="button" data-post="${EXPLAIN_ACTION}">Explain</button>`);
  });
});

describe('readOpenLocation', () => {
  it('accepts a YAML file with a 1-based line and column, as 0-based', () => {
    expect(
      readOpenLocation({ type: 'permset.openLocation', file: 'policies/sets/manager.yaml', line: 18, column: 3 }),
    ).toEqual({ file: 'policies/sets/manager.yaml', line: 17, character: 2 });
    expect(readOpenLocation({ type: 'permset.openLocation', file: '/srv/p/x.yml', line: 1 })).toEqual({
      file: '/srv/p/x.yml',
      line: 0,
      character: 0,
    });
    expect(readOpenLocation({ type: 'permset.openLocation', file: 'C:\\p\\x.YAML', line: 2, column: 1 })).toEqual({
      file: 'C:/p/x.YAML',
      line: 1,
      character: 0,
    });
  });

  it.each([
    [null],
    ['permset.openLocation'],
    [{ type: 'other', file: 'a.yaml', line: 1, column: 1 }],
    [{ type: 'permset.openLocation', file: 'https://evil.example/a.yaml', line: 1, column: 1 }],
    [{ type: 'permset.openLocation', file: 'command:workbench.action.quit.yaml', line: 1, column: 1 }],
    [{ type: 'permset.openLocation', file: '/etc/passwd', line: 1, column: 1 }],
    [{ type: 'permset.openLocation', file: '', line: 1, column: 1 }],
    [{ type: 'permset.openLocation', file: 'a.yaml', line: 0, column: 1 }],
    [{ type: 'permset.openLocation', file: 'a.yaml', line: 1.5, column: 1 }],
    [{ type: 'permset.openLocation', file: 'a.yaml', line: '3', column: 1 }],
    [{ type: 'permset.openLocation', file: 'a.yaml', column: 1 }],
    [{ type: 'permset.openLocation', file: 'a\u0000.yaml', line: 1 }],
  ])('refuses %j', (message) => {
    expect(readOpenLocation(message)).toBeUndefined();
  });
});

describe('diff view', () => {
  const result = {
    folderUri: FOLDER,
    errors: 0,
    ref: 'HEAD',
    base: 'HEAD (abc1234)',
    head: 'working tree',
    markdown: '### permset diff: <x>\n',
    summary: {
      sets: { changed: 1, added: 0, removed: 0, renamed: 0, rebased: 0 },
      cells: { total: 1, gain: 1, loss: 0, widen: 0, narrow: 0, change: 0, condition: 0 },
      flagged: 0,
      catalog: 0,
    },
  };

  it('links every location code span of the rendered report, and nothing else', () => {
    expect(
      linkifyLocations(
        '<td><code>policies/sets/base.yaml:8</code> (<code>budgets.*</code>)</td><code>a.yaml</code><code>x.yaml:3:4</code>',
      ),
    ).toBe(
      '<td><a href="#" class="loc" data-file="policies/sets/base.yaml" data-line="8" data-column="1" title="policies/sets/base.yaml:8"><code>policies/sets/base.yaml:8</code></a> (<code>budgets.*</code>)</td><code>a.yaml</code><code>x.yaml:3:4</code>',
    );
    expect(linkifyLocations('<code>it&#39;s.yml:2</code>')).toContain('data-file="it&#39;s.yml"');
  });

  it('turns GitHub alerts into styled quotes', () => {
    expect(githubAlerts('<blockquote>\n<p>[!WARNING]\nHEAD has 2 errors</p>\n</blockquote>')).toBe(
      '<blockquote class="alert alert-warning">\n<p><strong>Warning:</strong> HEAD has 2 errors</p>\n</blockquote>',
    );
  });

  it('turns the alert of a report into a styled quote as VS Code renders it (attributes on every block)', () => {
    const markdown =
      '### permset diff: HEAD (abc1234) → working tree\n\n> [!WARNING]\n> HEAD (working tree) has 1 error; run permset check for details.\n\n| set |\n|---|\n| `a` |\n';
    const html = githubAlerts(renderLikeVsCode(markdown));
    expect(html).not.toContain('[!WARNING]');
    expect(html).toContain(
      '<blockquote data-line="2" class="code-line alert alert-warning" dir="auto">\n<p data-line="2" class="code-line" dir="auto"><strong>Warning:</strong> HEAD (working tree) has 1 error; run permset check for details.</p>\n</blockquote>',
    );
    // Only a quote that starts with a marker is touched.
    expect(
      githubAlerts('<blockquote data-line="1"><p data-line="1">[!NOPE] x</p></blockquote><p>[!WARNING] y</p>'),
    ).toBe('<blockquote data-line="1"><p data-line="1">[!NOPE] x</p></blockquote><p>[!WARNING] y</p>');
  });

  it('shows the rendered report, or the Markdown as text without a renderer', () => {
    expect(diffContent(result, '<h3>r</h3>')).toBe('<div class="diff-report"><h3>r</h3></div>');
    expect(diffContent({ ...result, errors: 1 }, undefined)).toBe(
      `${errorsBanner(1)}<div class="diff-report"><pre>### permset diff: &lt;x&gt;\n</pre></div>`,
    );
  });

  it('keeps the revision in its field', () => {
    expect(diffHeader('main"')).toContain('<input type="text" data-field="ref" value="main&quot;" spellcheck="false"');
    expect(diffHeader('HEAD')).toContain(`<button type="button" data-post="${DIFF_COMPARE_ACTION}">Compare</button>`);
  });
});
