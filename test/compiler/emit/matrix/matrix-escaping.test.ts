import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvField, renderMatrix, MATRIX_DATA_ELEMENT_ID } from '../../../../packages/compiler/src/emit/matrix/index.js';
import { scriptJson } from '../../../../packages/compiler/src/emit/html/html-embed.js';
import { mdCode, mdHtmlText, mdText } from '../../../../packages/compiler/src/emit/matrix/markdown-escape.js';
import type { ModelLocation, PolicyModel } from '../../../../packages/compiler/src/policy-model/index.js';
import { MATRIX_FIXTURES, modelOf } from './matrix-helpers.js';

const EVIL = `<script>window.__pwned=1</script></style><!-- " ' & \` | \n x`;
const at = (file: string, line = 1): ModelLocation => ({ file, line, column: 1 });

/**
 * A model no compiler would build (ids are validated), straight to the renderers: every string in
 * it, ids and paths included, is hostile.
 */
function hostileModel(): PolicyModel {
  return {
    version: 1,
    areas: [{ id: `a${EVIL}`, label: `Area ${EVIL}` }],
    permissions: [
      {
        id: `p${EVIL}`,
        label: `Perm ${EVIL}`,
        area: `a${EVIL}`,
        scopes: [`s${EVIL}`],
        requires: [],
        sensitive: true,
        at: at(`cat${EVIL}.yaml`),
        description: EVIL,
      },
    ],
    scopes: [{ name: `s${EVIL}`, label: `Scope ${EVIL}`, includes: [], covers: [`s${EVIL}`] }],
    seats: [{ name: `seat${EVIL}`, label: `Seat ${EVIL}`, paid: false, customizable: true }],
    resources: [],
    subjectAttributes: {},
    contextAttributes: {},
    sets: [
      {
        id: `set${EVIL}`,
        name: `Set ${EVIL}`,
        system: true,
        seat: `seat${EVIL}`,
        paid: false,
        extends: `base${EVIL}`,
        include: [`frag${EVIL}`],
        restrict: `s${EVIL}`,
        at: at(`set${EVIL}.yaml`),
        grants: [
          {
            permission: `p${EVIL}`,
            scopes: [{ scope: `s${EVIL}`, when: `resource.x == '${EVIL}'` }],
            source: { kind: 'fragment', id: `frag${EVIL}`, key: `k${EVIL}`, at: at(`frag${EVIL}.yaml`, 4) },
            via: [{ kind: 'include', from: `set${EVIL}`, to: `frag${EVIL}`, at: at(`set${EVIL}.yaml`, 5) }],
          },
        ],
      },
    ],
  };
}

describe('HTML escaping', () => {
  it('keeps every policy string inside the JSON element, which cannot be closed or commented out', () => {
    const html = renderMatrix(hostileModel(), 'html');
    // Only the page's own two scripts and one style, whatever the data says.
    expect(html.match(/<script/gi)).toHaveLength(2);
    expect(html.match(/<\/script/gi)).toHaveLength(2);
    expect(html.match(/<\/style/gi)).toHaveLength(1);
    expect(html.match(/<!--/g)).toBeNull();
    const open = `<script type="application/json" id="${MATRIX_DATA_ELEMENT_ID}">`;
    const start = html.indexOf(open) + open.length;
    const json = html.slice(start, html.indexOf('</script>', start));
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(json).sets[0].name).toBe(`Set ${EVIL}`);
    // Nothing from the data outside that element: the rest of the page is the template.
    expect(html.replace(json, '')).not.toContain('__pwned');
  });

  it('escapes < > & and the line separators in script JSON, and JSON.parse undoes it', () => {
    const value = { s: '</script><!--\u2028\u2029&' };
    expect(scriptJson(value)).toBe('{"s":"\\u003c/script\\u003e\\u003c!--\\u2028\\u2029\\u0026"}');
    expect(JSON.parse(scriptJson(value))).toEqual(value);
  });
});

describe('Markdown escaping', () => {
  it('shows text as text: no HTML, no Markdown, no cell breaks, no line breaks', () => {
    expect(mdText('a | b')).toBe('a \\| b');
    expect(mdText('<b>x</b> & y')).toBe('&lt;b&gt;x&lt;/b&gt; &amp; y');
    expect(mdText('*em* _u_ `c` [l](u) @who #1 ~s~ !x \\')).toBe(
      '\\*em\\* \\_u\\_ \\`c\\` \\[l\\](u) \\@who \\#1 \\~s\\~ \\!x \\\\',
    );
    expect(mdText('one\ntwo\r\nthree\rfour')).toBe('one two three four');
    expect(mdText('rtl\u202eltr\u0007')).toBe('rtl\\\\u\\{202e\\}ltr\\\\u\\{7\\}');
  });

  it('fences code spans longer than any backtick run inside', () => {
    expect(mdCode('a')).toBe('`a`');
    expect(mdCode('a `b` c')).toBe('``a `b` c``');
    expect(mdCode('`x')).toBe('`` `x ``');
    expect(mdCode('x == "a|b"')).toBe('`x == "a|b"`');
    expect(mdCode('x == "a|b"', true)).toBe('`x == "a\\|b"`');
    expect(mdCode('a\\|b', true)).toBe('a\\\\\\|b');
    expect(mdCode('')).toBe('');
  });

  it('escapes only HTML inside the raw <summary> line, where Markdown does not apply', () => {
    expect(mdHtmlText('a_b | <i>"c" & d</i>\ne')).toBe('a_b | &lt;i&gt;&quot;c&quot; &amp; d&lt;/i&gt; e');
    expect(renderMatrix(modelOf(join(MATRIX_FIXTURES, 'hostile')), 'md')).toContain(
      '<details><summary>Docs &lt;/style&gt;&lt;script&gt;window.__pwned=1&lt;/script&gt; (4 grants)</summary>',
    );
  });

  it('never lets a hostile string add a row, a cell, a tag or a heading', () => {
    const md = renderMatrix(hostileModel(), 'md');
    const table = md.split('## Matrix\n\n')[1]!.split('\n\n')[0]!.split('\n');
    // Header, alignment, one area row, one permission row; each with exactly 2 unescaped pipes
    // inside (3 cells: permission + 1 set ... the area row has 2 cells).
    expect(table).toHaveLength(4);
    const cells = (line: string) => line.replace(/\\\\/g, '').replace(/\\\|/g, '').split('|').length - 2;
    expect(table.map(cells)).toEqual([2, 2, 2, 2]);
    // The only tags are the report's own; elsewhere `<` appears only inside code spans (which
    // show it as is). A `<details><summary>` line is raw HTML, where backticks are plain text.
    const ours = /<\/?(br|sub|details|summary)>/g;
    for (const line of md.split('\n')) {
      const prose = line.startsWith('<details>') ? line : line.replace(/\\`/g, '').replace(/(`+)[\s\S]*?\1/g, '');
      expect(prose.replace(ours, '')).not.toContain('<');
    }
    expect(md.split('\n').filter((l) => l.startsWith('#'))).toEqual([
      '# Access matrix',
      '## Permission sets',
      '## Matrix',
      '## Conditions',
      '## Provenance',
    ]);
  });

  it('renders the hostile fixture as text', () => {
    const md = renderMatrix(modelOf(join(MATRIX_FIXTURES, 'hostile')), 'md');
    expect(md).toContain(
      '| &lt;script&gt;window.\\_\\_pwned=1&lt;/script&gt; View \\| docs<br><sub>docs.view</sub> | own | member† |',
    );
    expect(md).toContain(
      '- `writer` · &lt;script&gt;window.\\_\\_pwned=1&lt;/script&gt; View \\| docs (`docs.view`): member only when `resource.note != \'</script><script>window.__pwned=1</script>\' and resource.note != "a|b"`',
    );
    expect(md).toContain('| `reader` | Reader\\\\u\\{202e\\} (bidi) | system |');
  });
});

describe('CSV escaping', () => {
  it('quotes per RFC 4180 and defuses spreadsheet formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('=1+2')).toBe("'=1+2");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('-2')).toBe("'-2");
    expect(csvField('=HYPERLINK("x","y")')).toBe(`"'=HYPERLINK(""x"",""y"")"`);
  });

  it('keeps one record per row even with quotes and line breaks in labels', () => {
    const csv = renderMatrix(hostileModel(), 'csv');
    expect(csv).toBe(
      'area,area_label,permission,label,"set<script>window.__pwned=1</script></style><!-- "" \' & ` | \n x"\r\n' +
        '"a<script>window.__pwned=1</script></style><!-- "" \' & ` | \n x","Area <script>window.__pwned=1</script></style><!-- "" \' & ` | \n x",' +
        '"p<script>window.__pwned=1</script></style><!-- "" \' & ` | \n x","Perm <script>window.__pwned=1</script></style><!-- "" \' & ` | \n x",' +
        '"s<script>window.__pwned=1</script></style><!-- "" \' & ` | \n x†"\r\n',
    );
    const fixture = renderMatrix(modelOf(join(MATRIX_FIXTURES, 'hostile')), 'csv');
    expect(fixture.split('\r\n')[3]).toBe(
      `docs,Docs </style><script>window.__pwned=1</script>,docs.export,"'=HYPERLINK(""http://example.invalid"",""x"")",,all`,
    );
  });
});

describe('JSON', () => {
  it('round-trips hostile strings exactly', () => {
    const json = JSON.parse(renderMatrix(hostileModel(), 'json'));
    expect(json.areas[0].rows[0].cells[0].scopes[0].when).toBe(`resource.x == '${EVIL}'`);
    expect(json.areas[0].rows[0].description).toBe(EVIL);
  });
});
