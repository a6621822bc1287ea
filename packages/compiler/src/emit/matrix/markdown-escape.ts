// Text from policy files is free text: in a Markdown report it must read as itself, never as
// Markdown or HTML, and never break a table row. GitHub renders these reports in pull-request
// comments, where a stray `<details>`, `|` or `@name` would change the page or ping someone.

// Control characters and bidi controls (which reorder what a reader sees) are shown, not kept.
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function visible(text: string): string {
  // U+2028/U+2029 are line breaks too (Unicode's line and paragraph separators).
  return text
    .replace(/\r\n?|[\n\u2028\u2029]/g, ' ')
    .replace(INVISIBLE, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`);
}

/**
 * Plain text for a Markdown paragraph, list item or table cell: line breaks become spaces,
 * `&`, `<` and `>` become entities (no HTML), and Markdown punctuation gets a backslash (no
 * emphasis, links, code, mentions or cell breaks).
 */
export function mdText(text: string): string {
  return visible(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]{}|~#@!]/g, (c) => `\\${c}`);
}

/**
 * An inline code span holding `text` verbatim: fenced with one more backtick than the longest run
 * inside it, padded when it starts or ends with a backtick. In a table (`inTable`), `|` is written
 * `\|`, which GitHub's tables turn back into `|` even inside code.
 */
export function mdCode(text: string, inTable = false): string {
  let body = visible(text);
  // GitHub splits cells at a `|` after `\\` even inside code, so such text goes as escaped text.
  if (inTable && body.includes('\\')) return mdText(text);
  if (inTable) body = body.replace(/\|/g, '\\|');
  if (body === '') return '';
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad =
    body.startsWith('`') || body.endsWith('`') || (body.startsWith(' ') && body.endsWith(' ') && body.trim() !== '')
      ? ' '
      : '';
  return `${fence}${pad}${body}${pad}${fence}`;
}

/**
 * Text inside a raw HTML line of a Markdown report (the `<summary>` of a `<details>`), where
 * GitHub applies no Markdown, so only HTML is escaped (a backslash would show).
 */
export function mdHtmlText(text: string): string {
  return visible(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
