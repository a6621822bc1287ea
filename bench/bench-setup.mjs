// What the evaluator benchmarks share: running under --expose-gc and compiling the shipped
// policies with the built compiler (packages/compiler/dist; `npm run build` first).
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The repository root. */
export const REPO = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Re-runs the calling script with the V8/Node `flag` when `present` says it lacks it, and exits
 * with the child's status; returns only in a process that has it.
 */
export function ensureNodeFlag(scriptUrl, flag, present = process.execArgv.includes(flag)) {
  if (present) return;
  try {
    execFileSync(process.execPath, [flag, ...process.execArgv, fileURLToPath(scriptUrl), ...process.argv.slice(2)], {
      stdio: 'inherit',
    });
    process.exit(0);
  } catch (e) {
    process.exit(e.status ?? 1);
  }
}

/** {@link ensureNodeFlag} for `--expose-gc`: heap and GC measurements need `gc()`. */
export function ensureExposeGc(scriptUrl) {
  ensureNodeFlag(scriptUrl, '--expose-gc', typeof globalThis.gc === 'function');
}

/** Imports a module of the built compiler, e.g. `compilerModule('node/index.js')`. */
export function compilerModule(path) {
  return import(pathToFileURL(join(REPO, 'packages/compiler/dist', path)).href);
}

/**
 * Compiles `policies/` as `permset build` does and returns the compiler's exports and the policy
 * model. Leaves the working directory at the repository root (file names are relative to it).
 */
export async function loadShippedPolicies() {
  const compiler = await compilerModule('index.js');
  const { NodeFileSystem } = await compilerModule('node/index.js');
  process.chdir(REPO);
  const collected = compiler.collectSources(new NodeFileSystem(), 'policies');
  const result = compiler.compile(collected.sources, { projectUri: 'policies' });
  if (result.hasErrors) throw new Error('policies/ has errors; run permset check policies');
  return { compiler, model: compiler.buildPolicyModel(result) };
}
