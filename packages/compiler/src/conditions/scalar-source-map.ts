import type { Span } from '../diagnostics/index.js';
import type { YScalar } from '../load/index.js';
import { blockContentStart, mapBlockScalar } from './block-scalar-map.js';
import { mapDoubleQuoted, mapPlain, mapSingleQuoted } from './flow-scalar-map.js';
import type { MappedString } from './mapped-string.js';

/**
 * Where each character of a YAML scalar's value was written in the file. Conditions live in
 * scalars, and their diagnostics must underline the exact characters in the file, through
 * quotes, escapes (`\x41`, `''`), line folding and block indentation.
 *
 * The map is rebuilt from the written token by a port of the YAML library's own scalar
 * resolution, then compared with the value the loader produced. If they ever disagree (a YAML
 * error inside the scalar), `exact` is false and offsets are estimates that stay inside the
 * scalar; no fix is offered then.
 */
export class ScalarSourceMap {
  private constructor(
    /**
     * The condition text the map indexes: the scalar's string value; for a plain scalar the
     * loader read as another type (`true`, `12`, `null`), the text as written.
     */
    readonly text: string,
    /** Whether every offset is exact. */
    readonly exact: boolean,
    private readonly fileText: string,
    private readonly starts: readonly number[],
    private readonly ends: readonly number[],
    /** Where an empty value sits: inside the quotes, or after a block header. */
    private readonly emptyAt: number,
    /** The scalar's written token, clamped to the file (quotes and block header included). */
    readonly tokenSpan: Span,
  ) {}

  /** Builds the map of `scalar`, whose `span` is in `fileText`. Never throws. */
  static of(fileText: string, scalar: YScalar): ScalarSourceMap {
    const start = Math.max(0, Math.min(scalar.span[0], fileText.length));
    const end = Math.max(start, Math.min(scalar.span[1], fileText.length));
    const value = typeof scalar.value === 'string' ? scalar.value : undefined;
    let emptyAt = scalar.style === 'single' || scalar.style === 'double' ? Math.min(start + 1, end) : start;
    let mapped: MappedString | undefined;
    try {
      if (scalar.style === 'literal' || scalar.style === 'folded') {
        emptyAt = blockContentStart(fileText, start, end);
        mapped = mapBlock(fileText, start, end, value);
      } else {
        const source = fileText.slice(start, end);
        mapped =
          scalar.style === 'single'
            ? mapSingleQuoted(source, start)
            : scalar.style === 'double'
              ? mapDoubleQuoted(source, start)
              : mapPlain(source, start);
      }
    } catch {
      mapped = undefined;
    }
    if (mapped && (value === undefined || mapped.value === value)) {
      return new ScalarSourceMap(mapped.value, true, fileText, mapped.starts, mapped.ends, emptyAt, [start, end]);
    }
    // Estimate: the value laid over the scalar's content from its start.
    const text = value ?? fileText.slice(start, end);
    const starts = Array.from({ length: text.length }, (_, i) => Math.min(emptyAt + i, end));
    return new ScalarSourceMap(
      text,
      false,
      fileText,
      starts,
      starts.map((s) => Math.min(s + 1, end)),
      emptyAt,
      [start, end],
    );
  }

  /**
   * The file offset of the character that produced `text[valueIndex]` (for an escape or a fold,
   * its first character). `text.length` maps to the end of the last character's source; the
   * index is clamped to `[0, text.length]`.
   */
  offsetAt(valueIndex: number): number {
    const n = this.starts.length;
    const i = Math.max(0, Math.min(Number.isFinite(valueIndex) ? Math.floor(valueIndex) : 0, n));
    if (i < n) return this.starts[i]!;
    return n > 0 ? this.ends[n - 1]! : this.emptyAt;
  }

  /** The file span of a span in the text: from its first character's source to its last's end. */
  spanOf(span: Span): Span {
    const n = this.starts.length;
    const s = Math.max(0, Math.min(span[0], n));
    const e = Math.max(s, Math.min(span[1], n));
    if (e === s) {
      const at = this.offsetAt(s);
      return [at, at];
    }
    return [this.starts[s]!, this.ends[e - 1]!];
  }

  /**
   * Whether the text span was copied into the value character for character, so replacing the
   * file span with new text (a quick fix) changes exactly that part of the value.
   */
  isVerbatim(span: Span): boolean {
    if (!this.exact || span[0] < 0 || span[1] > this.starts.length || span[0] > span[1]) return false;
    for (let i = span[0]; i < span[1]; i++) {
      const start = this.starts[i]!;
      if (this.ends[i] !== start + 1 || this.fileText[start] !== this.text[i]) return false;
      if (i > span[0] && start !== this.ends[i - 1]) return false;
    }
    return true;
  }
}

// The library's block `indent` (the parent's indentation) is not in YScalar; it only changes the
// value with an indentation indicator (`|2`), so it is found by trying each plausible one.
function mapBlock(fileText: string, start: number, end: number, value: string | undefined): MappedString {
  const first = mapBlockScalar(fileText, start, end, 0);
  if (value === undefined || first.value === value) return first;
  const maxIndent = Math.min(
    /^ */.exec(fileText.slice(blockContentStart(fileText, start, end), end).replace(/^(?: *\r?\n)+/, ''))![0].length,
    200,
  );
  for (let parent = 1; parent <= maxIndent; parent++) {
    const mapped = mapBlockScalar(fileText, start, end, parent);
    if (mapped.value === value) return mapped;
  }
  return first;
}

/**
 * Maps an index into the scalar's string value to the offset in `fileText` of the character that
 * produced it (see {@link ScalarSourceMap.offsetAt}). For a whole span, with an exact end and a
 * check that it maps one-to-one, use {@link ScalarSourceMap} directly.
 */
export function scalarOffsetMapper(fileText: string, scalar: YScalar): (valueIndex: number) => number {
  const map = ScalarSourceMap.of(fileText, scalar);
  return (valueIndex) => map.offsetAt(valueIndex);
}
