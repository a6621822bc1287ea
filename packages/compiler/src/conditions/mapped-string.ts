/**
 * A string being built from source text, remembering for each UTF-16 unit the file offsets
 * `[start, end)` of the source that produced it: one character for a copied one, the whole
 * escape for `\x41`, the line break (and the whitespace around it) for a folded space.
 */
export class MappedString {
  value = '';
  readonly starts: number[] = [];
  readonly ends: number[] = [];

  /** Appends `chars`, all produced by the source `[start, end)`. */
  produced(chars: string, start: number, end: number): void {
    for (let i = 0; i < chars.length; i++) {
      this.starts.push(start);
      this.ends.push(end);
    }
    this.value += chars;
  }

  /** Appends `chars`, copied one for one from the file at `start`. */
  copied(chars: string, start: number): void {
    for (let i = 0; i < chars.length; i++) {
      this.starts.push(start + i);
      this.ends.push(start + i + 1);
    }
    this.value += chars;
  }
}
