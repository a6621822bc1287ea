import { MATRIX_PAGE, MATRIX_TEXT } from '../../runtime/generated/matrix-page-text.js';

/**
 * The HTML report's script: the runtime modules runtime/matrix/matrix-text.ts and
 * matrix-page.ts as `npm run generate` emits them (types erased, comments kept), in one strict
 * function so none of their names becomes a global of the page. What the page offers an editor
 * webview (`window.permsetRender`, `window.permsetOpenLocation`) is documented in matrix-page.ts.
 *
 * It is a constant (the data lives in the page's JSON element), so the page's
 * Content-Security-Policy can allow exactly this script by its hash.
 */
export const MATRIX_PAGE_SCRIPT = "\n(function () {\n'use strict';\n" + MATRIX_TEXT + MATRIX_PAGE + '})();\n';
