import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/cli.js';

// Maps of the code base are only useful while every path they name exists: a move or rename
// that forgets the map fails here, naming the doc and the path.

/** The folders a repository path starts with; other backticked words are code, not paths. */
const ROOTS = /^(?:packages|test|docs|scripts|bench|policies|schemas|action|\.ci|\.github)\//;

/** Backticked repository paths of a markdown text; `<placeholders>`, globs and `…` are patterns, not paths. */
export function namedPaths(markdown: string): string[] {
  const paths = new Set<string>();
  for (const [, inner] of markdown.matchAll(/`([^`\n]+)`/g)) {
    const path = inner!.trim().replace(/[.,:;]$/, '');
    if (!ROOTS.test(path) || /[<>*…{}\s]/.test(path)) continue;
    paths.add(path.replace(/\/$/, ''));
  }
  return [...paths];
}

const MAPS = ['test/README.md', 'docs/architecture.md'];

describe('the paths the code maps name exist', () => {
  it('finds paths and skips patterns (self-check)', () => {
    expect(
      namedPaths('see `test/compiler/diff/`, `packages/<pkg>/src`, `test/**/*.ts`, `npm test`, `docs/a.md`.'),
    ).toEqual(['test/compiler/diff', 'docs/a.md']);
  });

  for (const doc of MAPS) {
    it(doc, () => {
      const named = namedPaths(readFileSync(join(REPO, doc), 'utf8'));
      expect(named.length).toBeGreaterThan(5);
      expect(named.filter((p) => !existsSync(join(REPO, p)))).toEqual([]);
    });
  }

  it('test/README.md: each `npx vitest run` target exists and each -t names a test', () => {
    const text = readFileSync(join(REPO, 'test/README.md'), 'utf8');
    const runs = [...text.matchAll(/^npx vitest run (.+?)\s+#/gm)].map((m) => m[1]!);
    expect(runs.length).toBeGreaterThan(2);
    const suites = execFileSync('git', ['ls-files', '-z', '--', 'test/*.test.ts'], { cwd: REPO, encoding: 'utf8' })
      .split('\0')
      .filter((f) => f && existsSync(join(REPO, f)))
      .map((f) => readFileSync(join(REPO, f), 'utf8'));
    for (const args of runs) {
      const title = /-t "([^"]+)"/.exec(args)?.[1];
      if (title)
        expect(
          suites.some((s) => s.includes(`it('${title}`)),
          title,
        ).toBe(true);
      for (const target of args.split(/\s+/).filter((a) => a.startsWith('test/'))) {
        expect(existsSync(join(REPO, target)), target).toBe(true);
      }
    }
  });
});
