import type { CustomSetDefinition } from './custom-set-definition.js';

/**
 * A diagnostic of `withCustomSets`: the codes and messages of `permset check`, with a JSON
 * Pointer into the batch (`/0/grants/absence.view`) instead of a line.
 */
export interface CustomSetDiagnostic {
  code: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  set?: string;
  path: string;
  fix?: unknown;
}

/** One granted scope of a preview, in the catalog's words. */
export interface PreviewScopeLike {
  scope: string;
  label: string;
}

/** What a user with a set can do, by area (the shape of `permset preview --format json`). */
export interface SetPreviewLike {
  areas: { id: string; label: string; permissions: { id: string; label: string; sensitive: boolean; scopes: PreviewScopeLike[] }[] }[];
  notGranted: string[];
}

/** The part of a `withCustomSets` result the builder uses. */
export interface CustomSetsResult {
  ok: boolean;
  diagnostics: CustomSetDiagnostic[];
  /** "Try it out" for a set of the batch; undefined for a set with errors. */
  preview(setId: string): SetPreviewLike | undefined;
}

/**
 * The seam between the builder and the compiler's rules: `withCustomSets` of the built
 * policies (issue 16). The builder never judges a definition itself: every diagnostic, the
 * preview and so the comparison come from this function.
 */
export type WithCustomSets = (definitions: readonly CustomSetDefinition[], options?: { grantor?: string }) => CustomSetsResult;
