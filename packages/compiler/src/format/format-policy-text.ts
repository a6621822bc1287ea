import {
  Scalar,
  isMap,
  isNode,
  isScalar,
  isSeq,
  parseAllDocuments,
  type Document,
  type Node as YamlNode,
  type Pair,
  type YAMLMap,
} from 'yaml';
import { KINDS, type Kind } from '../validate/index.js';
import { alignTrailingComments } from './align-comments.js';
import { canonicalOrder } from './canonical-order.js';
import { sameYaml } from './format-safety.js';
import { schemaAtPath, type ValueShape } from './schema-at-path.js';
import { WrittenScalar, formatterTags } from './style-tags.js';

/** The result of {@link formatPolicyText}. */
export interface FormatResult {
  /** The formatted text; the input itself when it was left alone. */
  text: string;
  /** Whether `text` differs from the input. */
  changed: boolean;
  /**
   * Why the file was left alone, if it was: it has YAML errors (formatting a broken file would
   * guess at what was meant), or the formatted text would not read back as the same YAML with
   * the same comments (a safety net: the formatter never changes meaning or loses a comment).
   */
  skipped?: 'yaml-errors' | 'unsafe';
}

/** The printer options of the canonical style. */
const PRINT = {
  indent: 2,
  indentSeq: true,
  // No re-wrapping: multi-line scalars keep their lines (see WrittenScalar) and one-line ones stay on one line.
  lineWidth: 0,
  minContentWidth: 0,
} as const;

/**
 * The canonical formatting of a policy file, shared by `permset fmt` and the language server:
 *
 * - keys in the schema's order wherever the schema lists them (`kind, id, name, description,
 *   system, seat, extends, include, restrict, grants` for a set), unknown keys after them in
 *   their written order; `grants` and other maps keyed by ids keep their order (later grants
 *   win ties, so their order is meaning);
 * - 2-space indentation, lists indented under their key;
 * - quotes only where YAML needs them, and always (double) around anything with a `*`, so a
 *   pattern can never be read as an alias;
 * - comments, blank lines (at most one in a row), flow or block style of each collection, and
 *   the lines of multi-line scalars are kept; line endings (LF or CRLF) and a BOM too;
 * - trailing comments of consecutive lines aligned in one column (as gofmt does).
 *
 * Idempotent. A file with YAML errors is returned unchanged, as is one whose formatted text
 * would not parse back to the same data and comments.
 */
export function formatPolicyText(text: string): FormatResult {
  const bom = text.charCodeAt(0) === 0xfeff ? '\ufeff' : '';
  const body = bom ? text.slice(1) : text;
  const eol = /\r\n/.test(body) ? '\r\n' : '\n';
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(body, {
      customTags: formatterTags,
      prettyErrors: false,
      strict: true,
      uniqueKeys: false,
    }) as unknown as Document.Parsed[];
  } catch {
    return { text, changed: false, skipped: 'yaml-errors' };
  }
  if (!Array.isArray(docs) || docs.length === 0) return { text, changed: false };
  if (docs.some((d) => d.errors.length > 0 || d.warnings.length > 0))
    return { text, changed: false, skipped: 'yaml-errors' };

  let out: string;
  try {
    for (const doc of docs) formatDocument(doc, body);
    out = alignTrailingComments(docs.map((d) => d.toString(PRINT)).join(''));
  } catch {
    return { text, changed: false, skipped: 'unsafe' };
  }
  if (!sameYaml(body, out)) return { text, changed: false, skipped: 'unsafe' };
  const formatted = bom + (eol === '\n' ? out : out.replace(/\r?\n/g, eol));
  return formatted === text ? { text, changed: false } : { text: formatted, changed: true };
}

function formatDocument(doc: Document.Parsed, source: string): void {
  const root = doc.contents as YamlNode | null;
  if (!root) return;
  const kindPair = isMap(root) ? root.items.find((p) => isScalar(p.key) && p.key.value === 'kind') : undefined;
  const kindValue = kindPair && isScalar(kindPair.value) ? kindPair.value.value : undefined;
  const kind =
    typeof kindValue === 'string' && (KINDS as string[]).includes(kindValue) ? (kindValue as Kind) : undefined;
  walk(root, [], [], kind, source, true);
}

/**
 * Formats `node` at `path` (keys and indexes from the root; `shapes[i]` is the shape of the value
 * at `path.slice(0, i)`), ordering mappings the schema describes and normalising scalars.
 */
function walk(
  node: YamlNode,
  path: (string | number)[],
  shapes: ValueShape[],
  kind: Kind | undefined,
  source: string,
  isRoot: boolean,
): void {
  const shape: ValueShape = isMap(node) ? 'map' : isSeq(node) ? 'seq' : 'scalar';
  const here = [...shapes, shape];
  if (isMap(node)) {
    if (kind) {
      const schema = schemaAtPath(kind, path, (depth) => here[depth]);
      if (schema) reorder(node, canonicalOrder(schema.schema), isRoot);
    }
    for (const pair of node.items) {
      if (isScalar(pair.key)) formatScalar(pair.key, source, true);
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      if (isNode(pair.value)) {
        walk(
          pair.value as YamlNode,
          key === undefined ? path : [...path, key],
          here,
          key === undefined ? undefined : kind,
          source,
          false,
        );
      }
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => {
      if (isNode(item)) walk(item as YamlNode, [...path, i], here, kind, source, false);
    });
  } else if (isScalar(node) && !isRoot) {
    formatScalar(node, source, false);
  }
}

/**
 * Sorts a mapping's pairs by `order` (stable; keys not in it go last in written order). The
 * comment above a document's first key is the file's header: it stays at the top.
 */
function reorder(map: YAMLMap, order: readonly string[], isRoot: boolean): void {
  if (order.length === 0 || map.items.length < 2) return;
  const rank = (p: Pair): number => {
    const i = isScalar(p.key) ? order.indexOf(String(p.key.value)) : -1;
    return i < 0 ? order.length : i;
  };
  const sorted = map.items
    .map((p, i) => ({ p, i }))
    .sort((a, b) => rank(a.p) - rank(b.p) || a.i - b.i)
    .map((x) => x.p);
  if (sorted.every((p, i) => p === map.items[i])) return;
  const oldFirst = map.items[0]!.key as YamlNode | null;
  const newFirst = sorted[0]!.key as YamlNode | null;
  if (isRoot && oldFirst && newFirst && isScalar(oldFirst) && isScalar(newFirst) && oldFirst.commentBefore) {
    const header = oldFirst.commentBefore;
    oldFirst.commentBefore = undefined;
    newFirst.commentBefore = newFirst.commentBefore ? `${header}\n${newFirst.commentBefore}` : header;
    oldFirst.spaceBefore = false;
    newFirst.spaceBefore = false;
  }
  map.items = sorted as typeof map.items;
}

// Characters that must never be written bare: controls, invisible formatting (bidi) characters,
// line and paragraph separators. A string holding one keeps the quotes (and escapes) it has.
const NEEDS_ESCAPES = /[\p{C}\u2028\u2029]/u;
// A permission pattern (`invoices.*`, `*.view`): quoted wherever it is written, key or list item.
const PATTERN = /^[A-Za-z0-9_.*-]+$/;

function formatScalar(node: Scalar, source: string, isKey: boolean): void {
  const range = node.range;
  if (!range) return;
  const written = source.slice(range[0], range[1]);
  if (typeof node.value === 'number' && node.type === Scalar.PLAIN && !written.includes('\n') && !isKey) {
    // `1.50`, `0x1F` and `1e3` stay as written.
    node.value = new WrittenScalar(written.trim(), []) as unknown as number;
    return;
  }
  if (typeof node.value !== 'string') return;
  if (/[\r\n]/.test(written.replace(/[\r\n]+$/, ''))) {
    if (!isKey) keepLines(node, written);
    return;
  }
  // The printer would write such characters raw (an escaped `\u202E` would become an invisible
  // bidi control): the scalar stays exactly as written.
  if (NEEDS_ESCAPES.test(node.value)) node.value = new WrittenScalar(written.trim(), []) as unknown as string;
  else if (node.value.includes('*') && (isKey || PATTERN.test(node.value))) node.type = Scalar.QUOTE_DOUBLE;
  else if (node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE) node.type = Scalar.PLAIN;
}

/** Keeps a multi-line scalar's lines, re-indented to where the printer puts it. */
function keepLines(node: Scalar, written: string): void {
  const lines = written.split(/\r?\n|\r/);
  while (lines.length > 1 && lines[lines.length - 1]!.trim() === '') lines.pop();
  const first = lines[0]!;
  if (node.type === Scalar.BLOCK_FOLDED || node.type === Scalar.BLOCK_LITERAL) {
    const header = first.trim().split(/\s/)[0]!;
    // An explicit indentation indicator (`|2`) or keep chomping (`|+`, trailing lines are content)
    // ties the text to its indentation; the printer's own output is exact for those.
    if (!/^[|>]-?$/.test(header)) return;
    const content = lines.slice(1);
    const indent = Math.min(...content.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)![0].length));
    if (!Number.isFinite(indent)) return;
    node.value = new WrittenScalar(
      header,
      content.map((l) => (l.trim() === '' && l.length <= indent ? '' : l.slice(indent))),
    ) as unknown as string;
    return;
  }
  // A flow scalar folds its lines: leading white space of a continuation line is not content.
  node.value = new WrittenScalar(
    first,
    lines.slice(1).map((l) => l.replace(/^[ \t]+/, '')),
  ) as unknown as string;
}
