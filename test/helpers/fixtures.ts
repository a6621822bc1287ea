import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { collectSources } from '../../packages/compiler/src/fs/index.js';
import { NodeFileSystem } from '../../packages/compiler/src/node/index.js';
import { compile, type CompileResult } from '../../packages/compiler/src/program/index.js';
import { compareDiagnostics, toDiagnostic, type Diagnostic } from '../../packages/compiler/src/diagnostics/index.js';

/** A diagnostic as fixtures record it: code, severity, file and exact 0-based range. */
export interface ExpectedDiagnostic {
  code: string;
  severity: 'error' | 'warning' | 'info' | 'hint';
  file: string;
  /** [startLine, startCharacter, endLine, endCharacter], 0-based. */
  range: [number, number, number, number];
}

const SEVERITY = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' } as const;

/** The case folders under `test/fixtures/<area>`, sorted (NN- prefixes give the order). */
export function fixtureCases(area: string): { name: string; dir: string }[] {
  const root = join(import.meta.dirname, '..', 'fixtures', area);
  return readdirSync(root)
    .filter((n) => statSync(join(root, n)).isDirectory() && !n.startsWith('_'))
    .sort()
    .map((name) => ({ name, dir: join(root, name) }));
}

/** Compiles `<dir>/policies` with files named relative to `dir`, as the CLI names them from a project root. */
export function compileFixture(dir: string, policies = 'policies'): CompileResult {
  const fs = new NodeFileSystem();
  const relFs = {
    stat: (p: string) => fs.stat(join(dir, p)),
    readDirectory: (p: string) => fs.readDirectory(join(dir, p)),
    readFile: (p: string) => fs.readFile(join(dir, p)),
    realPath: (p: string) => fs.realPath(join(dir, p)),
  };
  const collected = collectSources(relFs, policies);
  const result = compile(collected.sources, { projectUri: policies });
  if (collected.problems.length === 0) return result;
  const extra = collected.problems.map((p) => toDiagnostic(p, (u) => result.files.get(u)));
  return { ...result, diagnostics: [...extra, ...result.diagnostics].sort(compareDiagnostics) };
}

/** The fixture form of diagnostics. */
export function toExpected(diagnostics: readonly Diagnostic[]): ExpectedDiagnostic[] {
  return diagnostics.map((d) => ({
    code: d.code,
    severity: SEVERITY[d.severity],
    file: d.uri,
    range: [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character],
  }));
}

/** The expected diagnostics of a case, or undefined if the file is missing. */
export function readExpected(dir: string): ExpectedDiagnostic[] | undefined {
  const file = join(dir, 'expected.diagnostics.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as ExpectedDiagnostic[]) : undefined;
}

/** One expected diagnostic per line: reviewable in a diff, stable for golden files. */
export function formatExpected(list: readonly ExpectedDiagnostic[]): string {
  if (list.length === 0) return '[]\n';
  return '[\n' + list.map((d) => '  ' + JSON.stringify(d)).join(',\n') + '\n]\n';
}
