import type { Span } from '../diagnostics/index.js';

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { '\\': '\\', "'": "'", '"': '"', n: '\n', t: '\t' };
const HEX4 = /^[0-9a-fA-F]{4}$/;

/**
 * The value of a string token (`'it\'s'` is `it's`). `start` is the token's offset in the
 * condition, so a bad escape is reported on its own characters; it is then kept literally
 * (minus the backslash) so the rest of the condition is still checked. `closed` is false for an
 * unclosed string (already reported by the lexing step), whose body runs to the token's end.
 */
export function decodeStringLiteral(
  image: string,
  start: number,
  closed: boolean,
  report: (span: Span, message: string) => void,
): string {
  const body = image.slice(1, closed ? -1 : undefined);
  const base = start + 1;
  let value = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      value += c;
      continue;
    }
    const next = body[i + 1];
    // A lone backslash at the end of an unclosed string: the "Unclosed string" error covers it.
    if (next === undefined) break;
    const simple = SIMPLE_ESCAPES[next];
    if (simple !== undefined) {
      value += simple;
      i++;
    } else if (next === 'u') {
      const hex = body.slice(i + 2, i + 6);
      if (HEX4.test(hex)) {
        value += String.fromCharCode(parseInt(hex, 16));
        i += 5;
      } else {
        const digits = /^[0-9a-fA-F]*/.exec(hex)![0].length;
        report([base + i, base + i + 2 + digits], "'\\u' must be followed by exactly four hex digits, as in '\\u00e9'");
        i += 1 + digits;
      }
    } else {
      report(
        [base + i, base + i + 2],
        `Unknown escape '\\${next}': strings allow \\\\, \\', \\", \\n, \\t and \\uXXXX`,
      );
      value += next;
      i++;
    }
  }
  return value;
}

// Characters printed as escapes: controls, the line separators YAML and JS treat as breaks, and
// lone surrogates (which would not survive a UTF-8 round trip of the policy file).
/* eslint-disable no-control-regex -- control characters are exactly what must be escaped (a block, so it holds however the line below is wrapped) */
const MUST_ESCAPE =
  /[\u0000-\u001f\u007f\u2028\u2029\\']|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
/* eslint-enable no-control-regex */

/** A string value written as a single-quoted condition literal that decodes back to `value`. */
export function quoteString(value: string): string {
  const body = value.replace(MUST_ESCAPE, (c) => {
    if (c === '\\') return '\\\\';
    if (c === "'") return "\\'";
    if (c === '\n') return '\\n';
    if (c === '\t') return '\\t';
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
  return `'${body}'`;
}
