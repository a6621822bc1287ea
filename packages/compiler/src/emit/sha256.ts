// SHA-256 (FIPS 180-4) over the UTF-8 bytes of a string. The compiler core imports no Node
// module, so the back ends hash with this: the evaluator's model hash, the HTML report's
// Content-Security-Policy hashes.

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);

/** Characters encoded per step: the UTF-8 of a whole model is never held at once. */
const CHUNK = 1 << 20;

/** The SHA-256 digest of `text` (encoded as UTF-8), 32 bytes. */
export function sha256(text: string): Uint8Array {
  const h = new Uint32Array([
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
  ]);
  const w = new Uint32Array(64);
  const encoder = new TextEncoder();
  // UTF-8 bytes not yet hashed: at most one partial block plus a chunk (3 bytes per character).
  const pending = new Uint8Array(64 + CHUNK * 3);
  let used = 0;
  let total = 0;
  for (let start = 0; start < text.length;) {
    let end = Math.min(start + CHUNK, text.length);
    // Never split a surrogate pair: its halves alone would encode as two U+FFFD.
    if (end < text.length && (text.charCodeAt(end - 1) & 0xfc00) === 0xd800) end++;
    const { written } = encoder.encodeInto(text.slice(start, end), pending.subarray(used));
    used += written;
    total += written;
    const whole = used - (used % 64);
    for (let o = 0; o < whole; o += 64) compress(h, w, pending, o);
    pending.copyWithin(0, whole, used);
    used -= whole;
    start = end;
  }
  // The last bytes, a 1 bit, zero padding, and the bit length as a 64-bit big-endian number.
  const tail = new Uint8Array(used + 9 <= 64 ? 64 : 128);
  tail.set(pending.subarray(0, used));
  tail[used] = 0x80;
  const view = new DataView(tail.buffer);
  const bits = total * 8;
  view.setUint32(tail.length - 8, Math.floor(bits / 2 ** 32));
  view.setUint32(tail.length - 4, bits >>> 0);
  for (let o = 0; o < tail.length; o += 64) compress(h, w, tail, o);
  const out = new Uint8Array(32);
  const outView = new DataView(out.buffer);
  for (let i = 0; i < 8; i++) outView.setUint32(i * 4, h[i]!);
  return out;
}

const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));

/** One 64-byte block of `bytes` at offset `o` into the state `h` (`w` is scratch space). */
function compress(h: Uint32Array, w: Uint32Array, bytes: Uint8Array, o: number): void {
  for (let i = 0; i < 16; i++, o += 4)
    w[i] = ((bytes[o]! << 24) | (bytes[o + 1]! << 16) | (bytes[o + 2]! << 8) | bytes[o + 3]!) >>> 0;
  for (let i = 16; i < 64; i++) {
    const x = w[i - 15]!;
    const y = w[i - 2]!;
    const s0 = rotr(x, 7) ^ rotr(x, 18) ^ (x >>> 3);
    const s1 = rotr(y, 17) ^ rotr(y, 19) ^ (y >>> 10);
    w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) >>> 0;
  }
  // Separate variables, not a destructured array: this runs once per 64-byte block, millions of
  // times for a large model, and the array was most of the hash's garbage.
  let a = h[0]!;
  let bb = h[1]!;
  let c = h[2]!;
  let d = h[3]!;
  let e = h[4]!;
  let f = h[5]!;
  let g = h[6]!;
  let hh = h[7]!;
  for (let i = 0; i < 64; i++) {
    const t1 = (hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i]! + w[i]!) >>> 0;
    const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & bb) ^ (a & c) ^ (bb & c))) >>> 0;
    hh = g;
    g = f;
    f = e;
    e = (d + t1) >>> 0;
    d = c;
    c = bb;
    bb = a;
    a = (t1 + t2) >>> 0;
  }
  h[0] = (h[0]! + a) >>> 0;
  h[1] = (h[1]! + bb) >>> 0;
  h[2] = (h[2]! + c) >>> 0;
  h[3] = (h[3]! + d) >>> 0;
  h[4] = (h[4]! + e) >>> 0;
  h[5] = (h[5]! + f) >>> 0;
  h[6] = (h[6]! + g) >>> 0;
  h[7] = (h[7]! + hh) >>> 0;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 with padding, as CSP hash sources (`'sha256-…'`) want it. */
export function base64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out +=
      B64[(n >> 18) & 63]! +
      B64[(n >> 12) & 63]! +
      (i + 1 < bytes.length ? B64[(n >> 6) & 63]! : '=') +
      (i + 2 < bytes.length ? B64[n & 63]! : '=');
  }
  return out;
}

/** The SHA-256 digest of `text` as 64 lowercase hex digits. */
export function sha256Hex(text: string): string {
  let out = '';
  for (const b of sha256(text)) out += b.toString(16).padStart(2, '0');
  return out;
}
