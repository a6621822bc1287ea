import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DiagnosticCodes } from '../../packages/compiler/src/diagnostics/codes.js';
import type { Diagnostic, Range } from '../../packages/compiler/src/diagnostics/index.js';
import { buildArtifacts, compileProject, loadEvaluator } from './build-project.js';
import { fuzzRuns, fuzzSeed, fuzzTimeout } from './fuzz-runs.js';
import { randomProjectSpec } from './random-project.js';
import { renderProject, type PolicyFile } from './render-project.js';
import { EVALUATOR_AND_MATRIX_ARTIFACTS } from '../helpers/build-artifacts.js';

// Line starts of a text, counting `\n`, `\r\n` and a lone `\r` as breaks (as YAML and LSP do),
// computed here independently of the compiler's SourceFile.
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\r' && text[i + 1] === '\n') i++;
    if (text[i] === '\n' || text[i] === '\r') starts.push(i + 1);
  }
  return starts;
}

/** The offset of a position, or an explanation of why the position is not inside the text. */
function offsetOf(text: string, starts: number[], p: { line: number; character: number }): number | string {
  if (!Number.isInteger(p.line) || !Number.isInteger(p.character) || p.line < 0 || p.character < 0)
    return `bad position ${JSON.stringify(p)}`;
  if (p.line >= starts.length) return `line ${p.line} past the last line ${starts.length - 1}`;
  // A line ends before its break; the last line has none.
  const next = starts[p.line + 1];
  const lineEnd =
    next === undefined ? text.length : next - (text[next - 2] === '\r' && text[next - 1] === '\n' ? 2 : 1);
  const offset = starts[p.line]! + p.character;
  return offset <= lineEnd ? offset : `character ${p.character} past the end of line ${p.line}`;
}

/** Problems with a range in a file: each must lie inside the text with start ≤ end. */
function rangeProblems(files: Map<string, string>, uri: string, range: Range): string[] {
  const text = files.get(uri);
  if (text === undefined) {
    // Project-wide problems (no catalog at all) are reported on the project folder, at 0:0.
    return uri === 'policies' &&
      range.start.line === 0 &&
      range.start.character === 0 &&
      range.end.line === 0 &&
      range.end.character === 0
      ? []
      : [`unknown uri ${uri} or non-zero range`];
  }
  const starts = lineStarts(text);
  const start = offsetOf(text, starts, range.start);
  const end = offsetOf(text, starts, range.end);
  if (typeof start === 'string') return [start];
  if (typeof end === 'string') return [end];
  return 0 <= start && start <= end && end <= text.length ? [] : [`offsets ${start}..${end} outside 0..${text.length}`];
}

const SEVERITY = { error: 1, warning: 2, info: 3 } as const;

/** Everything wrong with one diagnostic (empty when well-formed). */
function diagnosticProblems(files: Map<string, string>, d: Diagnostic): string[] {
  const out: string[] = [];
  const def = DiagnosticCodes[d.code];
  if (!def) out.push(`unknown code ${d.code}`);
  // A YAML warning (e.g. a tab after a value) is the one documented downgrade of a code's severity.
  else if (d.severity !== SEVERITY[def.severity] && !(d.code === 'yaml-syntax' && d.severity === 2))
    out.push(`severity ${d.severity} for ${d.code}`);
  if (d.source !== 'permset' || typeof d.message !== 'string' || d.message.trim() === '')
    out.push('bad source or empty message');
  out.push(...rangeProblems(files, d.uri, d.range));
  for (const r of d.relatedInformation ?? [])
    out.push(...rangeProblems(files, r.location.uri, r.location.range).map((m) => `related: ${m}`));
  for (const fix of d.data?.fixes ?? []) {
    for (const e of fix.edits) if (!e.create) out.push(...rangeProblems(files, e.uri, e.range).map((m) => `fix: ${m}`));
  }
  return out;
}

function check(files: PolicyFile[]) {
  const result = compileProject(files);
  const texts = new Map(files.map((f) => [f.uri, f.text]));
  const bad = result.diagnostics.flatMap((d) =>
    diagnosticProblems(texts, d).map((m) => `${d.code} at ${d.uri}:${JSON.stringify(d.range)}: ${m}`),
  );
  expect(bad).toEqual([]);
  expect(result.hasErrors).toBe(result.diagnostics.some((d) => d.severity === 1));
  return result;
}

describe('the compiler on random projects', () => {
  it(
    'never throws, and every diagnostic has a known code and a range inside its file (with injected errors)',
    () => {
      let errors = 0;
      fc.assert(
        fc.property(randomProjectSpec({ errors: true }), fc.boolean(), (spec, crlf) => {
          const files = renderProject(spec).map((f) => (crlf ? { ...f, text: f.text.replace(/\r?\n/g, '\r\n') } : f));
          if (check(files).hasErrors) errors++;
        }),
        // Seeded: the share asserted below is a property of the runs drawn, and unseeded runs drew
        // 44 of 50 erroneous projects once (the bar is 45).
        { numRuns: fuzzRuns(50), seed: fuzzSeed(20261207) },
      );
      // Injected damage must really produce errors (else the property checked only clean projects).
      expect(errors).toBeGreaterThan(fuzzRuns(50) * 0.9);
    },
    fuzzTimeout(60_000),
  );

  it(
    'builds every error-free project: model, evaluator and reports, and the evaluator module loads',
    async () => {
      let built = 0;
      await fc.assert(
        fc.asyncProperty(randomProjectSpec(), async (spec) => {
          const files = renderProject(spec);
          const result = check(files);
          if (result.hasErrors) return;
          built++;
          const { files: artifacts } = buildArtifacts(result);
          expect(Object.keys(artifacts).sort()).toEqual(EVALUATOR_AND_MATRIX_ARTIFACTS);
          const { model, ev } = await loadEvaluator(result);
          expect([...ev.SET_IDS].sort()).toEqual(spec.sets.map((s) => s.id).sort());
          expect([...ev.PERMISSION_IDS].sort()).toEqual(spec.perms.map((p) => p.id).sort());
          expect(model.sets.length).toBe(spec.sets.length);
        }),
        { numRuns: fuzzRuns(30), seed: fuzzSeed(20261207) },
      );
      // The generator is biased towards valid projects; most of them must have been built.
      expect(built).toBeGreaterThan(fuzzRuns(30) * 0.5);
    },
    fuzzTimeout(60_000),
  );
});
