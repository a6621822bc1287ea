import type { Problem } from '../diagnostics/index.js';
import { makeProblem } from '../diagnostics/index.js';

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const lenient = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });

/**
 * Decodes a file's bytes as UTF-8 (a BOM is dropped, as editors do, so offsets agree with the
 * editor's text). Invalid bytes are reported once, at the first bad byte, and replaced by U+FFFD
 * so the rest of the file is still checked.
 */
export function decodeSource(uri: string, bytes: Uint8Array): { text: string; problems: Problem[] } {
  try {
    return { text: strict.decode(bytes), problems: [] };
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const prefix = lenient.decode(bytes.subarray(0, bad));
    const text = lenient.decode(bytes);
    const hex = Array.from(bytes.subarray(bad, Math.min(bytes.length, bad + 4)), (b) =>
      b.toString(16).padStart(2, '0'),
    ).join(' ');
    return {
      text,
      problems: [
        makeProblem(
          'invalid-encoding',
          `The file is not valid UTF-8: invalid byte sequence (${hex}) at byte ${bad}. Save it as UTF-8.`,
          {
            uri,
            span: [prefix.length, prefix.length + 1],
          },
        ),
      ],
    };
  }
}

/** The index of the first byte that does not start or continue a valid UTF-8 sequence. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let need: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    if (i + need >= bytes.length) return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return bytes.length;
}
