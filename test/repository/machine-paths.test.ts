import { execFileSync } from 'node:child_process';
import { lstatSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/cli.js';

// What the repository ships is read on other machines: a script, doc or comment that points at a
// folder of the machine it was written on (`/work/...`, a home folder) sends readers nowhere. They
// refer to the repository's own files instead (docs/editors.md, policies/README.md, ...).

/** An absolute path under a machine's work or home folders; `C:/work/x` and `~/x` are not. */
const MACHINE_PATH = /(?<![\w.~:/-])\/(?:work|root|home\/[a-z_][\w-]*|Users\/[\w.-]+)\/[\w.-]/g;

function trackedTextFiles(): string[] {
  const files = execFileSync('git', ['ls-files', '-z'], { cwd: REPO, encoding: 'utf8' }).split('\0').filter(Boolean);
  // Symbolic links are skipped (a fixture's link may point nowhere on purpose), and so is this
  // file, whose examples are such paths.
  const self = 'test/repository/machine-paths.test.ts';
  return files.filter(
    (f) =>
      !/\.(png|ico|vsix|wasm)$/.test(f) && f !== 'package-lock.json' && f !== self && lstatSync(join(REPO, f)).isFile(),
  );
}

describe('the repository names no folder of a particular machine', () => {
  it('finds the pattern where it is (self-check)', () => {
    expect('See /work/shared/editor-testing.md or /home/dev/x and /root/.npm'.match(MACHINE_PATH)).toEqual([
      '/work/s',
      '/home/dev/x',
      '/root/.',
    ]);
    expect('C:/work/policies ~/work/x https://host/work/x packages/work/x'.match(MACHINE_PATH)).toBeNull();
  });

  it('in any tracked file', () => {
    const found: string[] = [];
    for (const file of trackedTextFiles()) {
      const text = readFileSync(join(REPO, file), 'utf8');
      text.split('\n').forEach((line, i) => {
        if (line.match(MACHINE_PATH)) found.push(`${file}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(found).toEqual([]);
  });
});
