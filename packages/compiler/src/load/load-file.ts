import type { Problem } from '../diagnostics/index.js';
import { SourceFile, makeProblem } from '../diagnostics/index.js';
import { decodeSource } from './decode-source.js';
import { DEFAULT_YAML_LIMITS, parseYaml, type ParsedDocument, type YamlLimits } from './parse-yaml.js';
import { scanBidi } from './scan-bidi.js';

/** A policy file handed to the compiler: its name and either its text or its raw bytes. */
export type SourceInput =
  { uri: string; text: string; bytes?: undefined } | { uri: string; bytes: Uint8Array; text?: undefined };

/** Options of the `load` stage. */
export interface LoadOptions {
  /** Files larger than this (in UTF-16 code units of text, or bytes) are reported, not parsed. */
  maxFileSize?: number;
  yaml?: Partial<YamlLimits>;
}

/** The default `maxFileSize`: 2 MiB, an order of magnitude above the largest real catalog. */
export const DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024;

/** The result of `load` for one file. */
export interface LoadedFile {
  source: SourceFile;
  documents: ParsedDocument[];
  problems: Problem[];
}

/**
 * Stage `load` for one file: decode, enforce the size limit, flag bidi controls, parse YAML into
 * the position-carrying tree. Never throws.
 */
export function loadFile(input: SourceInput, options: LoadOptions = {}): LoadedFile {
  const maxSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const size = input.bytes ? input.bytes.length : input.text.length;
  if (size > maxSize) {
    const text = input.bytes ? '' : input.text;
    return {
      source: new SourceFile(input.uri, text),
      documents: [],
      problems: [fileTooLarge(input.uri, size, maxSize)],
    };
  }
  const problems: Problem[] = [];
  let text: string;
  if (input.bytes) {
    const decoded = decodeSource(input.uri, input.bytes);
    text = decoded.text;
    problems.push(...decoded.problems);
  } else {
    // Editors strip a BOM before handing text over; do the same for text from elsewhere.
    text = input.text.charCodeAt(0) === 0xfeff ? input.text.slice(1) : input.text;
  }
  const source = new SourceFile(input.uri, text);
  problems.push(...scanBidi(input.uri, text));
  const parsed = parseYaml(input.uri, text, { ...DEFAULT_YAML_LIMITS, ...options.yaml });
  problems.push(...parsed.problems);
  if (parsed.documents.every((d) => d.root === null) && !parsed.problems.some((p) => p.severity === 1)) {
    problems.push(
      makeProblem('empty-file', 'The file holds no YAML document; it is ignored.', { uri: input.uri, span: [0, 0] }),
    );
  }
  return { source, documents: parsed.documents, problems };
}

/** The `file-too-large` problem of a file of `size` bytes (or UTF-16 code units) over `maxSize`. */
export function fileTooLarge(uri: string, size: number, maxSize: number): Problem {
  return makeProblem(
    'file-too-large',
    `The file is ${formatSize(size)}, more than the ${formatSize(maxSize)} limit for one policy file; it is not checked. Split it into several files.`,
    { uri, span: [0, 0] },
  );
}

function formatSize(n: number): string {
  return n >= 1024 * 1024
    ? `${(n / (1024 * 1024)).toFixed(1)} MiB`
    : n >= 1024
      ? `${(n / 1024).toFixed(1)} KiB`
      : `${n} bytes`;
}
