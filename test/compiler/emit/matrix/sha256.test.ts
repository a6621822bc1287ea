import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cspHash } from '../../../../packages/compiler/src/emit/html/html-embed.js';
import { MATRIX_PAGE_SCRIPT } from '../../../../packages/compiler/src/emit/matrix/matrix-page-script.js';
import { MATRIX_PAGE_STYLE } from '../../../../packages/compiler/src/emit/matrix/matrix-page-style.js';
import { base64, sha256 } from '../../../../packages/compiler/src/emit/sha256.js';

const nodeSha = (text: string) => createHash('sha256').update(text, 'utf8').digest('base64');

describe("sha256 (for the HTML page's CSP hashes)", () => {
  it('matches the FIPS 180-4 test vectors', () => {
    const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
    expect(hex(sha256(''))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(hex(sha256('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hex(sha256('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'))).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('matches node:crypto on every padding length and on non-ASCII text', () => {
    for (let n = 0; n < 200; n++) expect(base64(sha256('x'.repeat(n)))).toBe(nodeSha('x'.repeat(n)));
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => base64(sha256(s)) === nodeSha(s)),
      { numRuns: 300 },
    );
  });

  it('matches node:crypto on texts longer than one encoding step, whatever straddles its boundary', () => {
    const step = 1 << 20; // sha256.ts encodes 2^20 characters at a time
    for (const around of ['😀', '\ud83d', '\ude00', 'é', '€', 'x']) {
      for (const shift of [-2, -1, 0, 1]) {
        const text = 'a'.repeat(step + shift) + around + 'b'.repeat(70);
        expect([around, shift, base64(sha256(text))]).toEqual([around, shift, nodeSha(text)]);
      }
    }
    const long = '€😀x'.repeat(900_000); // 3.6 M characters, several steps, multi-byte throughout
    expect(base64(sha256(long))).toBe(nodeSha(long));
  });

  it("hashes the page's own style and script as the browser will", () => {
    expect(cspHash(MATRIX_PAGE_SCRIPT)).toBe(`sha256-${nodeSha(MATRIX_PAGE_SCRIPT)}`);
    expect(cspHash(MATRIX_PAGE_STYLE)).toBe(`sha256-${nodeSha(MATRIX_PAGE_STYLE)}`);
  });

  it('encodes base64 with padding', () => {
    expect(base64(new Uint8Array([]))).toBe('');
    expect(base64(new Uint8Array([0xff]))).toBe('/w==');
    expect(base64(new Uint8Array([0xff, 0xee]))).toBe('/+4=');
    expect(base64(new Uint8Array([0xff, 0xee, 0xdd]))).toBe('/+7d');
  });

  it('keeps the page script free of what would end its element', () => {
    expect(MATRIX_PAGE_SCRIPT).not.toMatch(/<\/script|<!--/i);
    expect(MATRIX_PAGE_STYLE).not.toMatch(/<\/style/i);
  });
});
