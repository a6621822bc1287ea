import { MappedString } from './mapped-string.js';

/*
 * Flow scalars (plain, 'single', "double"), mapped character by character. Each function is a
 * port of eemeli/yaml's `resolve-flow-scalar.ts` (the parser permset uses) that also records
 * where every value character came from; following its code line by line, rather than the YAML
 * spec, is what makes the result identical to the value the loader saw, quirks included.
 * `source` is the scalar's written token (`fileText.slice(span)`), `base` its file offset.
 */

/** A plain scalar: lines folded, no escapes. */
export function mapPlain(source: string, base: number): MappedString {
  const out = new MappedString();
  unfoldLines(out, source, base);
  return out;
}

/** A single-quoted scalar: lines folded, then `''` read as `'`. */
export function mapSingleQuoted(source: string, base: number): MappedString {
  const folded = new MappedString();
  unfoldLines(folded, source.slice(1, -1), base + 1);
  // `''` cannot straddle a fold (a lone quote would have closed the scalar), so it is
  // undone after folding, as the library does, in one pass.
  const out = new MappedString();
  for (let i = 0; i < folded.value.length; i++) {
    if (folded.value[i] === "'" && folded.value[i + 1] === "'") {
      out.produced("'", folded.starts[i]!, folded.ends[i + 1]!);
      i++;
    } else out.produced(folded.value[i]!, folded.starts[i]!, folded.ends[i]!);
  }
  return out;
}

const TRAILING_WS = /[ \t]+$/;
const LEADING_WS = /^[ \t]*/;

function unfoldLines(out: MappedString, source: string, base: number): void {
  const line = /(.*?)\r?\n/sy;
  let match = line.exec(source);
  if (!match) return out.copied(source, base);
  const first = match[1]!.replace(TRAILING_WS, '');
  out.copied(first, base);
  let sep = ' ';
  // The separator stands for the line break and the whitespace stripped around it.
  let sepStart = base + first.length;
  let pos = line.lastIndex;
  while ((match = line.exec(source))) {
    const raw = match[1]!;
    const lead = LEADING_WS.exec(raw)![0].length;
    const content = raw.slice(lead).replace(TRAILING_WS, '');
    const start = base + match.index + lead;
    if (content === '') {
      // Breaks are attributed in order: this extra one to the source up to this empty line,
      // the separator emitted last to the source just before the next content.
      if (sep === '\n') {
        out.produced('\n', sepStart, base + match.index);
        sepStart = base + match.index;
      } else sep = '\n';
    } else {
      out.produced(sep, sepStart, start);
      out.copied(content, start);
      sep = ' ';
      sepStart = start + content.length;
    }
    pos = line.lastIndex;
  }
  const lead = LEADING_WS.exec(source.slice(pos))![0].length;
  out.produced(sep, sepStart, base + pos + lead);
  out.copied(source.slice(pos + lead), base + pos + lead);
}

const ESCAPES: Readonly<Record<string, string>> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  '\t': '\t',
};

/** A double-quoted scalar: escapes, escaped line breaks and folding. */
export function mapDoubleQuoted(source: string, base: number): MappedString {
  const out = new MappedString();
  for (let i = 1; i < source.length - 1; ++i) {
    const ch = source[i]!;
    if (ch === '\r' && source[i + 1] === '\n') continue;
    if (ch === '\n') {
      const start = i;
      let fold = '';
      let next = source[i + 1];
      while (next === ' ' || next === '\t' || next === '\n' || next === '\r') {
        if (next === '\r' && source[i + 2] !== '\n') break;
        if (next === '\n') fold += '\n';
        next = source[++i + 1];
      }
      out.produced(fold || ' ', base + start, base + i + 1);
    } else if (ch === '\\') {
      const escStart = i;
      let next = source[++i];
      const code = next === undefined ? undefined : ESCAPES[next];
      if (code !== undefined) out.produced(code, base + escStart, base + i + 1);
      else if (next === '\n' || (next === '\r' && source[i + 1] === '\n')) {
        // An escaped line break vanishes together with the next line's indentation.
        if (next === '\r') i++;
        next = source[i + 1];
        while (next === ' ' || next === '\t') next = source[++i + 1];
      } else if (next === 'x' || next === 'u' || next === 'U') {
        const length = next === 'x' ? 2 : next === 'u' ? 4 : 8;
        const hex = source.substr(i + 1, length);
        const code = hex.length === length && /^[0-9a-fA-F]+$/.test(hex) ? parseInt(hex, 16) : NaN;
        if (Number.isInteger(code) && code <= 0x10ffff)
          out.produced(String.fromCodePoint(code), base + escStart, base + i + 1 + length);
        else out.copied(source.substr(escStart, length + 2), base + escStart);
        i += length;
      } else out.copied(source.substr(escStart, 2), base + escStart);
    } else if (ch === ' ' || ch === '\t') {
      // Whitespace before a line break is folded away; elsewhere it is content.
      const wsStart = i;
      let next = source[i + 1];
      while (next === ' ' || next === '\t') next = source[++i + 1];
      if (next !== '\n' && !(next === '\r' && source[i + 2] === '\n'))
        out.copied(source.slice(wsStart, i + 1), base + wsStart);
    } else out.copied(ch, base + i);
  }
  return out;
}
