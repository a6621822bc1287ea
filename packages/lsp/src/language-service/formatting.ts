import type { TextEdit } from 'vscode-languageserver';
import { formatPolicyText } from './compiler-format.js';
import type { DocumentContext } from './document-context.js';

/**
 * Formats a policy file with the compiler's canonical formatter (the one `permset fmt` uses):
 * one edit replacing the whole text, or none when it is formatted or has YAML errors.
 */
export function formatDocument(ctx: DocumentContext): TextEdit[] {
  const result = formatPolicyText(ctx.text);
  if (!result.changed) return [];
  return [
    {
      range: { start: { line: 0, character: 0 }, end: ctx.loaded.source.positionAt(ctx.text.length) },
      newText: result.text,
    },
  ];
}
