import type { PolicyModel } from '../policy-model.js';
import { buildAccessMatrix, type AccessMatrix, type MatrixOptions } from './access-matrix.js';
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
  const matrix = buildAccessMatrix(model, options);
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
export const MATRIX_REPORT_FILES = { md: 'matrix.md', html: 'matrix.html', csv: 'matrix.csv', json: 'matrix.json' } as const satisfies Record<MatrixFormat, string>;

/**
 * Every report of the matrix, keyed by file name (`matrix.md`, `matrix.html`, `matrix.csv`,
 * `matrix.json`), from one {@link AccessMatrix}: what `permset build` writes.
 */
export function renderMatrixReports(model: PolicyModel, options: RenderMatrixOptions = {}): Record<string, string> {
  const matrix = buildAccessMatrix(model, options);
  return {
    [MATRIX_REPORT_FILES.md]: renderMatrixMarkdown(matrix),
    [MATRIX_REPORT_FILES.html]: renderMatrixHtml(matrix),
    [MATRIX_REPORT_FILES.csv]: renderMatrixCsv(matrix, options.csvLayout),
    [MATRIX_REPORT_FILES.json]: renderMatrixJson(matrix),
  };
}
