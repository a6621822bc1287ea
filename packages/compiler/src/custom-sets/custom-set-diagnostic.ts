import type { DiagnosticCode } from '../diagnostics/index.js';

/** A value a fix writes into a definition: a string, a list of scopes, or a `grants` object. */
export type JsonPatchValue = string | readonly string[] | { readonly [key: string]: string | readonly string[] };

/** One operation of a JSON Patch (RFC 6902) on the array of definitions a call was given. */
export type JsonPatchOperation =
  | { op: 'replace'; path: string; value: JsonPatchValue }
  | { op: 'add'; path: string; value: JsonPatchValue }
  | { op: 'move'; from: string; path: string }
  | { op: 'remove'; path: string };

/**
 * A problem of a custom set defined at run time: the code and message `permset check` gives for
 * the same set written as YAML, the id of the set it concerns, and where in the definitions it is
 * as a JSON Pointer into the array `withCustomSets` was given (`/0/grants/absence.view`).
 */
export interface CustomSetDiagnostic {
  code: DiagnosticCode;
  severity: 'error' | 'warning';
  message: string;
  /** The id of the definition, when it has a string id. */
  set?: string;
  /** JSON Pointer into the definitions (`''` for the call as a whole). */
  path: string;
  /** The compiler's fix, as a JSON Patch of the definitions, where it has one of that form. */
  fix?: { title: string; patch: JsonPatchOperation[] };
}
