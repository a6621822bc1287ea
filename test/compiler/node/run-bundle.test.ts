import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadBundle } from '../../../packages/compiler/src/node/run-bundle.js';
import { REPO } from '../../helpers/cli.js';
import { tempDir } from '../../helpers/temp-dir.js';

const BUNDLE = `const { join } = require('node:path');
exports.where = join(__dirname, 'x');
exports.twice = (n) => n * 2;
// As run-bundle.ts advises: Node 20 loses the import() callback of code from a cache, so a
// bundle imports through a script of its own.
const { Script, constants } = require('node:vm');
exports.viaImport = () =>
  new Script("import('data:text/javascript,export default 42')", { importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER })
    .runInThisContext()
    .then((m) => m.default);
`;

/** A folder with one CommonJS "bundle" in it. */
function bundleIn(dir: string, text = BUNDLE): string {
  const file = join(dir, 'tool.cjs');
  writeFileSync(file, text);
  return file;
}

const caches = (dir: string) => (existsSync(join(dir, '.v8-cache')) ? readdirSync(join(dir, '.v8-cache')) : []);
const ON = { writeCache: true, env: {} };

/**
 * Loads the bundle in a new Node process, as the bins do (V8 keeps what it compiled per process,
 * so only a new process shows whether the cache file was used), with the cache written at exit.
 */
function loadInNewProcess(
  file: string,
  writeCache = true,
): { cache: string; cacheFile: string; twice: number; where: string; imported: number } {
  const runner = pathToFileURL(join(REPO, 'packages/compiler/dist/node/run-bundle.js')).href;
  const script = `import { loadBundle } from ${JSON.stringify(runner)};
const b = loadBundle(${JSON.stringify(file)}, { writeCache: ${writeCache}, env: {} });
const imported = await b.exports.viaImport();
console.log(JSON.stringify({ cache: b.cache, cacheFile: b.cacheFile, twice: b.exports.twice(21), where: b.exports.where, imported }));`;
  // A file, not `--input-type=module -e`: that flag makes Node refuse the bundle's import().
  const main = join(dirname(file), 'load.mjs');
  writeFileSync(main, script);
  return JSON.parse(execFileSync(process.execPath, [main], { encoding: 'utf8' })) as ReturnType<
    typeof loadInNewProcess
  >;
}

describe('loadBundle', () => {
  it('runs the bundle as CommonJS, writes the cache at exit, and a new process uses it', () => {
    const dir = tempDir();
    const file = bundleIn(dir);
    const first = loadInNewProcess(file);
    // Importing works from the bundle, the way run-bundle.ts documents.
    expect(first).toEqual({
      cache: 'none',
      cacheFile: expect.any(String),
      twice: 42,
      where: join(dir, 'x'),
      imported: 42,
    });
    expect(caches(dir)).toEqual([
      expect.stringMatching(
        new RegExp(`^tool-${process.version.replace(/\./g, '\\.')}-${process.arch}-[0-9a-f]{16}\\.bin$`),
      ),
    ]);
    expect(first.cacheFile).toBe(join(dir, '.v8-cache', caches(dir)[0]!));
    expect(loadInNewProcess(file)).toEqual({ ...first, cache: 'used' });
    expect(caches(dir)).toHaveLength(1);
  });

  it('never reads the cache of another text of the bundle, and drops it when writing the new one', () => {
    const dir = tempDir();
    const file = bundleIn(dir);
    const old = loadInNewProcess(file);
    bundleIn(dir, BUNDLE.replace('n * 2', 'n * 3'));
    const rebuilt = loadInNewProcess(file);
    expect(rebuilt).toMatchObject({ cache: 'none', twice: 63 });
    expect(rebuilt.cacheFile).not.toBe(old.cacheFile);
    expect(caches(dir).map((f) => join(dir, '.v8-cache', f))).toEqual([rebuilt.cacheFile]);
  });

  it('a damaged cache is rejected by V8, the bundle still runs, and the cache is written again', () => {
    const dir = tempDir();
    const file = bundleIn(dir);
    const { cacheFile } = loadInNewProcess(file, false);
    expect(caches(dir)).toEqual([]);
    mkdirSync(join(dir, '.v8-cache'));
    writeFileSync(cacheFile, 'not a code cache');
    expect(loadInNewProcess(file)).toMatchObject({ cache: 'rejected', twice: 42 });
    expect(loadInNewProcess(file)).toMatchObject({ cache: 'used', twice: 42 });
  });

  it('writes nothing when the run may not write (writeCache: false), when turned off, or when it cannot', () => {
    const dir = tempDir();
    const file = bundleIn(dir);
    const quiet = loadBundle(file, { writeCache: false, env: {} });
    quiet.saveCache();
    expect(caches(dir)).toEqual([]);

    const off = loadBundle(file, { writeCache: true, env: { PERMSET_NO_CODE_CACHE: '1' } });
    expect(off).toMatchObject({ cache: 'off', cacheFile: undefined });
    expect((off.exports.twice as (n: number) => number)(1)).toBe(2);
    off.saveCache();
    expect(caches(dir)).toEqual([]);

    // The cache folder cannot be created (a file is in the way): the run goes on regardless.
    writeFileSync(join(dir, 'blocked'), '');
    const blocked = loadBundle(file, { ...ON, cacheDir: join(dir, 'blocked', 'cache') });
    expect(() => blocked.saveCache()).not.toThrow();
    expect((blocked.exports.twice as (n: number) => number)(3)).toBe(6);
  });
});

describe('the permset bin and its code cache', () => {
  it('the built bundles call no import(), which a script run from a code cache cannot', () => {
    for (const bundle of [
      'packages/compiler/dist/bundle/permset.cjs',
      'packages/lsp/dist/bundle/permset-language-server.cjs',
    ]) {
      expect(readFileSync(join(REPO, bundle), 'utf8')).not.toMatch(/(^|[^\w$.])import\(/m);
    }
  });

  /** The bin with the files it runs, in the package's layout, in a folder of its own. */
  function installedCopy(): string {
    const dir = tempDir();
    cpSync(join(REPO, 'packages/compiler/bin/permset.js'), join(dir, 'bin/permset.js'));
    cpSync(join(REPO, 'packages/compiler/dist/bundle/permset.cjs'), join(dir, 'dist/bundle/permset.cjs'));
    cpSync(join(REPO, 'packages/compiler/dist/node/run-bundle.js'), join(dir, 'dist/node/run-bundle.js'));
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
    return dir;
  }
  const permset = (dir: string, ...args: string[]) =>
    execFileSync(process.execPath, [join(dir, 'bin/permset.js'), ...args], {
      cwd: REPO,
      encoding: 'utf8',
      env: { ...process.env, PERMSET_NO_CODE_CACHE: '' },
    });

  it('--version leaves no cache; check writes it, and the next check prints the same with it', () => {
    const dir = installedCopy();
    expect(permset(dir, '--version')).toMatch(/^permset \d+\.\d+\.\d+/);
    expect(caches(join(dir, 'dist/bundle'))).toEqual([]);
    const cold = permset(dir, 'check', 'policies');
    expect(caches(join(dir, 'dist/bundle'))).toHaveLength(1);
    expect(permset(dir, 'check', 'policies')).toBe(cold);
    expect(cold).toContain('No problems');
  });
});
