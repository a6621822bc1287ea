import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-dir.js';
import { buildArtifacts, compileProject } from './build-project.js';
import { fuzzRuns, fuzzSeed, fuzzTimeout } from './fuzz-runs.js';
import { randomProjectSpec } from './random-project.js';
import { renderProject, type PolicyFile } from './render-project.js';
import { BUILD_ARTIFACTS } from '../helpers/build-artifacts.js';

const run = promisify(execFile);
const crlf = (files: PolicyFile[]) => files.map((f) => ({ ...f, text: f.text.replace(/\r?\n/g, '\r\n') }));

describe('determinism', () => {
  it(
    'gives byte-identical artifacts whatever the file order, directory prefix and line endings',
    () => {
      let built = 0;
      const arb = randomProjectSpec().chain((spec) => {
        const files = renderProject(spec);
        return fc.tuple(
          fc.constant(files),
          fc.shuffledSubarray(files, { minLength: files.length }),
          fc.constantFrom('a', 'deep/er/checkout', 'C:/Users/x'),
          fc.boolean(),
        );
      });
      fc.assert(
        fc.property(arb, ([files, shuffled, prefix, useCrlf]) => {
          const result = compileProject(files);
          if (result.hasErrors) return;
          built++;
          const want = buildArtifacts(result).files;
          const moved = (useCrlf ? crlf(shuffled) : shuffled).map((f) => ({ ...f, uri: `${prefix}/${f.uri}` }));
          const other = compileProject(moved);
          expect(other.hasErrors).toBe(false);
          // As the CLI does: files are named relative to the policy folder's parent.
          const got = buildArtifacts(other, (uri) => uri.slice(prefix.length + 1)).files;
          expect(Object.keys(got)).toEqual(Object.keys(want));
          for (const name of Object.keys(want)) expect(got[name], name).toBe(want[name]);
        }),
        { numRuns: fuzzRuns(15), seed: fuzzSeed(20261207) },
      );
      expect(built).toBeGreaterThan(fuzzRuns(15) * 0.4);
    },
    fuzzTimeout(60_000),
  );

  // The real CLI in child processes, on a generated project and on the shipped policies: LF files written in path order under one folder, in UTC and
  // the C locale, against CRLF files written in reverse order under a deeper folder, in a time
  // zone with a 45-minute offset and the Turkish locale (whose case mapping of `i` breaks naive
  // `toUpperCase` ids). Every output file of `permset build` must be byte-identical.
  it('builds byte-identical files via the CLI across locale, time zone, path, file order and CRLF', async () => {
    const bin = join(REPO, 'packages/compiler/dist/cli/bin.js');
    expect(existsSync(bin), 'run `npx tsc -b` first').toBe(true);
    // The generated project: the richest error-free one of a fixed sample.
    const random = fc
      .sample(randomProjectSpec(), { numRuns: 30, seed: 42 })
      .filter((spec) => !compileProject(renderProject(spec)).hasErrors)
      .sort((x, y) => y.sets.length - x.sets.length)[0]!;
    const build = async (root: string, input: PolicyFile[], env: Record<string, string>) => {
      for (const f of input) {
        mkdirSync(join(root, f.uri, '..'), { recursive: true });
        writeFileSync(join(root, f.uri), f.text);
      }
      await run(process.execPath, [bin, 'build', 'policies', '--out', 'out'], {
        cwd: root,
        env: { PATH: process.env['PATH'] ?? '', ...env },
      });
      const out = join(root, 'out');
      return new Map(
        readdirSync(out)
          .sort()
          .map((name) => [name, readFileSync(join(out, name))]),
      );
    };
    const runs = [renderProject(random), shippedPolicies()].flatMap((files) => [
      build(tempDir('permset-det-a-'), files, { TZ: 'UTC', LANG: 'C', LC_ALL: 'C' }),
      build(join(tempDir('permset-det-b-'), 'ünï code', 'İ'), crlf([...files].reverse()), {
        TZ: 'Pacific/Chatham',
        LANG: 'tr_TR.UTF-8',
        LC_ALL: 'tr_TR.UTF-8',
      }),
    ]);
    const outputs = await Promise.all(runs);
    for (let i = 0; i < outputs.length; i += 2) {
      const [a, b] = [outputs[i]!, outputs[i + 1]!];
      expect([...a.keys()]).toEqual(BUILD_ARTIFACTS);
      expect([...b.keys()]).toEqual([...a.keys()]);
      for (const [name, bytes] of a) expect(Buffer.compare(b.get(name)!, bytes), name).toBe(0);
    }
  }, 60_000);
});

/** The shipped policy files (YAML only), named as the CLI names them from the repository root. */
function shippedPolicies(): PolicyFile[] {
  const walk = (dir: string): string[] =>
    readdirSync(join(REPO, dir), { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(`${dir}/${e.name}`) : /\.ya?ml$/.test(e.name) ? [`${dir}/${e.name}`] : [],
    );
  return walk('policies')
    .sort()
    .map((uri) => ({ uri, text: readFileSync(join(REPO, uri), 'utf8') }));
}
