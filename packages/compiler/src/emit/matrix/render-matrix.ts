import type { PolicyModel } from '../../policy-model/index.js';
import { buildAccessMatrix } from './access-matrix.js';
import type { MatrixOptions } from './matrix-types.js';
import { renderMatrixCsv, type CsvLayout } from './render-csv.js';
import { renderMatrixHtml } from './render-html.js';
import { renderMatrixJson } from './render-json.js';
import { renderMatrixMarkdown } from './render-markdown.js';

/** The report formats of the access matrix, as `--format` names them. */
export const MATRIX_FORMATS = ['md', 'html', 'csv', 'json'] as const;

/** One of {@link MATRIX_FORMATS}. */
export type MatrixFormat = (typeof MATRIX_FORMATS)[number];

/** Options of {@link renderMatrix}. */
export interface RenderMatrixOptions extends MatrixOptions {
  /** The CSV layout (default `wide`); ignored by the other formats. */
  csvLayout?: CsvLayout;
}

/**
 * The access-matrix report of a policy model in one format: what `permset build` writes as
 * `matrix.md` / `.html` / `.csv` / `.json` and `permset matrix` prints. Pure and deterministic:
 * the same model and options always give the same text. Unknown ids in `options.sets` throw
 * (check them first with `matrixSetProblems`).
 */
export function renderMatrix(model: PolicyModel, format: MatrixFormat, options: RenderMatrixOptions = {}): string {
  // The wide CSV shows only the cell words, so it skips building the provenance.
  const wideCsv = format === 'csv' && options.csvLayout !== 'long';
  const matrix = buildAccessMatrix(model, wideCsv ? { ...options, provenance: false } : options);
  switch (format) {
    case 'md':
      return renderMatrixMarkdown(matrix);
    case 'html':
      return renderMatrixHtml(matrix);
    case 'csv':
      return renderMatrixCsv(matrix, options.csvLayout);
    case 'json':
      return renderMatrixJson(matrix);
  }
}

/** The files `permset build` writes, by name, in {@link MATRIX_FORMATS} order. */
export const MATRIX_REPORT_FILES = {
  md: 'matrix.md',
  html: 'matrix.html',
  csv: 'matrix.csv',
  json: 'matrix.json',
} as const satisfies Record<MatrixFormat, string>;

/**
 * The most cells (sets × permissions) the readable reports are written for: 250,000 cells is
 * 500 sets × 500 permissions, a 33 MB HTML page. Beyond it, no one reads the whole matrix (and
 * the HTML and JSON reports of 10,000 sets × 500 permissions would exceed the longest string a
 * JavaScript engine can build), so `permset build` writes the wide CSV only and `permset
 * matrix` asks for `--sets` or CSV.
 */
export const MATRIX_REPORT_CELL_LIMIT = 250_000;

/**
 * Why the full matrix reports are not rendered for this model and these options, or undefined
 * when they are: the matrix has more than {@link MATRIX_REPORT_CELL_LIMIT} cells.
 */
export function matrixTooLarge(model: PolicyModel, options: MatrixOptions = {}): string | undefined {
  const columns = options.sets ? new Set(options.sets).size : model.sets.length;
  const cells = columns * model.permissions.length;
  if (cells <= MATRIX_REPORT_CELL_LIMIT) return undefined;
  const n = (x: number) => x.toLocaleString('en-US');
  return `the access matrix has ${n(cells)} cells (${n(columns)} sets × ${n(model.permissions.length)} permissions), more than the ${n(MATRIX_REPORT_CELL_LIMIT)} the Markdown, HTML and JSON reports are made for`;
}

/**
 * Every report of the matrix, keyed by file name (`matrix.md`, `matrix.html`, `matrix.csv`,
 * `matrix.json`), from one {@link AccessMatrix}: what `permset build` writes. When the matrix is
 * {@link matrixTooLarge}, only the wide `matrix.csv` (without provenance).
 */
export function renderMatrixReports(model: PolicyModel, options: RenderMatrixOptions = {}): Record<string, string> {
  if (matrixTooLarge(model, options)) {
    return {
      [MATRIX_REPORT_FILES.csv]: renderMatrixCsv(buildAccessMatrix(model, { ...options, provenance: false }), 'wide'),
    };
  }
  const matrix = buildAccessMatrix(model, options);
  return {
    [MATRIX_REPORT_FILES.md]: renderMatrixMarkdown(matrix),
    [MATRIX_REPORT_FILES.html]: renderMatrixHtml(matrix),
    [MATRIX_REPORT_FILES.csv]: renderMatrixCsv(matrix, options.csvLayout),
    [MATRIX_REPORT_FILES.json]: renderMatrixJson(matrix),
  };
}
