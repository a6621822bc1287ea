/**
 * The access matrix page's words and decisions, apart from the DOM (matrix-page.ts draws them):
 * how a value is shown, a cell's scope level and title, which rows a search keeps, the summary
 * line. DOM-free, so vitest tests it as it is; `npm run generate` emits its text before the
 * page's, inside the one function of `MATRIX_PAGE_SCRIPT` (emit/matrix/matrix-page-script.ts).
 *
 * The page's data comes from a JSON element or, in an editor, from a message: every field is
 * read as possibly missing or of the wrong type, which is why the types below are all optional
 * and the code goes through {@link str} and {@link arr}.
 *
 * @module
 */

/** A place in a policy file, as the page's data carries it (1-based line and column). */
export interface PageLocation {
  file?: unknown;
  line?: unknown;
  column?: unknown;
}

/** A catalog scope, for the legend and the level of a cell. */
export interface PageCatalogScope {
  name?: string;
  label?: string;
  when?: string;
  covers?: unknown[];
}

/** A column: a permission set. */
export interface PageSet {
  id?: string;
  name?: string;
  system?: boolean;
  seat?: string;
  seatLabel?: string;
  paid?: boolean;
  extends?: string;
  include?: unknown[];
  restrict?: string;
  at?: PageLocation;
}

/** One effective scope of a cell. */
export interface PageScope {
  scope?: string;
  label?: string;
  when?: string;
}

/** Where a cell's grant comes from. */
export interface PageProvenance {
  text?: string;
  source?: { kind?: string; id?: string; key?: string; at?: PageLocation };
  via?: { from?: string; kind?: string; to?: string; at?: PageLocation }[];
  restricted?: { from?: { scope?: string }[]; scope?: string; set?: string; at?: PageLocation };
}

/** A cell: what a set grants of a permission. */
export interface PageCell {
  text?: string;
  scopes?: PageScope[];
  conditional?: boolean;
  provenance?: PageProvenance;
}

/** A row: a permission of the catalog. */
export interface PageRow {
  permission?: string;
  label?: string;
  description?: string;
  sensitive?: boolean;
  scopes?: unknown[];
  at?: PageLocation;
  cells?: (PageCell | null | undefined)[];
}

/** A catalog area and its rows. */
export interface PageArea {
  id?: string;
  label?: string;
  rows?: (PageRow | null | undefined)[];
}

/** The access matrix as the page reads it (the compiler's `AccessMatrix` is one). */
export interface PageMatrix {
  sets: (PageSet | null | undefined)[];
  scopes?: (PageCatalogScope | null | undefined)[];
  areas: (PageArea | null | undefined)[];
}

/** A column of the table: its set and its place in the data's `sets`. */
export interface PageColumn {
  set: PageSet;
  index: number;
}

/** Catalog scopes by name. */
export type ScopeInfo = Record<string, PageCatalogScope>;

export var INVISIBLE =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// Maps keyed by ids from the data have no prototype, so an id like __proto__ is just a key.
export function dict<T>(): Record<string, T> {
  return Object.create(null);
}

/** A value as text, with invisible and direction-changing characters shown as `\u{…}`. */
export function str(v: unknown): string {
  return v === undefined || v === null
    ? ''
    : String(v).replace(INVISIBLE, function (c) {
        return '\\u{' + c.charCodeAt(0).toString(16) + '}';
      });
}
/** `v` if it is an array, else an empty one. */
export function arr<T>(v: T[] | null | undefined): T[] {
  return Array.isArray(v) ? v : [];
}
export function plural(n: number, noun: string): string {
  return n + ' ' + noun + (n === 1 ? '' : 's');
}
export function locText(at: PageLocation | null | undefined): string {
  return at ? str(at.file) + ':' + str(at.line) + ':' + str(at.column) : '';
}

/** Whether `input` has the shape the page can draw: an object with `sets` and `areas` arrays. */
export function isMatrix(input: unknown): input is PageMatrix {
  return (
    input !== null &&
    typeof input === 'object' &&
    Array.isArray((input as PageMatrix).sets) &&
    Array.isArray((input as PageMatrix).areas)
  );
}

/** The catalog's scopes by name (entries without a name are left out). */
export function scopesByName(data: PageMatrix): ScopeInfo {
  var info = dict<PageCatalogScope>();
  arr(data.scopes).forEach(function (s) {
    if (s && typeof s.name === 'string') info[s.name] = s;
  });
  return info;
}

/**
 * A scope of these policies that some cell really grants with a condition, for the legend's
 * sample of the mark: a fixed word could be a scope the catalog lacks, or a set's name.
 */
export function conditionSample(data: PageMatrix): string | null {
  var found: string | null = null;
  data.areas.some(function (a) {
    return (
      !!a &&
      arr(a.rows).some(function (row) {
        return (
          !!row &&
          arr(row.cells).some(function (cell) {
            var s =
              cell &&
              cell.conditional &&
              arr(cell.scopes).filter(function (x) {
                return x && x.when !== undefined;
              })[0];
            if (s) found = str(s.scope);
            return !!s;
          })
        );
      })
    );
  });
  return found;
}

/**
 * How wide the widest of `scopes` is: 3 for a scope without a condition (all), 2 for one that
 * covers others, 1 for a narrow or unknown scope, 0 for none.
 */
export function level(scopeInfo: ScopeInfo, scopes: PageScope[] | undefined): number {
  var best = 0;
  arr(scopes).forEach(function (s) {
    var info = s && scopeInfo[s.scope as string];
    var l = !info ? 1 : info.when === undefined ? 3 : arr(info.covers).length > 1 ? 2 : 1;
    if (l > best) best = l;
  });
  return best;
}
/** The cell's class for its {@link level}. */
export function levelClass(scopeInfo: ScopeInfo, scopes: PageScope[] | undefined): string {
  return ['', 'lvl-narrow', 'lvl-wide', 'lvl-all'][level(scopeInfo, scopes)]!;
}
/** A key equal for two cells exactly when they grant the same scopes with the same conditions. */
export function cellKey(cell: PageCell | null | undefined): string {
  return JSON.stringify(
    arr(cell && cell.scopes).map(function (s) {
      return [s.scope, s.when === undefined ? null : s.when];
    }),
  );
}

/** A cell's tooltip: set, permission, each scope with its condition, and the provenance. */
export function cellTitle(col: PageColumn, row: PageRow, cell: PageCell | null | undefined): string {
  var head = str(col.set.name) + ' · ' + str(row.label) + ' (' + str(row.permission) + ')';
  if (!cell || !cell.provenance) return head + '\nnot granted';
  var lines = [head];
  arr(cell.scopes).forEach(function (s) {
    lines.push(str(s.scope) + ': ' + str(s.label) + (s.when !== undefined ? '\n  only when ' + str(s.when) : ''));
  });
  lines.push(str(cell.provenance.text));
  return lines.join('\n');
}

/** A set's seat badge ("Employee · paid"); empty when the set has neither seat nor price. */
export function seatBadge(s: PageSet): string {
  return [
    s.seat !== undefined ? str(s.seatLabel !== undefined ? s.seatLabel : s.seat) : '',
    s.paid === undefined ? '' : s.paid ? 'paid' : 'free',
  ]
    .filter(Boolean)
    .join(' · ');
}
/** The seat badge's tooltip, the seat on one line. */
export function seatTitle(s: PageSet): string {
  return (
    'Seat: ' +
    str(s.seatLabel !== undefined ? s.seatLabel : s.seat) +
    (s.paid === undefined ? '' : s.paid ? ' (paid)' : ' (free)')
  );
}
/** A set header's tooltip: name, id, kind, seat and how the set is built. */
export function setTitle(s: PageSet): string {
  return (
    str(s.name) +
    ' (' +
    str(s.id) +
    ')' +
    (s.system ? ', system set' : ', custom set') +
    (s.seat !== undefined ? ', seat ' + str(s.seat) : '') +
    (s.paid !== undefined ? (s.paid ? ', paid' : ', free') : '') +
    (s.extends !== undefined ? '\nextends ' + str(s.extends) : '') +
    (arr(s.include).length ? '\nincludes ' + arr(s.include).map(str).join(', ') : '') +
    (s.restrict !== undefined ? '\nrestrict ' + str(s.restrict) : '') +
    (s.at ? '\n' + locText(s.at) : '')
  );
}
/** A permission header's tooltip: label, id, description, scopes and where it is declared. */
export function rowTitle(row: PageRow): string {
  return (
    str(row.label) +
    ' (' +
    str(row.permission) +
    ')' +
    (row.description ? '\n' + str(row.description) : '') +
    '\nscopes: ' +
    arr(row.scopes).map(str).join(', ') +
    (row.at ? '\n' + locText(row.at) : '')
  );
}

/** What a search matches a row by: its id and label, lower case. */
export function haystack(row: PageRow): string {
  return (str(row.permission) + ' ' + str(row.label)).toLowerCase();
}
/** The words of a search, lower case. */
export function searchTerms(text: string): string[] {
  return text.toLowerCase().split(/\s+/).filter(Boolean);
}
/** Whether a row's {@link haystack} holds every term (in any order, as parts of words). */
export function matchesTerms(hay: string, terms: string[]): boolean {
  return terms.every(function (t) {
    return hay.indexOf(t) >= 0;
  });
}

/** The summary line: how many permissions and sets are shown, and whether only differences. */
export function summaryText(visible: number, total: number, shown: number, sets: number, diff: boolean): string {
  return (
    (visible === total ? plural(total, 'permission') : 'Showing ' + visible + ' of ' + plural(total, 'permission')) +
    ' · ' +
    (shown === sets ? plural(sets, 'permission set') : shown + ' of ' + plural(sets, 'permission set')) +
    (diff ? ' · only differences' : '')
  );
}
/** The hint beside "only differences": why it is off, or how many rows differ. */
export function diffHint(canDiff: boolean, diff: boolean, differing: number): string {
  return !canDiff
    ? 'Choose two or more sets to compare.'
    : diff
      ? plural(differing, 'permission') + ' differ' + (differing === 1 ? 's' : '') + ' between the chosen sets.'
      : '';
}
