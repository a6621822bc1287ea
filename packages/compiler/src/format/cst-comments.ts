import { Parser } from 'yaml';

/** A comment as written: where its `#` is, and its text from the `#` to the end of the line. */
export interface WrittenComment {
  offset: number;
  source: string;
}

/**
 * Every comment of a YAML text, in order, from the library's concrete syntax tree (which keeps
 * every character), so a `#` inside a string or a block scalar is never taken for one.
 */
export function writtenComments(text: string): WrittenComment[] {
  const out: WrittenComment[] = [];
  const stack: unknown[] = [...new Parser().parse(text)];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!node || typeof node !== 'object') continue;
    if (Array.isArray(node)) {
      for (const item of node) stack.push(item);
      continue;
    }
    const token = node as { type?: unknown; offset?: unknown; source?: unknown };
    if (token.type === 'comment' && typeof token.offset === 'number' && typeof token.source === 'string') {
      out.push({ offset: token.offset, source: token.source });
      continue;
    }
    for (const value of Object.values(node)) if (value && typeof value === 'object') stack.push(value);
  }
  return out.sort((a, b) => a.offset - b.offset);
}
