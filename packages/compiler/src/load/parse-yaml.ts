import {
  Composer,
  Parser,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  type CST,
  type Document,
  type Node as YamlNode,
  type Scalar,
} from 'yaml';
import type { Problem, Span } from '../diagnostics/index.js';
import { makeProblem } from '../diagnostics/index.js';
import { firstTooDeep } from './first-too-deep.js';
import type { ScalarStyle, YEntry, YMap, YNode, YScalar, YSeq } from './yaml-tree.js';

/** Limits that keep hostile YAML bounded in time and memory. */
export interface YamlLimits {
  /** The deepest nesting of mappings and sequences accepted. */
  maxDepth: number;
  /** The most nodes aliases may add to a document once followed ("billion laughs"). */
  maxExpandedNodes: number;
}

/** Defaults: far beyond any real policy file, far below what hurts. */
export const DEFAULT_YAML_LIMITS: YamlLimits = { maxDepth: 200, maxExpandedNodes: 200_000 };

/** One YAML document of a file, converted to the {@link YNode} tree. */
export interface ParsedDocument {
  /** 0-based position of the document in its file. */
  index: number;
  /** The document's content; `null` for an empty document. */
  root: YNode | null;
  /** The whole document, from its first to its last character. */
  span: Span;
  /** Whether the yaml library reported an error in this document. */
  hasSyntaxErrors: boolean;
}

const STYLES: Record<string, ScalarStyle> = {
  PLAIN: 'plain',
  QUOTE_SINGLE: 'single',
  QUOTE_DOUBLE: 'double',
  BLOCK_LITERAL: 'literal',
  BLOCK_FOLDED: 'folded',
};

/**
 * Parses every YAML document of a file into permset's tree, reporting syntax errors, duplicate
 * keys, non-scalar keys and resource limits. It never throws: a broken document still yields
 * whatever the parser recovered, so later stages check the rest.
 */
export function parseYaml(
  uri: string,
  text: string,
  limits: YamlLimits = DEFAULT_YAML_LIMITS,
): { documents: ParsedDocument[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const documents: ParsedDocument[] = [];
  let docs: Document.Parsed[];
  // Per document: the offset of its first node deeper than the limit, or -1. Such a document is
  // not composed at all (the composer recurses, and would stop wherever the stack ran out).
  const tooDeep: number[] = [];
  function* guarded(tokens: Iterable<CST.Token>): Generator<CST.Token> {
    for (const token of tokens) {
      if (token.type !== 'document') {
        yield token;
        continue;
      }
      const deep = token.value ? firstTooDeep(token.value, limits.maxDepth) : -1;
      tooDeep.push(deep);
      yield deep < 0 ? token : { ...token, value: undefined };
    }
  }
  try {
    const composer = new Composer({ uniqueKeys: false, prettyErrors: false, strict: true });
    docs = Array.from(composer.compose(guarded(new Parser().parse(text)))) as unknown as Document.Parsed[];
  } catch (e) {
    // The parser is not documented to throw; if it ever does, the file is reported, not the run.
    problems.push(makeProblem('yaml-syntax', `The YAML parser failed: ${(e as Error).message}`, { uri, span: [0, 0] }));
    return { documents, problems };
  }
  docs.forEach((doc, index) => {
    let exhausted = false;
    const errorLines = new Set<number>();
    for (const err of doc.errors) {
      if (err.code === 'RESOURCE_EXHAUSTION') {
        // The parser reports one of these per stack frame it unwinds; one diagnostic says it all.
        if (exhausted) continue;
        exhausted = true;
        problems.push(
          makeProblem('yaml-limit', `The YAML is nested too deeply to parse (${cleanMessage(err.message)}).`, {
            uri,
            span: clampSpan(err.pos, text),
          }),
        );
        continue;
      }
      const span = clampSpan(err.pos, text);
      // A parser error cascades into one per following token; the first on a line says it,
      // and "unexpected token in YAML stream" after an earlier error is only the cascade.
      const line = lineKey(text, span[0]);
      if (errorLines.has(line)) continue;
      if (errorLines.size > 0 && / in YAML stream/.test(err.message)) continue;
      errorLines.add(line);
      problems.push(
        listTypeHint(uri, text, span) ?? makeProblem('yaml-syntax', cleanMessage(err.message), { uri, span }),
      );
    }
    for (const warn of doc.warnings) {
      problems.push(
        makeProblem(
          'yaml-syntax',
          cleanMessage(warn.message),
          { uri, span: clampSpan(warn.pos, text) },
          { severity: 2 },
        ),
      );
    }
    const deep = tooDeep[index] ?? -1;
    if (deep >= 0) {
      problems.push(
        makeProblem(
          'yaml-limit',
          `Nesting deeper than ${limits.maxDepth} levels is not supported; this document is not checked.`,
          { uri, span: [deep, deep + 1] },
        ),
      );
    }
    const converter = new Converter(uri, doc, limits, problems);
    const root = exhausted || deep >= 0 ? null : converter.convertRoot(doc.contents as YamlNode | null);
    const range = doc.range ?? [0, text.length, text.length];
    documents.push({ index, root, span: [range[0], range[1]], hasSyntaxErrors: doc.errors.length > 0 });
  });
  return { documents, problems };
}

/** The offset where the line holding `offset` starts: a key for "one error per line". */
function lineKey(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

/**
 * `{ members: string[] }` is not valid YAML (a `[` starts a list inside `{ }`), and the spec's own
 * examples are written that way, so this common slip gets a precise message and a fix.
 */
function listTypeHint(uri: string, text: string, span: Span): Problem | undefined {
  if (text.slice(span[0], span[0] + 2) !== '[]') return undefined;
  const m = /\b(string|number|boolean)$/.exec(text.slice(Math.max(0, span[0] - 7), span[0]));
  if (!m) return undefined;
  const start = span[0] - m[1]!.length;
  const written = `${m[1]}[]`;
  return makeProblem(
    'yaml-syntax',
    `Inside a flow mapping \`{ … }\`, '[' starts a list: write the list type quoted, as "${written}".`,
    { uri, span: [start, span[0] + 2] },
    {
      fixes: [
        {
          title: `Quote "${written}"`,
          isPreferred: true,
          edits: [{ uri, span: [start, span[0] + 2], newText: `"${written}"` }],
        },
      ],
    },
  );
}

function cleanMessage(message: string): string {
  // Positions are ours to print; the library's "at line 3, column 5" would disagree with editors.
  return message.replace(/ at line \d+, column \d+:?[\s\S]*$/, '').trim();
}

function clampSpan(pos: readonly [number, number], text: string): Span {
  const start = Math.max(0, Math.min(pos[0], text.length));
  const end = Math.max(start, Math.min(pos[1], text.length));
  return [start, end];
}

class Converter {
  // Aliases share the converted node of their anchor, so a document is a DAG, never copied.
  // Only anchored nodes can be the target of an alias, so only they are kept here.
  private readonly anchored = new Map<YamlNode, YNode>();
  /** How many nodes were converted (each once: an alias reuses its anchor's). */
  private convertedCount = 0;
  /** Whether an alias was followed: only then can nodes be shared, and sizes need a memo. */
  private sharesNodes = false;
  private readonly expandedSize = new Map<YNode, number>();
  private reportedDepth = false;

  constructor(
    private readonly uri: string,
    private readonly doc: Document.Parsed,
    private readonly limits: YamlLimits,
    private readonly problems: Problem[],
  ) {}

  convertRoot(node: YamlNode | null): YNode | null {
    // A document of only comments (or an explicit `null`) has a null scalar as its content.
    if (!node || (isScalar(node) && node.value === null)) return null;
    const root = this.convert(node, 0);
    // Only what aliases add counts: a big but plain document is bounded by the file size limit.
    if (root && this.sizeOf(root, 0) - this.convertedCount > this.limits.maxExpandedNodes) {
      const span = root.span;
      this.problems.push(
        makeProblem(
          'yaml-limit',
          `This document expands to more than ${this.limits.maxExpandedNodes} nodes once its aliases are followed (an "alias bomb"); it is not checked further.`,
          { uri: this.uri, span: [span[0], Math.min(span[1], span[0] + 1)] },
        ),
      );
      return null;
    }
    return root;
  }

  private convert(node: YamlNode, depth: number): YNode | null {
    if (isAlias(node)) {
      const target = node.resolve(this.doc) as YamlNode | undefined;
      if (!target) {
        this.problems.push(
          makeProblem('yaml-syntax', `Unknown alias *${node.source}.`, { uri: this.uri, span: spanOf(node) }),
        );
        return null;
      }
      const done = this.anchored.get(target);
      if (done) {
        this.sharesNodes = true;
        return done;
      }
      // The anchor is defined later in document order (not valid YAML), or the alias is inside
      // its own anchor (a cycle): either way there is nothing finished to share.
      this.problems.push(
        makeProblem(
          'yaml-syntax',
          `Alias *${node.source} refers to a node that is not complete here (a recursive alias).`,
          { uri: this.uri, span: spanOf(node) },
        ),
      );
      return null;
    }
    if (depth > this.limits.maxDepth) {
      if (!this.reportedDepth) {
        this.reportedDepth = true;
        this.problems.push(
          makeProblem(
            'yaml-limit',
            `Nesting deeper than ${this.limits.maxDepth} levels is not supported; the deeper part is ignored.`,
            { uri: this.uri, span: spanOf(node) },
          ),
        );
      }
      return null;
    }
    if (isScalar(node)) {
      const result = this.scalar(node);
      this.remember(node, result);
      return result;
    }
    if (isMap(node)) {
      const map: YMap = { kind: 'map', entries: [], span: spanOf(node), flow: !!node.flow };
      this.remember(node, map);
      const seen = new Map<string, YEntry>();
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const keyNode = pair.key as YamlNode | null;
        let key: YScalar;
        if (keyNode == null) {
          key = { kind: 'scalar', value: null, style: 'plain', span: [map.span[0], map.span[0]] };
        } else if (isScalar(keyNode)) {
          key = this.scalar(keyNode);
        } else {
          this.problems.push(
            makeProblem('schema-type', 'Keys must be plain strings, not collections or aliases.', {
              uri: this.uri,
              span: spanOf(keyNode),
            }),
          );
          continue;
        }
        const name = key.value === null ? '' : String(key.value);
        const valueNode = pair.value as YamlNode | null;
        const value: YNode | null = valueNode == null ? emptyScalar(key.span[1]) : this.convert(valueNode, depth + 1);
        const first = seen.get(name);
        if (first) {
          this.problems.push(
            makeProblem(
              'duplicate-key',
              `Duplicate key '${name}': this mapping already sets it; the first value is kept.`,
              { uri: this.uri, span: key.span },
              {
                related: [{ at: { uri: this.uri, span: first.key.span }, message: `'${name}' is first set here` }],
              },
            ),
          );
          continue;
        }
        const entry: YEntry = { key, name, value: value ?? emptyScalar(key.span[1]) };
        seen.set(name, entry);
        map.entries.push(entry);
      }
      return map;
    }
    if (isSeq(node)) {
      const seq: YSeq = { kind: 'seq', items: [], span: spanOf(node), flow: !!node.flow };
      this.remember(node, seq);
      for (const item of node.items) {
        const converted = item == null ? null : this.convert(item as YamlNode, depth + 1);
        if (converted) seq.items.push(converted);
      }
      return seq;
    }
    return null;
  }

  private remember(node: YamlNode, converted: YNode): void {
    this.convertedCount++;
    if (node.anchor) this.anchored.set(node, converted);
  }

  private scalar(node: Scalar): YScalar {
    const v = node.value;
    const value =
      v === null || v === undefined
        ? null
        : typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'
          ? v
          : String(v);
    return { kind: 'scalar', value, style: STYLES[node.type ?? 'PLAIN'] ?? 'plain', span: spanOf(node) };
  }

  /** Nodes the tree expands to when aliases are copied out; memoised per shared node. */
  private sizeOf(node: YNode, depth: number): number {
    const known = this.sharesNodes ? this.expandedSize.get(node) : undefined;
    if (known !== undefined) return known;
    let size = 1;
    if (depth <= this.limits.maxDepth) {
      if (node.kind === 'map') for (const e of node.entries) size += 1 + this.sizeOf(e.value, depth + 1);
      else if (node.kind === 'seq') for (const item of node.items) size += this.sizeOf(item, depth + 1);
    }
    size = Math.min(size, Number.MAX_SAFE_INTEGER);
    // Without aliases the document is a tree: each node is sized once anyway.
    if (this.sharesNodes) this.expandedSize.set(node, size);
    return size;
  }
}

function spanOf(node: YamlNode): Span {
  const r = node.range;
  return r ? [r[0], r[1]] : [0, 0];
}

function emptyScalar(at: number): YScalar {
  return { kind: 'scalar', value: null, style: 'plain', span: [at, at] };
}
