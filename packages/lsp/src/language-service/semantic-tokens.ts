import { MAX_CONDITION_LENGTH, ScalarSourceMap, conditionTokens } from '@permset/compiler';
import type { DocumentContext } from './document-context.js';
import { fileSymbols } from './symbol-index.js';

/** The token types of condition highlighting, in legend order (LSP's standard names). */
export const TOKEN_TYPES = ['keyword', 'operator', 'string', 'number', 'variable', 'property', 'function'] as const;

/** The legend the server announces. */
export const SEMANTIC_TOKENS_LEGEND = { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [] as string[] };

/**
 * Semantic tokens for the conditions inside YAML strings (`when:` of scopes and grants): the
 * compiler's `conditionTokens`, placed in the file through each scalar's source map, so quotes,
 * escapes and block scalars are respected. A token that spans lines is split per line. Encoded
 * as LSP's relative 5-tuples.
 */
export function semanticTokens(ctx: DocumentContext): { data: number[] } {
  const source = ctx.loaded.source;
  const spans: { line: number; char: number; length: number; type: number }[] = [];
  for (const c of fileSymbols(ctx.ws, ctx.loaded).conditions) {
    const map = ScalarSourceMap.of(ctx.text, c.scalar);
    // The compiler rejects longer conditions (expr-syntax) without parsing them; colouring one
    // would only cost time on hostile text.
    if (map.text.length > MAX_CONDITION_LENGTH) continue;
    for (const t of conditionTokens(map.text)) {
      const [start, end] = map.spanOf(t.span);
      const type = TOKEN_TYPES.indexOf(t.type);
      let at = start;
      while (at < end) {
        const pos = source.positionAt(at);
        // The end of the token's line from the file's line table, not by scanning: a long line
        // of many tokens would otherwise be scanned once per token.
        const lineEnd = Math.min(end, source.offsetAt({ line: pos.line, character: Number.MAX_SAFE_INTEGER }));
        if (lineEnd > at) spans.push({ line: pos.line, char: pos.character, length: lineEnd - at, type });
        at = nextLineStart(ctx.text, lineEnd);
      }
    }
  }
  spans.sort((a, b) => a.line - b.line || a.char - b.char);
  const data: number[] = [];
  let line = 0;
  let char = 0;
  let lastEnd = -1;
  for (const s of spans) {
    // Tokens never overlap in LSP; a token starting inside the previous one is dropped.
    if (s.line === line && s.char < lastEnd) continue;
    data.push(s.line - line, s.line === line ? s.char - char : s.char, s.length, s.type, 0);
    // eslint-disable-next-line no-useless-assignment -- reset for the new line, read by the next token's check
    if (s.line !== line) lastEnd = -1;
    line = s.line;
    char = s.char;
    lastEnd = s.char + s.length;
  }
  return { data };
}

function nextLineStart(text: string, at: number): number {
  let i = at;
  if (text[i] === '\r') i++;
  if (text[i] === '\n') i++;
  return i === at ? at + 1 : i;
}
