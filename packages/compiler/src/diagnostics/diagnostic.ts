import type { DiagnosticCode } from './codes.js';

/** A 0-based position; `character` counts UTF-16 code units, as in LSP. */
export interface Position {
  line: number;
  character: number;
}

/** A half-open 0-based range, as in LSP. */
export interface Range {
  start: Position;
  end: Position;
}

/** A range in a named file. */
export interface Location {
  uri: string;
  range: Range;
}

/** Numeric severities, identical to LSP's `DiagnosticSeverity`, so the server passes them through. */
export const DiagnosticSeverity = {
  Error: 1,
  Warning: 2,
  Information: 3,
  Hint: 4,
} as const;

/** One of {@link DiagnosticSeverity}'s values. */
export type DiagnosticSeverity = (typeof DiagnosticSeverity)[keyof typeof DiagnosticSeverity];

/** Another place that explains a diagnostic (the other half of a cycle, the inherited grant...). */
export interface DiagnosticRelatedInformation {
  location: Location;
  message: string;
}

/**
 * One edit of a fix: replace `range` in `uri` with `newText`, or, with `create`, create the file
 * `uri` holding `newText` (it must not exist yet).
 */
export type FixEdit =
  | { uri: string; range: Range; newText: string; create?: undefined }
  | { uri: string; create: true; newText: string; range?: undefined };

/** A machine-readable fix: applying every edit resolves the diagnostic. */
export interface Fix {
  /** What the fix does, phrased for a menu ("Replace with 'contacts.manage'"). */
  title: string;
  edits: FixEdit[];
  /** The fix an editor may apply without asking (e.g. the single did-you-mean candidate). */
  isPreferred?: boolean;
}

/** Extra machine-readable payload of a diagnostic. */
export interface DiagnosticData {
  /** Candidate fixes, best first. */
  fixes?: Fix[];
}

/**
 * The one diagnostic type of permset. It has the shape of an LSP `Diagnostic` plus `uri`, so the
 * compiler produces it, the CLI prints it and the language server publishes it unchanged.
 *
 * Produced only by {@link toDiagnostic} at the edge of a compilation: stages work with offsets
 * ({@link Problem}) and never compute lines themselves.
 */
export interface Diagnostic {
  /** The file the diagnostic is in, exactly as the source was named when compiled. */
  uri: string;
  range: Range;
  severity: DiagnosticSeverity;
  code: DiagnosticCode;
  message: string;
  source: 'permset';
  relatedInformation?: DiagnosticRelatedInformation[];
  data?: DiagnosticData;
}

/** A half-open offset range `[start, end)` into a file's text (UTF-16 code units). */
export type Span = readonly [start: number, end: number];

/** A span in a named file: the offset-based twin of {@link Location}. */
export interface SourceRef {
  uri: string;
  span: Span;
}

/** An offset-based fix edit, turned into a {@link FixEdit} at the edge. */
export type ProblemFixEdit =
  | { uri: string; span: Span; newText: string; create?: undefined }
  | { uri: string; create: true; newText: string; span?: undefined };

/**
 * What a fix does to a grant entry, as data rather than text: set an owner's grant of `key` to
 * `value` (one scope, a list of scopes, or `none`), or remove the entry. The text edits of the
 * same fix write it into YAML; custom sets defined at run time write it as a JSON Patch of the
 * definition (custom-sets/check-custom-sets.ts), so both come from the one producer.
 */
export type GrantFixIntent =
  | { kind: 'set'; uri: string; key: string; value: string | readonly string[] }
  | { kind: 'remove'; uri: string; key: string };

/** An offset-based {@link Fix}. */
export interface ProblemFix {
  title: string;
  /** The text edits; empty for a fix of a source without text (a run-time definition), which has `grant`. */
  edits: ProblemFixEdit[];
  isPreferred?: boolean;
  /** The grant edit the fix makes, where it is one. */
  grant?: GrantFixIntent;
}

/**
 * What a stage reports: a diagnostic located by offsets. Stages never compute line/column;
 * {@link toDiagnostic} does, once, with the file's {@link SourceFile}.
 */
export interface Problem {
  uri: string;
  span: Span;
  severity: DiagnosticSeverity;
  code: DiagnosticCode;
  message: string;
  related?: { at: SourceRef; message: string }[];
  fixes?: ProblemFix[];
}
