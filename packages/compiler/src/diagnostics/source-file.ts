import type { Position, Range, Span } from './diagnostic.js';

/**
 * A file's text with its line table: the one place that turns offsets into LSP positions.
 *
 * Line breaks are `\n`, `\r\n` and a lone `\r`, as in both YAML and LSP.
 */
export class SourceFile {
  private lineStarts: number[] | undefined;

  constructor(
    /** The name the file was compiled under (a relative path in the CLI, a URI in the editor). */
    readonly uri: string,
    /** The decoded text. */
    readonly text: string,
  ) {}

  private lines(): number[] {
    if (this.lineStarts) return this.lineStarts;
    const starts = [0];
    const text = this.text;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.lineStarts = starts;
    return starts;
  }

  /** The number of lines (a file without a trailing break still has its last line). */
  get lineCount(): number {
    return this.lines().length;
  }

  /** The 0-based position of `offset`, clamped to the text. */
  positionAt(offset: number): Position {
    const starts = this.lines();
    let o = Math.max(0, Math.min(offset, this.text.length));
    // Between the `\r` and `\n` of a CRLF is no position an editor can show: move past the
    // break, as the same span over an LF file would end (YAML errors often span the break).
    if (o > 0 && this.text.charCodeAt(o - 1) === 13 && this.text.charCodeAt(o) === 10) o++;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - starts[lo]! };
  }

  /** The offset of a 0-based position, clamped to its line. */
  offsetAt(position: Position): number {
    const starts = this.lines();
    if (position.line < 0) return 0;
    if (position.line >= starts.length) return this.text.length;
    const start = starts[position.line]!;
    const next = position.line + 1 < starts.length ? starts[position.line + 1]! : this.text.length;
    let end = next;
    // The line's own length excludes its break, so a character past the end stays on the line.
    while (end > start && (this.text.charCodeAt(end - 1) === 10 || this.text.charCodeAt(end - 1) === 13)) end--;
    return Math.min(start + Math.max(0, position.character), end);
  }

  /** The range of a span. */
  rangeOf(span: Span): Range {
    return { start: this.positionAt(span[0]), end: this.positionAt(span[1]) };
  }

  /** The text of line `line` without its break. */
  lineText(line: number): string {
    const starts = this.lines();
    if (line < 0 || line >= starts.length) return '';
    const start = starts[line]!;
    const end = line + 1 < starts.length ? starts[line + 1]! : this.text.length;
    return this.text.slice(start, end).replace(/\r?\n$|\r$/, '');
  }
}
