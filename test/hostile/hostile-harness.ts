import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { expect, onTestFinished } from 'vitest';
import { formatExpected } from '../helpers/fixtures.js';
import type { FileSystem } from '../../packages/compiler/src/fs/index.js';
import { NodeFileSystem } from '../../packages/compiler/src/node/index.js';
import type { PolicyWorkspace } from '../../packages/lsp/src/language-service/policy-workspace.js';
import { WorkspaceSet } from '../../packages/lsp/src/language-service/workspace-set.js';
import { runCli } from '../helpers/cli.js';
import type { ExpectedDiagnostic } from '../helpers/fixtures.js';
import { BUILD_ARTIFACTS } from '../helpers/build-artifacts.js';

/** The hostile cases: `test/fixtures/hostile/NN-name/`. */
export const HOSTILE_FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'hostile');

/**
 * What a case folder may hold besides `policies/` and `expected.diagnostics.json`: a
 * `generate.mjs` writing files too large, too odd (links, modes) or too invisible (bidi
 * controls) to commit, an optional `cleanup` and an optional file-system wrapper that every
 * entry point reads through (a fresh one per run).
 */
interface CaseModule {
  generate?: (dir: string) => void;
  cleanup?: (dir: string) => void;
  wrapFileSystem?: (fs: FileSystem, dir: string) => FileSystem;
}

/** A hostile case materialized in a temporary folder, removed when the test finishes. */
export interface HostileCase {
  name: string;
  /** The case root: `policies/` lives here, and file names are relative to it. */
  dir: string;
  /** A file system for one run: the case's wrapper over the real one, fresh each call. */
  fileSystem(): FileSystem;
}

/** Cases too slow to share a test file with the others: each has its own. */
export const SLOW_CASES = ['02-wide-map'];

/** The artifacts of `permset build` (the evaluator target). */
export const ARTIFACTS = BUILD_ARTIFACTS;

/** The case folders, sorted. */
export function hostileCaseNames(): string[] {
  return readdirSync(HOSTILE_FIXTURES)
    .filter((n) => statSync(join(HOSTILE_FIXTURES, n)).isDirectory())
    .sort();
}

/** Copies a case's committed policies to a temporary folder and runs its generator there. */
export async function materialize(name: string): Promise<HostileCase> {
  const source = join(HOSTILE_FIXTURES, name);
  const dir = mkdtempSync(join(tmpdir(), `permset-hostile-${name}-`));
  if (existsSync(join(source, 'policies')))
    cpSync(join(source, 'policies'), join(dir, 'policies'), { recursive: true });
  const script = join(source, 'generate.mjs');
  const mod: CaseModule = existsSync(script)
    ? ((await import(/* @vite-ignore */ pathToFileURL(script).href)) as CaseModule)
    : {};
  onTestFinished(() => {
    mod.cleanup?.(dir);
    rmSync(dir, { recursive: true, force: true });
  });
  mod.generate?.(dir);
  return {
    name,
    dir,
    fileSystem: () => (mod.wrapFileSystem ? mod.wrapFileSystem(new NodeFileSystem(), dir) : new NodeFileSystem()),
  };
}

/** The fixture form of a diagnostic as `permset check --format json` prints it. */
interface JsonDiagnostic {
  file: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity: ExpectedDiagnostic['severity'];
  code: string;
}

const SEVERITY = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' } as const;

function expected(
  file: string,
  d: { code: string; severity: ExpectedDiagnostic['severity']; range: JsonDiagnostic['range'] },
): ExpectedDiagnostic {
  return {
    code: d.code,
    severity: d.severity,
    file,
    range: [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character],
  };
}

/** Sorted the way the CLI prints: by file, then position, then code. */
function sorted(list: ExpectedDiagnostic[]): ExpectedDiagnostic[] {
  const key = (d: ExpectedDiagnostic) => [d.file, ...d.range.map((n) => String(n).padStart(8, '0')), d.code].join('\0');
  return [...list].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** `permset check policies --format json`, in-process, in the case folder. */
export async function runCheck(
  c: HostileCase,
  fs: FileSystem = c.fileSystem(),
): Promise<{ code: number; diagnostics: ExpectedDiagnostic[]; messages: string[] }> {
  const r = await runCli(['check', 'policies', '--format', 'json'], { cwd: c.dir, fs });
  const report = JSON.parse(r.stdout) as { diagnostics: (JsonDiagnostic & { message: string })[] };
  return {
    code: r.code,
    diagnostics: sorted(report.diagnostics.map((d) => expected(d.file, d))),
    messages: report.diagnostics.map((d) => `${d.code} ${d.file} ${d.message}`),
  };
}

/** `permset build policies --out out`, in-process: the exit code and the files it would write. */
export async function runBuild(c: HostileCase): Promise<{ code: number; files: Map<string, string>; stderr: string }> {
  const files = new Map<string, string | Uint8Array>();
  const r = await runCli(['build', 'policies', '--out', 'out'], { cwd: c.dir, fs: c.fileSystem(), files });
  return {
    code: r.code,
    files: new Map(
      [...files].map(([k, v]) => [k.replace(/^out\//, ''), typeof v === 'string' ? v : new TextDecoder().decode(v)]),
    ),
    stderr: r.stderr,
  };
}

/** The language server's diagnostics of the case folder opened as a workspace, files relative to it. */
export function runLanguageService(c: HostileCase, fs: FileSystem = c.fileSystem()): ExpectedDiagnostic[] {
  const ws = new WorkspaceSet(fs).addFolder(pathToFileURL(c.dir).href);
  return workspaceDiagnostics(c, ws);
}

/** A workspace's diagnostics in fixture form, files relative to the case folder. */
export function workspaceDiagnostics(c: HostileCase, ws: PolicyWorkspace): ExpectedDiagnostic[] {
  const out: ExpectedDiagnostic[] = [];
  for (const [uri, list] of ws.diagnostics()) {
    const file = relative(c.dir, fileURLToPath(uri)).split('\\').join('/');
    for (const d of list)
      out.push(
        expected(file, { code: String(d.code), severity: SEVERITY[d.severity as 1 | 2 | 3 | 4], range: d.range }),
      );
  }
  return sorted(out);
}

/** A snapshot of the built-in prototypes a polluted object would change: every own key and its descriptor. */
export function prototypeSnapshot(): Map<object, Map<string | symbol, PropertyDescriptor>> {
  const snap = new Map<object, Map<string | symbol, PropertyDescriptor>>();
  for (const proto of [
    Object.prototype,
    Array.prototype,
    Function.prototype,
    String.prototype,
    Number.prototype,
    Boolean.prototype,
    Map.prototype,
    Set.prototype,
  ]) {
    snap.set(proto, new Map(Reflect.ownKeys(proto).map((k) => [k, Object.getOwnPropertyDescriptor(proto, k)!])));
  }
  return snap;
}

/**
 * Asserts no built-in prototype gained, lost or changed a property since `before` (the same
 * functions, getters and values), and that a fresh object inherits nothing a payload would set.
 */
export function expectPrototypesUntouched(before: Map<object, Map<string | symbol, PropertyDescriptor>>): void {
  const after = prototypeSnapshot();
  for (const [proto, keys] of before) {
    const now = after.get(proto)!;
    expect([...now.keys()].map(String)).toEqual([...keys.keys()].map(String));
    for (const [k, d] of keys) expect(now.get(k), String(k)).toStrictEqual(d);
  }
  const fresh = {} as Record<string, unknown>;
  for (const k of ['polluted', 'prototype', 'pwned', 'admin', 'set', 'owner']) expect(fresh[k], k).toBeUndefined();
  expect(Object.getPrototypeOf(fresh)).toBe(Object.prototype);
  expect((globalThis as Record<string, unknown>)['pwned']).toBeUndefined();
}

/**
 * Runs a case through check, build and the language server, and asserts they agree with the
 * case's `expected.diagnostics.json` and with each other, that build writes all or nothing, and
 * that no run touched a built-in prototype. Returns the runs for case-specific assertions.
 */
export async function checkCaseEverywhere(
  name: string,
): Promise<{ c: HostileCase; build: Awaited<ReturnType<typeof runBuild>> }> {
  const c = await materialize(name);
  const before = prototypeSnapshot();

  const check = await runCheck(c);
  expectPrototypesUntouched(before);
  await expect(formatExpected(check.diagnostics)).toMatchFileSnapshot(
    join(HOSTILE_FIXTURES, name, 'expected.diagnostics.json'),
  );
  const errors = check.diagnostics.some((d) => d.severity === 'error');
  expect(check.code).toBe(errors ? 1 : 0);

  const build = await runBuild(c);
  expectPrototypesUntouched(before);
  expect(build.code).toBe(errors ? 1 : 0);
  expect([...build.files.keys()].sort()).toEqual(errors ? [] : ARTIFACTS);

  expect(runLanguageService(c)).toEqual(check.diagnostics);
  expectPrototypesUntouched(before);
  return { c, build };
}
