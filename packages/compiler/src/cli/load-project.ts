import { isAbsolute, relative, resolve } from 'node:path';
import type { Problem } from '../diagnostics/index.js';
import { collectSources } from '../fs/index.js';
import { compile, type CompileResult } from '../program/index.js';
import { compareDiagnostics, toDiagnostic } from '../diagnostics/index.js';
import type { CliIO } from './cli-io.js';

/**
 * Reads a policy directory through the injected file system and compiles it. Files are named
 * relative to the working directory, as the spec's JSON output requires.
 */
export function loadProject(io: CliIO, dir: string): CompileResult {
  const root = policyRoot(io.cwd, dir);
  const fsRoot = isAbsolute(root) ? root : resolve(io.cwd, root);
  const collected = collectSources(prefixed(io, fsRoot, root), root);
  const result = compile(collected.sources, { projectUri: root });
  if (collected.problems.length === 0) return result;
  // A directory that cannot be read has no catalog either; saying so as well would only repeat
  // the first error in vaguer words.
  const rootUnreadable = collected.sources.length === 0 && collected.problems.some((p) => p.uri === root);
  return withProblems(rootUnreadable ? withoutCode(result, 'missing-catalog') : result, collected.problems);
}

function withoutCode(result: CompileResult, code: string): CompileResult {
  const diagnostics = result.diagnostics.filter((d) => d.code !== code);
  return { ...result, diagnostics, hasErrors: diagnostics.some((d) => d.severity === 1) };
}

/** A directory argument as shown in output: relative to cwd when inside it, `/`-separated. */
export function displayPath(cwd: string, dir: string): string {
  const abs = resolve(cwd, dir);
  const rel = relative(cwd, abs);
  const shown = rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? abs : rel;
  return shown.replace(/\\/g, '/');
}

/**
 * The policy folder as diagnostics name its files: relative to cwd, also outside it
 * (`../other/policies`), as the spec's `file` is; absolute only when no relative path exists
 * (another drive on Windows).
 */
function policyRoot(cwd: string, dir: string): string {
  const abs = resolve(cwd, dir);
  const rel = relative(cwd, abs);
  return (rel === '' ? '.' : isAbsolute(rel) ? abs : rel).replace(/\\/g, '/');
}

// The loader names files after the root as given; this maps those names onto real paths.
function prefixed(io: CliIO, fsRoot: string, shown: string) {
  const toReal = (p: string) => (p === shown ? fsRoot : p.startsWith(shown + '/') ? fsRoot + p.slice(shown.length) : shown === '.' ? `${fsRoot}/${p}` : p);
  return {
    stat: (p: string) => io.fs.stat(toReal(p)),
    readDirectory: (p: string) => io.fs.readDirectory(toReal(p)),
    readFile: (p: string) => io.fs.readFile(toReal(p)),
    realPath: (p: string) => io.fs.realPath(toReal(p)),
  };
}

function withProblems(result: CompileResult, problems: Problem[]): CompileResult {
  const extra = problems.map((p) => toDiagnostic(p, (uri) => result.files.get(uri)));
  const diagnostics = [...extra, ...result.diagnostics].sort(compareDiagnostics);
  return { ...result, diagnostics, hasErrors: result.hasErrors || extra.some((d) => d.severity === 1) };
}
