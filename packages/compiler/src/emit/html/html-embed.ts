import { base64, sha256 } from '../sha256.js';

/**
 * JSON that is safe as the text of a `<script>` element: `<`, `>` and `&` as `\u003c` etc. (so
 * neither `</script>` nor `<!--` can occur), and U+2028/U+2029 escaped. `JSON.parse` of the
 * element's text gives back the very same value.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** A CSP hash source for an inline element's text: `sha256-<base64>`. */
export function cspHash(text: string): string {
  return `sha256-${base64(sha256(text))}`;
}
