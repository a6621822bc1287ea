/** ANSI styling that is a no-op when colour is off. */
export interface Style {
  red(s: string): string;
  yellow(s: string): string;
  blue(s: string): string;
  cyan(s: string): string;
  green(s: string): string;
  bold(s: string): string;
  dim(s: string): string;
}

/**
 * Colour only on a terminal, unless NO_COLOR is set (https://no-color.org) or FORCE_COLOR asks
 * for it anyway.
 */
export function useColor(isTTY: boolean, env: Readonly<Record<string, string | undefined>>): boolean {
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  if (env['FORCE_COLOR'] !== undefined) return env['FORCE_COLOR'] !== '0' && env['FORCE_COLOR'] !== 'false';
  return isTTY && env['TERM'] !== 'dumb';
}

/** A {@link Style} for the given colour choice. */
export function makeStyle(color: boolean): Style {
  const wrap = (open: number, close: number) => (s: string) => (color ? `\u001b[${open}m${s}\u001b[${close}m` : s);
  return {
    red: wrap(31, 39),
    yellow: wrap(33, 39),
    blue: wrap(34, 39),
    cyan: wrap(36, 39),
    green: wrap(32, 39),
    bold: wrap(1, 22),
    dim: wrap(2, 22),
  };
}

/**
 * Makes text from policy files safe to print on a terminal: control characters (which could
 * move the cursor or inject escape sequences) and bidi controls are shown as `\u{...}`.
 */
export function safeText(text: string): string {
  /* eslint-disable no-control-regex -- control characters are what must not reach the terminal (a block, so it holds however the line below is wrapped) */
  return text.replace(
    /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g,
    (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`,
  );
  /* eslint-enable no-control-regex */
}
