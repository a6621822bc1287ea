/**
 * Loads the CLI's and the language server's esbuild bundles with a V8 code cache.
 *
 * Node 20 has no compile cache of its own (`module.enableCompileCache` came in Node 22), and
 * compiling the bundle's code is a large part of a short run: the top-level code at load, and
 * every function again the first time it is called. The bundle is therefore a CommonJS file
 * run as a `vm.Script`, whose code V8 can serialise after a run (`createCachedData`), with
 * every function compiled so far, and take back on the next start (`cachedData`).
 * (`v8-compile-cache` does the same for every CommonJS module, but stores only what is compiled
 * before the module runs, which leaves out the lazily compiled functions that matter here.)
 *
 * Safety: the cache sits next to the bundle (same owner, same trust as the code itself), never
 * in a shared temporary folder. Its name holds the Node version, the architecture and a hash of
 * the bundle's text, so a rebuilt bundle or another Node never reads it; V8 also checks its
 * version and flags and rejects a cache that does not fit (the run then compiles as usual).
 * Every failure to read or write it is ignored: the cache only ever saves time.
 *
 * Code in a bundle must not use `import()` itself: Node 20 loses a script's import callback when
 * its code comes from a cache (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING). Should it ever need to,
 * it imports through a script compiled on the spot (`new vm.Script('import(…)', {
 * importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER })`), which works.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';

/** Options of {@link loadBundle}. */
export interface LoadBundleOptions {
  /**
   * Whether this run may write the cache when there is none that fits. Runs that use little of
   * the bundle (`--version`, `--help`) pass false, so the cache holds what real work compiles.
   */
  writeCache: boolean;
  /** Where caches are kept (default: `.v8-cache/` next to the bundle). */
  cacheDir?: string;
  /** The environment (default `process.env`); `PERMSET_NO_CODE_CACHE=1` turns the cache off. */
  env?: Record<string, string | undefined>;
}

/** What a load did with the cache (for tests and benchmarks). */
export interface LoadedBundle {
  /** The bundle's `module.exports`. */
  exports: Record<string, unknown>;
  /** The cache file of this bundle, Node and architecture; undefined when the cache is off. */
  cacheFile: string | undefined;
  /** `used`: V8 took the cache; `rejected`: a cache was there but did not fit; `none`: no cache file. */
  cache: 'used' | 'rejected' | 'none' | 'off';
  /**
   * Writes the cache now, with every function compiled so far, if this run may write it and
   * there was none that fitted; later calls (and the one at exit) do nothing. A long-running
   * program calls it once it has done its usual start-up work.
   */
  saveCache(): void;
}

/**
 * Runs a CommonJS bundle (as `require` would) and returns its exports. With the cache on, the
 * bundle's compiled code is read from the cache file when it fits, and written there when the
 * process exits if there was none that fitted and `writeCache` is set.
 */
export function loadBundle(file: string, options: LoadBundleOptions): LoadedBundle {
  const env = options.env ?? process.env;
  const source = readFileSync(file);
  const text = source.toString('utf8');
  const require = createRequire(file);
  const module = { exports: {} as Record<string, unknown>, filename: file, id: file, loaded: false, require };
  if (env.PERMSET_NO_CODE_CACHE === '1') {
    module.exports = require(file) as Record<string, unknown>;
    return { exports: module.exports, cacheFile: undefined, cache: 'off', saveCache: () => undefined };
  }
  const dir = options.cacheDir ?? join(dirname(file), '.v8-cache');
  const name = basename(file).replace(/\.[cm]?js$/, '');
  const hash = createHash('sha256').update(source).digest('hex').slice(0, 16);
  const cacheFile = join(dir, `${name}-${process.version}-${process.arch}-${hash}.bin`);
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new Script(`(function (exports, require, module, __filename, __dirname) { ${text}\n})`, {
    filename: file,
    cachedData,
  });
  const cache = cachedData === undefined ? 'none' : script.cachedDataRejected === true ? 'rejected' : 'used';
  let pending = cache !== 'used' && options.writeCache;
  const saveCache = () => {
    if (!pending) return;
    pending = false;
    writeCache(script, dir, name, cacheFile);
  };
  // At exit the script has run, so the cache holds every function this run compiled.
  if (pending) process.once('exit', saveCache);
  const run = script.runInThisContext() as (
    exports: unknown,
    require: NodeRequire,
    module: unknown,
    filename: string,
    dirname: string,
  ) => void;
  run.call(module.exports, module.exports, require, module, file, dirname(file));
  module.loaded = true;
  return { exports: module.exports, cacheFile, cache, saveCache };
}

/** Writes the cache atomically (another process may read it meanwhile) and drops stale ones. */
function writeCache(script: Script, dir: string, name: string, cacheFile: string): void {
  try {
    const data = script.createCachedData();
    mkdirSync(dir, { recursive: true });
    const temporary = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(temporary, data);
    renameSync(temporary, cacheFile);
    // Caches of earlier builds of this bundle (other hashes) are dead weight; other Node
    // versions' caches stay (one checkout may be used with several).
    const prefix = `${name}-${process.version}-${process.arch}-`;
    for (const entry of readdirSync(dir)) {
      if (entry.startsWith(prefix) && join(dir, entry) !== cacheFile && !entry.endsWith('.tmp'))
        rmSync(join(dir, entry), { force: true });
    }
  } catch {
    // A read-only install or a full disk: the next run compiles as this one did.
  }
}
