import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { ExpectedDiagnostic } from '../helpers/fixtures.js';
import { settle, startSession, type Session } from '../lsp/server/lsp-session.js';
import {
  expectPrototypesUntouched,
  hostileCaseNames,
  HOSTILE_FIXTURES,
  materialize,
  prototypeSnapshot,
  SLOW_CASES,
} from './hostile-harness.js';

// The hostile cases through the real language server (over JSON-RPC streams, as an editor runs
// it): started on the case folder, it publishes exactly the case's expected diagnostics, never
// crashes, logs no failure, and leaves the built-in prototypes alone.
const SEVERITY = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' } as const;

let session: Session | undefined;
afterEach(() => {
  session?.dispose();
  session = undefined;
});

describe('hostile input catalogue, through the language server', () => {
  for (const name of hostileCaseNames().filter((n) => !SLOW_CASES.includes(n))) {
    it(
      name,
      async () => {
        const c = await materialize(name);
        const before = prototypeSnapshot();
        const expected = JSON.parse(
          readFileSync(join(HOSTILE_FIXTURES, name, 'expected.diagnostics.json'), 'utf8'),
        ) as ExpectedDiagnostic[];
        const s = (session = await startSession(c.fileSystem(), { folder: pathToFileURL(c.dir).href }));
        // Wait (up to 10 s on a loaded machine) until every file with expected diagnostics has
        // been published, then a little longer for anything unexpected.
        const files = new Set(expected.map((d) => pathToFileURL(join(c.dir, d.file)).href));
        for (
          let waited = 0;
          waited < 10_000 && ![...files].every((u) => s.published.some((p) => p.uri === u));
          waited += 50
        )
          await settle(50);
        await settle(200);
        // The latest notification per file is what the editor shows.
        const latest = new Map<string, ExpectedDiagnostic[]>();
        for (const p of s.published) {
          const file = relative(c.dir, fileURLToPath(p.uri)).split('\\').join('/');
          const list = (
            p.diagnostics as unknown as {
              code: string;
              severity: 1 | 2 | 3 | 4;
              range: { start: { line: number; character: number }; end: { line: number; character: number } };
            }[]
          ).map((d) => ({
            code: d.code,
            severity: SEVERITY[d.severity],
            file,
            range: [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character] as [
              number,
              number,
              number,
              number,
            ],
          }));
          latest.set(file, list);
        }
        const published = [...latest.values()].flat();
        const key = (d: ExpectedDiagnostic) => JSON.stringify([d.file, d.range, d.code]);
        expect(published.map(key).sort()).toEqual(expected.map(key).sort());
        expect(s.logs.filter((l) => /failed/.test(l))).toEqual([]);
        expectPrototypesUntouched(before);
      },
      60_000,
    );
  }
});
