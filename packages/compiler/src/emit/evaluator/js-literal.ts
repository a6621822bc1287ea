// Characters that are harmless in JSON but not where generated code may end up: `<` and `>`
// (`</script>` or `<!--` closing an inline script), and U+2028/U+2029 (line terminators in
// pre-ES2019 engines and in some tools). JSON.stringify already escapes quotes, backslashes,
// control characters and lone surrogates.
const UNSAFE = /[<>\u2028\u2029]/g;

function escapeUnsafe(json: string): string {
  return json.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * A string as a JavaScript (and TypeScript) string literal. The only way policy text enters
 * generated code: JSON.stringify quotes and escapes it, so no id, label or condition literal can
 * end the string, start a comment or template, or close an inline `<script>`.
 */
export function jsString(value: string): string {
  return escapeUnsafe(JSON.stringify(value));
}

/**
 * Plain data (strings, finite numbers, booleans, null, arrays, objects) as a JavaScript
 * expression: JSON with the same escapes as {@link jsString}. Every unsafe character can only
 * occur inside a JSON string, where the `\uXXXX` escape means the same character.
 */
export function jsData(value: unknown): string {
  return escapeUnsafe(JSON.stringify(value));
}

/** A finite number as a JavaScript literal; negative numbers are parenthesized for `-` safety. */
export function jsNumber(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  const text = JSON.stringify(value);
  return value < 0 ? `(${text})` : text;
}
