import type { Kind, Span, YMap, YNode } from '@permset/compiler';
import { DEFAULT_MAX_FILE_SIZE, parseYaml } from '@permset/compiler';
import { locate, type PathSegment } from './yaml-location.js';

/** The placeholder written at the cursor to learn where a completion goes; a plain scalar anywhere. */
const PLACEHOLDER = 'permsetCompletionHere';

/** Where a completion goes, in YAML terms. */
export interface CompletionSite {
  /** The document's kind, when it has one. */
  kind: Kind | undefined;
  /** From the root to the completed node (for a key, ending with the placeholder key). */
  path: PathSegment[];
  /** Whether a mapping key is completed (else a value or a list item). */
  onKey: boolean;
  /** Whether the key has no `:` yet (the completion adds `: `). */
  needsColon: boolean;
  /** What the completion replaces in the real text: the word at the cursor. */
  replace: Span;
  /** A space to put before the completion (the cursor is right after `key:` or `-`). */
  lead: string;
  /** The mapping the key goes into (its other keys are not offered again). */
  parent: YMap | undefined;
  /** The chain of nodes from the root to the completed node, in the placeholder text. */
  chain: YNode[];
  /** Whether the word is inside quotes. */
  quoted: boolean;
}

const WORD = /[A-Za-z0-9_.*-]/;

/**
 * Finds out what a completion at `offset` completes, even where the text is not valid YAML yet
 * (an empty line under `grants:`, `extends:` with nothing after it): the word at the cursor is
 * replaced by a placeholder (followed by `:` on a line of its own, where only a key can go), the
 * text is parsed with the compiler's YAML loader, and the placeholder's path is read off the tree.
 */
export function completionSite(text: string, offset: number): CompletionSite | undefined {
  // The compiler does not parse files beyond its size limit; neither does completion.
  if (text.length > DEFAULT_MAX_FILE_SIZE) return undefined;
  let start = offset;
  while (start > 0 && WORD.test(text[start - 1]!)) start--;
  let end = offset;
  while (end < text.length && WORD.test(text[end]!)) end++;
  let lineStart = start;
  while (lineStart > 0 && text[lineStart - 1] !== '\n' && text[lineStart - 1] !== '\r') lineStart--;
  let lineEnd = end;
  while (lineEnd < text.length && text[lineEnd] !== '\n' && text[lineEnd] !== '\r') lineEnd++;
  const before = text.slice(lineStart, start);
  const after = text.slice(end, lineEnd);
  const quoted = /["']$/.test(before);
  const aloneOnLine = before.trim() === '';
  const hasColon = /^\s*:/.test(after);
  const lead = /[:-]$/.test(before) ? ' ' : '';
  const needsColon = aloneOnLine && !hasColon && !quoted;
  const placeholder = lead + PLACEHOLDER + (needsColon ? ':' : '');
  const modified = text.slice(0, start) + placeholder + text.slice(end);
  const { documents } = parseYaml('completion', modified);
  const at = start + lead.length + 1;
  const loc = locate(documents, at);
  if (!loc || loc.node.kind !== 'scalar' || loc.node.value !== PLACEHOLDER) return undefined;
  const parentNode = loc.chain[loc.chain.length - 2];
  const parent = loc.onKey && parentNode?.kind === 'map' ? parentNode : undefined;
  return {
    kind: loc.kind,
    path: loc.path,
    onKey: loc.onKey,
    needsColon,
    replace: [start, end],
    lead,
    parent,
    chain: loc.chain,
    quoted,
  };
}

/** The keys a mapping already has, besides the one being completed. */
export function existingKeys(site: CompletionSite): Set<string> {
  return new Set((site.parent?.entries ?? []).map((e) => e.name).filter((k) => k !== PLACEHOLDER));
}
