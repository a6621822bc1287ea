import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// A plain .mjs module of the benchmarks, typed by its JSDoc.
import { generateProject } from '../../../../bench/policy-tree.mjs';
import { compile } from '../../../../packages/compiler/src/program/index.js';
import { buildPolicyModel, type PolicyModel } from '../../../../packages/compiler/src/policy-model/index.js';
import {
  MATRIX_REPORT_CELL_LIMIT,
  matrixTooLarge,
  renderMatrix,
  renderMatrixReports,
} from '../../../../packages/compiler/src/emit/matrix/index.js';
import { runCli } from '../../../helpers/cli.js';
import { WIDE_BUILD_ARTIFACTS } from '../../../helpers/build-artifacts.js';

// A project of 520 sets × 500 permissions: 260,000 cells, just over the limit of the readable
// reports. Its HTML and JSON would be ~34 MB; at 10,000 sets they would exceed V8's longest
// string (bench/scale-bench.mjs), which once crashed `permset build`.
let dir: string;
let model: PolicyModel;
const files: { uri: string; text: string }[] = generateProject({ sets: 520, permissions: 500 });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'permset-matrix-limit-'));
  for (const f of files) {
    mkdirSync(dirname(join(dir, f.uri)), { recursive: true });
    writeFileSync(join(dir, f.uri), f.text);
  }
  model = buildPolicyModel(compile(files));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('access matrices beyond the readable size', () => {
  it('are detected from sets × permissions, or the chosen sets × permissions', () => {
    expect(MATRIX_REPORT_CELL_LIMIT).toBe(250_000);
    expect(model.sets.length * model.permissions.length).toBe(260_000);
    expect(matrixTooLarge(model)).toBe(
      'the access matrix has 260,000 cells (520 sets × 500 permissions), more than the 250,000 the Markdown, HTML and JSON reports are made for',
    );
    expect(matrixTooLarge(model, { sets: model.sets.slice(0, 500).map((s) => s.id) })).toBeUndefined();
  });

  it('build only the wide CSV, the same as the CSV renderer gives', () => {
    const reports = renderMatrixReports(model);
    expect(Object.keys(reports)).toEqual(['matrix.csv']);
    expect(reports['matrix.csv']).toBe(renderMatrix(model, 'csv'));
    const lines = reports['matrix.csv']!.split('\r\n');
    expect(lines[0]!.split(',').length).toBe(4 + 520);
    expect(lines.length).toBe(1 + 500 + 1); // header, one row per permission, the final CRLF
  });

  it('make `permset build` write the evaluator and matrix.csv, with a note', async () => {
    const written = new Map<string, string | Uint8Array>();
    const r = await runCli(['build', 'policies', '--out', 'out'], { cwd: dir, files: written });
    expect(r.code).toBe(0);
    expect([...written.keys()].sort()).toEqual(WIDE_BUILD_ARTIFACTS.map((f) => `out/${f}`));
    expect(r.stderr).toBe(
      'permset build: the access matrix has 260,000 cells (520 sets × 500 permissions), more than the 250,000 the Markdown, HTML and JSON reports are made for; wrote the wide matrix.csv only. See docs/matrix.md#large-projects.\n',
    );
  });

  it('make `permset matrix` ask for --sets or the wide CSV, and print either', async () => {
    const html = await runCli(['matrix', 'policies', '--format', 'html'], { cwd: dir });
    expect(html.code).toBe(2);
    expect(html.stdout).toBe('');
    expect(html.stderr).toBe(
      'permset matrix: the access matrix has 260,000 cells (520 sets × 500 permissions), more than the 250,000 the Markdown, HTML and JSON reports are made for. Choose the columns with --sets a,b,… or print the wide CSV (--format csv).\n',
    );
    const some = await runCli(['matrix', 'policies', '--format', 'md', '--sets', 's0,s1'], { cwd: dir });
    expect(some.code).toBe(0);
    expect(some.stdout.split('\n')[0]).toMatch(/^# /);
    const csv = await runCli(['matrix', 'policies', '--format', 'csv'], { cwd: dir });
    expect(csv.code).toBe(0);
    expect(csv.stdout).toBe(renderMatrix(model, 'csv'));
  });
});
