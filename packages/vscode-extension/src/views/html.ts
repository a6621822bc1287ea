/**
 * Escapes text for HTML element content and double-quoted attribute values. Everything the
 * views show from policies (ids, labels, conditions, file names) goes through this.
 */
export function esc(value: unknown): string {
  return String(value ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

/** A place in a policy file (1-based; file relative to the workspace folder). */
export interface Loc {
  file: string;
  line: number;
  column: number;
}

/**
 * A link to a place in a policy file: the page script posts `permset.openLocation` when it is
 * clicked, and the extension opens the file there.
 */
export function locLink(at: Loc, text = `${shortFile(at.file)}:${at.line}`): string {
  return `<a href="#" class="loc" data-file="${esc(at.file)}" data-line="${esc(at.line)}" data-column="${esc(at.column)}" title="${esc(`${at.file}:${at.line}:${at.column}`)}">${esc(text)}</a>`;
}

/** `policies/sets/system/manager.yaml` → `manager.yaml`. */
export function shortFile(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1);
}

/** `3 permissions`. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
