import type { GrantFixIntent, ProblemFix, Span } from '../diagnostics/index.js';
import type { GrantEntry, GrantOwnerDef } from '../entities/index.js';

/** The span of whole lines holding `span`, line break included: what deleting a block entry removes. */
export function wholeLines(text: string, span: Span): Span | undefined {
  let start = span[0];
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  // Only when the entry is alone on its lines (a block mapping entry, not part of a flow `{...}`).
  if (text.slice(start, span[0]).trim() !== '') return undefined;
  // A block value (`key:` and an indented mapping below) ends after its last line break.
  let end = span[1];
  while (end > span[0] && (text[end - 1] === '\n' || text[end - 1] === '\r' || text[end - 1] === ' ')) end--;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  const rest = text.slice(span[1], end);
  if (rest.trim() !== '' && !rest.trim().startsWith('#')) return undefined;
  if (text[end] === '\r') end++;
  if (text[end] === '\n') end++;
  return [start, end];
}

/**
 * A fix deleting a grant entry: its lines in a block mapping, the entry and a comma in a flow one.
 * `text` undefined: a source without text (a run-time definition), fixed by `grant` alone.
 */
export function removeEntryFix(text: string | undefined, entry: GrantEntry, title: string): ProblemFix | undefined {
  const grant: GrantFixIntent = { kind: 'remove', uri: entry.uri, key: entry.key };
  if (text === undefined) return { title, edits: [], grant };
  const span = wholeLines(text, entry.entrySpan) ?? flowEntry(text, entry.entrySpan);
  return span ? { title, edits: [{ uri: entry.uri, span, newText: '' }], grant } : undefined;
}

/**
 * The span that deleting an entry of a one-line flow mapping removes: the entry with the comma
 * and spaces after it (`{ a: x, b: y }` → `{ b: y }`), or before it when it is the last one.
 * Anything else between the entries (a line break, a comment) gets no fix rather than a guess.
 */
function flowEntry(text: string, span: Span): Span | undefined {
  const blank = (c: string | undefined) => c === ' ' || c === '\t';
  let before = span[0];
  while (before > 0 && blank(text[before - 1])) before--;
  let after = span[1];
  while (blank(text[after])) after++;
  const opener = text[before - 1];
  const closer = text[after];
  if ((opener !== '{' && opener !== ',') || (closer !== '}' && closer !== ',')) return undefined;
  if (closer === ',') {
    let next = after + 1;
    while (blank(text[next])) next++;
    return text[next] === '\n' || text[next] === '\r' || text[next] === '#' || next >= text.length
      ? undefined
      : [span[0], next];
  }
  return opener === ',' ? [before - 1, span[1]] : [span[0], span[1]];
}

/**
 * A fix that sets `key: value` in an owner's `grants` (`value`: `none`, or scopes): replaces the
 * value of an existing entry, appends a line to a block mapping with its indentation, or adds a
 * `grants:` block at the end of the document. Flow-style mappings get no fix rather than a guess.
 * `text` undefined: a source without text (a run-time definition), fixed by `grant` alone.
 */
export function setGrantFix(
  text: string | undefined,
  owner: GrantOwnerDef,
  key: string,
  scopes: readonly string[] | 'none',
  title: string,
): ProblemFix | undefined {
  const uri = owner.origin.uri;
  const grant: GrantFixIntent = {
    kind: 'set',
    uri,
    key,
    value: scopes === 'none' || scopes.length !== 1 ? scopes : scopes[0]!,
  };
  if (text === undefined) return { title, edits: [], grant };
  const fix = setGrantText(text, owner, key, scopes === 'none' ? 'none' : yamlScopes(scopes), title);
  return fix && { ...fix, grant };
}

function setGrantText(
  text: string,
  owner: GrantOwnerDef,
  key: string,
  value: string,
  title: string,
): ProblemFix | undefined {
  const uri = owner.origin.uri;
  const existing = owner.grants.find((g) => g.key === key);
  if (existing) return { title, edits: [{ uri, span: existing.value.span, newText: value }] };
  const block = owner.grantsKey?.block;
  if (block) {
    let lineStart = block.firstKeyStart;
    while (lineStart > 0 && text[lineStart - 1] !== '\n' && text[lineStart - 1] !== '\r') lineStart--;
    const indent = text.slice(lineStart, block.firstKeyStart);
    if (indent.trim() !== '') return undefined;
    let end = block.lastEnd;
    while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    return { title, edits: [{ uri, span: [end, end], newText: `${eol}${indent}${yamlKey(key)}: ${value}` }] };
  }
  const flowEnd = owner.grantsKey?.flowEnd;
  if (flowEnd !== undefined && text[flowEnd - 1] === '}') {
    let at = flowEnd - 1;
    while (at > 0 && (text[at - 1] === ' ' || text[at - 1] === '\t')) at--;
    if (text[at - 1] === '\n' || text[at - 1] === '\r') return undefined;
    const empty = text[at - 1] === '{';
    return { title, edits: [{ uri, span: [at, at], newText: `${empty ? '' : ', '}${yamlKey(key)}: ${value}` }] };
  }
  if (!owner.grantsKey) {
    const end = owner.origin.span[1];
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    const before = end > 0 && text[end - 1] !== '\n' ? eol : '';
    return {
      title,
      edits: [{ uri, span: [end, end], newText: `${before}grants:${eol}  ${yamlKey(key)}: ${value}${eol}` }],
    };
  }
  return undefined;
}

function yamlKey(key: string): string {
  return /^[a-z][a-z0-9_.]*$/.test(key) ? key : JSON.stringify(key);
}

/** A scope list as YAML: `member` or `[own, member]`. */
export function yamlScopes(scopes: readonly string[]): string {
  return scopes.length === 1 ? scopes[0]! : `[${scopes.join(', ')}]`;
}
