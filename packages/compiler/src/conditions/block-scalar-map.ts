import { MappedString } from './mapped-string.js';

/*
 * Block scalars (`|` literal, `>` folded), mapped character by character: a port of eemeli/yaml's
 * `resolve-block-scalar.ts` that records where every value character came from (see
 * `flow-scalar-map.ts` for why a port).
 */

interface Line {
  /** Offset of the line's first character. */
  start: number;
  /** The leading spaces (tabs are content, as in YAML). */
  indent: number;
  /** The rest of the line, without its `\n` (a CRLF line keeps its `\r`). */
  content: string;
  /** Whether a `\n` ends the line (the last line of the scalar may lack one). */
  broken: boolean;
}

/** The header of a block scalar: `|`, `>-`, `|2+`... */
interface Header {
  folded: boolean;
  indent: number;
  chomp: '' | '-' | '+';
}

/**
 * Maps a block scalar whose written token is `fileText.slice(start, end)` (header included).
 * `parentIndent` is the indentation the library calls the scalar's `indent`; it only matters
 * with an explicit indentation indicator (`|2`), and the caller finds it by trial.
 */
export function mapBlockScalar(fileText: string, start: number, end: number, parentIndent: number): MappedString {
  const header = readHeader(fileText, start, end);
  const contentStart = blockContentStart(fileText, start, end);
  // No content at all is no line at all (not one empty line): it matters for `|+`.
  const lines = contentStart < end ? splitLines(fileText, contentStart, end) : [];
  return mapLines(lines, header, parentIndent, contentStart);
}

/** Where the content of a block scalar starts: after the header line (`|-  # comment`). */
export function blockContentStart(fileText: string, start: number, end: number): number {
  const nl = fileText.indexOf('\n', start);
  return nl === -1 || nl >= end ? end : nl + 1;
}

function readHeader(fileText: string, start: number, end: number): Header {
  const header: Header = { folded: fileText[start] === '>', indent: 0, chomp: '' };
  for (let i = start + 1; i < end; i++) {
    const ch = fileText[i]!;
    if (!header.chomp && (ch === '-' || ch === '+')) header.chomp = ch;
    else if (ch >= '1' && ch <= '9' && !header.indent) header.indent = Number(ch);
    else break;
  }
  return header;
}

function splitLines(fileText: string, from: number, to: number): Line[] {
  const lines: Line[] = [];
  let start = from;
  for (;;) {
    const nl = fileText.indexOf('\n', start);
    const broken = nl !== -1 && nl < to;
    const lineEnd = broken ? nl : to;
    let indent = 0;
    while (start + indent < lineEnd && fileText[start + indent] === ' ') indent++;
    lines.push({ start, indent, content: fileText.slice(start + indent, lineEnd), broken });
    if (!broken) return lines;
    start = nl + 1;
  }
}

/** The span of the line break ending `line` (`\r\n` included); empty at the end when there is none. */
function breakOf(line: Line | undefined, fallback: number): [number, number] {
  if (!line) return [fallback, fallback];
  const end = line.start + line.indent + line.content.length;
  if (!line.broken) return [end, end];
  return line.content.endsWith('\r') ? [end - 1, end + 1] : [end, end + 1];
}

function isEmpty(line: Line): boolean {
  return line.content === '' || line.content === '\r';
}

function mapLines(lines: Line[], header: Header, parentIndent: number, contentStart: number): MappedString {
  const out = new MappedString();
  const last = lines.at(-1);
  const endOffset = last ? last.start + last.indent + last.content.length : contentStart;
  let chompStart = lines.length;
  for (let i = lines.length - 1; i >= 0 && isEmpty(lines[i]!); --i) chompStart = i;
  if (chompStart === 0) {
    // Only empty lines: `+` keeps their breaks, other chomping keeps nothing.
    if (header.chomp === '+' && lines.length > 0) {
      for (let k = 0; k < Math.max(1, lines.length - 1); k++) out.produced('\n', ...breakOf(lines[k], endOffset));
    }
    return out;
  }
  let trimIndent = parentIndent + header.indent;
  let contentFrom = 0;
  for (let i = 0; i < chompStart; ++i) {
    const line = lines[i]!;
    if (isEmpty(line)) {
      if (header.indent === 0 && line.indent > trimIndent) trimIndent = line.indent;
    } else {
      if (header.indent === 0) trimIndent = line.indent;
      contentFrom = i;
      break;
    }
  }
  // Trailing empty lines indented deeper than the content are content.
  for (let i = lines.length - 1; i >= chompStart; --i) if (lines[i]!.indent > trimIndent) chompStart = i + 1;
  // Leading empty lines keep their extra indentation.
  for (let i = 0; i < contentFrom; ++i) {
    const line = lines[i]!;
    out.copied(' '.repeat(Math.max(0, line.indent - trimIndent)), line.start + trimIndent);
    out.produced('\n', ...breakOf(line, endOffset));
  }
  let sep = '';
  let prevMoreIndented = false;
  for (let i = contentFrom; i < chompStart; ++i) {
    const line = lines[i]!;
    const content = line.content.endsWith('\r') ? line.content.slice(0, -1) : line.content;
    // A line indented less than the content is an error the loader reports; it drops the indent.
    const extra = content && line.indent < trimIndent ? 0 : Math.max(0, line.indent - trimIndent);
    const contentAt = line.start + line.indent;
    const prevBreak = breakOf(lines[i - 1], endOffset);
    if (!header.folded) {
      out.produced(sep, ...prevBreak);
      out.copied(' '.repeat(extra), contentAt - extra);
      out.copied(content, contentAt);
      sep = '\n';
    } else if (line.indent > trimIndent || content[0] === '\t') {
      // More-indented lines of a folded scalar keep their breaks.
      if (sep === ' ') sep = '\n';
      else if (!prevMoreIndented && sep === '\n') sep = '\n\n';
      out.produced(sep, ...prevBreak);
      out.copied(' '.repeat(extra), contentAt - extra);
      out.copied(content, contentAt);
      sep = '\n';
      prevMoreIndented = true;
    } else if (content === '') {
      if (sep === '\n') out.produced('\n', ...prevBreak);
      else sep = '\n';
    } else {
      out.produced(sep, ...prevBreak);
      out.copied(content, contentAt);
      sep = ' ';
      prevMoreIndented = false;
    }
  }
  if (header.chomp === '+') {
    for (let i = chompStart; i < lines.length; ++i) {
      const line = lines[i]!;
      out.produced('\n', ...breakOf(lines[i - 1], endOffset));
      out.copied(' '.repeat(Math.max(0, line.indent - trimIndent)), line.start + trimIndent);
    }
    if (!out.value.endsWith('\n')) out.produced('\n', ...breakOf(lines.at(-1), endOffset));
  } else if (header.chomp === '') out.produced('\n', ...breakOf(lines[chompStart - 1], endOffset));
  return out;
}
