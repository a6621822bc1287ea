import { writtenComments } from './cst-comments.js';

/**
 * Aligns the trailing comments of consecutive lines one space after the longest line's content,
 * as gofmt does, so a column of `# source` notes beside grants stays a column:
 *
 *     contacts.view: member               # S003
 *     contacts.custom_fields.view: member # [INF]
 *
 * A line without a trailing comment (or a blank line) ends a run. Idempotent.
 */
export function alignTrailingComments(text: string): string {
  const lines = text.split('\n');
  const starts: number[] = [];
  let at = 0;
  for (const line of lines) {
    starts.push(at);
    at += line.length + 1;
  }
  // Line index -> column of its trailing comment's `#`.
  const trailing = new Map<number, number>();
  let li = 0;
  for (const c of writtenComments(text)) {
    while (li + 1 < starts.length && starts[li + 1]! <= c.offset) li++;
    const column = c.offset - starts[li]!;
    if (lines[li]!.slice(0, column).trim() !== '') trailing.set(li, column);
  }
  for (let i = 0; i < lines.length; i++) {
    if (!trailing.has(i)) continue;
    let end = i;
    while (trailing.has(end + 1)) end++;
    if (end > i) {
      const contentWidth = (k: number) => lines[k]!.slice(0, trailing.get(k)!).trimEnd().length;
      let width = 0;
      for (let k = i; k <= end; k++) width = Math.max(width, contentWidth(k));
      for (let k = i; k <= end; k++) {
        const line = lines[k]!;
        const column = trailing.get(k)!;
        const content = line.slice(0, column).trimEnd();
        lines[k] = content + ' '.repeat(width + 1 - content.length) + line.slice(column);
      }
    }
    i = end;
  }
  return lines.join('\n');
}
