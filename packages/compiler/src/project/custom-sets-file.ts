import {
  checkCustomSets,
  policyContextOf,
  previewsOf,
  URI_PREFIX,
  type CustomSetDiagnostic,
} from '../custom-sets/index.js';
import type { SetPreview } from '../emit/preview/index.js';
import type { CompileResult } from '../program/index.js';

/** Custom set definitions exported from a product, checked against a compiled policy folder. */
export interface CustomSetsFileCheck {
  diagnostics: CustomSetDiagnostic[];
  errors: number;
  warnings: number;
  /** The preview of a built set or of a definition without errors; undefined for any other id. */
  preview(id: string): SetPreview | undefined;
}

/**
 * The use case behind `permset check --custom-sets FILE.json` and `permset preview SET
 * --custom-sets FILE.json`: the file's JSON is what `withCustomSets` takes, checked with the same
 * code (custom-sets/) against the policies as compiled, so the CLI and custom-sets.js agree.
 * Text that is not JSON is one `custom-set-value` at the file itself. No I/O: the caller reads.
 */
export function checkCustomSetsFile(
  result: CompileResult,
  text: string,
  file: string,
  options: { grantor?: string } = {},
): CustomSetsFileCheck {
  let definitions: unknown;
  try {
    definitions = JSON.parse(text);
  } catch (e) {
    const diagnostic: CustomSetDiagnostic = {
      code: 'custom-set-value',
      severity: 'error',
      message: `The file is not JSON: ${(e as Error).message}.`,
      path: '',
    };
    return { diagnostics: [diagnostic], errors: 1, warnings: 0, preview: () => undefined };
  }
  const context = policyContextOf(result.resolved, result.files);
  const checked = checkCustomSets(
    context,
    definitions,
    options.grantor === undefined ? {} : { grantor: options.grantor },
  );
  let previews: Map<string, SetPreview> | undefined;
  return {
    diagnostics: checked.diagnostics,
    errors: checked.diagnostics.filter((d) => d.severity === 'error').length,
    warnings: checked.diagnostics.filter((d) => d.severity === 'warning').length,
    preview: (id) =>
      (previews ??= previewsOf(context, checked, (uri) =>
        uri.startsWith(URI_PREFIX) ? `${file}#/${uri.slice(URI_PREFIX.length)}` : uri,
      )).get(id),
  };
}
