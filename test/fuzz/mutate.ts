/** A seeded pseudo-random generator (mulberry32): the same seed gives the same mutants everywhere. */
export function rng(seed: number): { next(): number; int(n: number): number; pick<T>(xs: readonly T[]): T } {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return { next, int, pick: (xs) => xs[int(xs.length)]! };
}

type Random = ReturnType<typeof rng>;
const utf8 = new TextEncoder();
const lossy = new TextDecoder('utf-8', { fatal: false });

// Byte sequences that stress the decoder and the scanners: NUL, a lone continuation byte, a
// truncated 3-byte sequence, an overlong '/', a UTF-16 surrogate encoded as UTF-8, 0xFF, a BOM,
// bidi controls, a line separator, CR and tab.
const HOSTILE_BYTES: readonly number[][] = [
  [0x00],
  [0x80],
  [0xe2, 0x82],
  [0xc0, 0xaf],
  [0xed, 0xa0, 0x80],
  [0xff],
  [0xef, 0xbb, 0xbf],
  [...utf8.encode('\u202e')],
  [...utf8.encode('\u2066')],
  [...utf8.encode('\u2028')],
  [0x0d],
  [0x09],
];

// Unknown ids and YAML-significant pieces a token edit may put in place of a word.
const UNKNOWN = [
  'nope',
  'manager-x',
  'contacts.nope',
  'zzz',
  '__proto__',
  'constructor',
  '"quoted"',
  "'single'",
  '*',
  '&a',
  '*a',
  '[]',
  '{}',
  '~',
  'null',
  'true',
  '1e999',
  '-',
  '|',
  '>',
];

/** One mutation of a file: what it did (for a failure's message) and the mutant's bytes. */
export interface Mutant {
  edits: string[];
  bytes: Uint8Array;
}

/** Byte edits: flip a bit, insert, delete or replace bytes, hostile sequences, truncation. */
function byteEdit(bytes: Uint8Array, r: Random): { bytes: Uint8Array; what: string } {
  const at = r.int(bytes.length + 1);
  const out = [...bytes];
  switch (r.int(6)) {
    case 0:
      if (at < out.length) out[at] = out[at]! ^ (1 << r.int(8));
      return { bytes: Uint8Array.from(out), what: `flip@${at}` };
    case 1: {
      const ins = r.pick(HOSTILE_BYTES);
      out.splice(at, 0, ...ins);
      return { bytes: Uint8Array.from(out), what: `insert ${ins.map((b) => b.toString(16)).join(' ')}@${at}` };
    }
    case 2: {
      const n = 1 + r.int(8);
      out.splice(at, n);
      return { bytes: Uint8Array.from(out), what: `delete ${n}@${at}` };
    }
    case 3: {
      const b = r.int(256);
      out.splice(at, 0, b);
      return { bytes: Uint8Array.from(out), what: `insert ${b.toString(16)}@${at}` };
    }
    case 4:
      return { bytes: Uint8Array.from(out.slice(0, at)), what: `truncate@${at}` };
    default: {
      // Copy a run of bytes elsewhere (repeats keys, quotes, brackets).
      const from = r.int(out.length + 1);
      const run = out.slice(from, from + 1 + r.int(24));
      out.splice(at, 0, ...run);
      return { bytes: Uint8Array.from(out), what: `copy ${from}+${run.length}@${at}` };
    }
  }
}

/** Token edits on lines and words: the slips of someone editing YAML by hand, and worse. */
function tokenEdit(text: string, ids: readonly string[], r: Random): { text: string; what: string } {
  const lines = text.split('\n');
  const i = r.int(lines.length);
  const j = r.int(lines.length);
  switch (r.int(9)) {
    case 0:
      [lines[i], lines[j]] = [lines[j]!, lines[i]!];
      return { text: lines.join('\n'), what: `swap lines ${i},${j}` };
    case 1:
      lines.splice(i, 0, lines[j]!);
      return { text: lines.join('\n'), what: `duplicate line ${j} at ${i}` };
    case 2:
      lines.splice(i, 1);
      return { text: lines.join('\n'), what: `delete line ${i}` };
    case 3: {
      const n = 1 + r.int(4);
      lines[i] = r.next() < 0.5 ? ' '.repeat(n) + lines[i] : lines[i]!.replace(new RegExp(`^ {1,${n}}`), '');
      return { text: lines.join('\n'), what: `reindent line ${i} by ${n}` };
    }
    case 4:
    case 5: {
      // Replace one word with another known id (a real reference elsewhere) or an unknown one.
      const words = [...text.matchAll(/[A-Za-z_][\w.-]*/g)];
      if (words.length === 0) return { text, what: 'no word' };
      const w = r.pick(words);
      const by = r.next() < 0.6 ? r.pick(ids) : r.pick(UNKNOWN);
      return {
        text: text.slice(0, w.index) + by + text.slice(w.index + w[0].length),
        what: `word ${w[0]}@${w.index} -> ${by}`,
      };
    }
    case 6: {
      const colons = [...text.matchAll(/:/g)];
      if (colons.length === 0) return { text, what: 'no colon' };
      const c = r.pick(colons).index;
      return { text: text.slice(0, c) + text.slice(c + 1), what: `drop colon@${c}` };
    }
    case 7: {
      const quotes = [...text.matchAll(/["']/g)];
      if (quotes.length > 0 && r.next() < 0.5) {
        const q = r.pick(quotes).index;
        return { text: text.slice(0, q) + text.slice(q + 1), what: `drop quote@${q}` };
      }
      const at = r.int(text.length + 1);
      const q = r.pick(['"', "'", '`', '${', '\\']);
      return { text: text.slice(0, at) + q + text.slice(at), what: `insert ${q}@${at}` };
    }
    default: {
      const at = r.int(text.length + 1);
      const piece = r.pick([
        '\t',
        '- ',
        ': ',
        '[',
        ']',
        '{',
        '}',
        ',',
        '#',
        '---\n',
        '\n  ',
        'when: (',
        ' and ',
        ' or not ',
        '"',
        '\u202e',
      ]);
      return { text: text.slice(0, at) + piece + text.slice(at), what: `insert ${JSON.stringify(piece)}@${at}` };
    }
  }
}

/** A mutant of `original`: 1–4 edits, byte or token level, drawn from `r`. */
export function mutate(original: string, ids: readonly string[], r: Random): Mutant {
  let bytes: Uint8Array = utf8.encode(original);
  const edits: string[] = [];
  const n = 1 + r.int(4);
  for (let k = 0; k < n; k++) {
    if (r.next() < 0.5) {
      const e = byteEdit(bytes, r);
      bytes = e.bytes;
      edits.push(e.what);
    } else {
      const e = tokenEdit(lossy.decode(bytes), ids, r);
      bytes = utf8.encode(e.text);
      edits.push(e.what);
    }
  }
  return { edits, bytes };
}
