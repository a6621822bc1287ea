import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect } from 'vitest';
import type { Diagnostic } from '../../packages/compiler/src/diagnostics/index.js';
import type { SourceFile } from '../../packages/compiler/src/diagnostics/index.js';
import { REPO } from '../helpers/cli.js';

/** Mutants per run: small by default (the unit suite), `PERMSET_FUZZ_RUNS` for long runs. */
export function fuzzRuns(fallback: number): number {
  const n = Number(process.env['PERMSET_FUZZ_RUNS']);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/** The seed: `PERMSET_FUZZ_SEED` to replay a failure, else fixed so every run is reproducible. */
export function fuzzSeed(fallback: number): number {
  const n = Number(process.env['PERMSET_FUZZ_SEED']);
  return Number.isInteger(n) ? n : fallback;
}

/** The shipped policies (`policies/**.yaml`), keyed by path relative to `policies/`. */
export function shippedPolicies(): Map<string, string> {
  const root = join(REPO, 'policies');
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.ya?ml$/.test(name)) out.set(relative(root, path).split('\\').join('/'), readFileSync(path, 'utf8'));
    }
  };
  walk(root);
  return out;
}

/** Every id-like word of the policies: what a token edit swaps in for another. */
export function idsOf(texts: Iterable<string>): string[] {
  const ids = new Set<string>();
  for (const t of texts)
    for (const m of t.matchAll(/\b(?:id|extends):\s*([\w.-]+)|^\s{2}([a-z][\w.*-]*):/gm)) ids.add((m[1] ?? m[2])!);
  return [...ids].sort();
}

/** The lengths of a text's lines, split as `SourceFile` and LSP split them. */
export function lineLengths(text: string): number[] {
  return text.split(/\r\n|\r|\n/).map((l) => l.length);
}

/** A range is valid when it is ordered and each end is inside its line of `text`. */
export function expectRangeIn(range: Diagnostic['range'], text: string | undefined, where: () => string): void {
  if (text === undefined) {
    // A diagnostic on the project folder (missing-catalog) has no text to point into.
    expect(range, where()).toEqual({ start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    return;
  }
  const lengths = lineLengths(text);
  const ok =
    range.start.line >= 0 &&
    range.start.character >= 0 &&
    range.end.line < lengths.length &&
    range.start.character <= lengths[range.start.line]! &&
    range.end.character <= lengths[range.end.line]! &&
    (range.start.line < range.end.line ||
      (range.start.line === range.end.line && range.start.character <= range.end.character));
  expect(
    ok,
    `${where()}: range ${JSON.stringify(range)} outside its file (lines ${JSON.stringify(lengths.slice(range.start.line, range.end.line + 1))})`,
  ).toBe(true);
}

/** Asserts every diagnostic is well-formed: a known code, a severity, a valid range in its file. */
export function expectWellFormed(
  diagnostics: readonly Diagnostic[],
  files: ReadonlyMap<string, SourceFile | { text: string }>,
  codes: ReadonlySet<string>,
  where: () => string,
): void {
  for (const d of diagnostics) {
    expect(codes.has(d.code), `${where()}: unknown code ${d.code}`).toBe(true);
    expect([1, 2, 3, 4], where()).toContain(d.severity);
    expect(typeof d.message === 'string' && d.message.length > 0, where()).toBe(true);
    expectRangeIn(d.range, files.get(d.uri)?.text, () => `${where()} ${d.code} in ${d.uri}`);
  }
}

/** Runs `fn` and asserts it returned within the hang guard (generous: a loaded CI machine). */
export function guarded<T>(what: string, fn: () => T, limitMs = 5_000): T {
  const t0 = performance.now();
  const out = fn();
  const ms = performance.now() - t0;
  expect(ms, `${what} took ${Math.round(ms)} ms`).toBeLessThan(limitMs);
  return out;
}
