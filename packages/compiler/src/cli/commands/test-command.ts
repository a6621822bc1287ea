import { parseArgs } from 'node:util';
import { buildPolicyModel } from '../../policy-model/index.js';
import {
  compareSnapshots,
  expandCases,
  formatSnapshot,
  matrixSnapshot,
  parseSnapshot,
  runPolicyTests,
  testCoverage,
  type SnapshotChange,
  type TestCoverage,
  type TestResult,
} from '../../policy-tests/index.js';
import { ExitCode, UsageError, type CliIO } from '../cli-io.js';
import { loadEvaluator } from '../import-evaluator.js';
import { displayPath, loadProject } from '../load-project.js';
import { makeStyle, safeText, useColor, type Style } from '../output/terminal.js';
import { formatExplanation } from './explain-command.js';
import { printDiagnostics } from './print-diagnostics.js';

export const TEST_USAGE = `Usage: permset test [DIR] [options]

Runs every \`kind: TestSuite\` in DIR (default: policies) against the generated evaluator, and
checks the effective access matrix against the committed snapshot DIR/access-matrix.snap.json.

Options:
  --coverage            Print which (set, permission) cells and which grant lines no case exercises.
  --min-coverage N      Exit 1 when fewer than N% of the cells are covered (implies --coverage).
  --update-snapshot     Write the snapshot of the current access matrix instead of comparing.
  --snapshot FILE       The snapshot file (default: DIR/access-matrix.snap.json).
  --format human|json   Output format (default: human).
  --no-color            Never colour the output.
  -h, --help            Show this help.

The last line is "N passed, N failed" (", N skipped" when cases were skipped).
Exit status: 0 all passed, 3 a test failed or the snapshot differs, 1 policy errors or the
coverage gate tripped, 2 usage error.`;

/** The result of a test run, as `permset test --format json` prints it and `permset ci` reuses it. */
export interface TestRunReport {
  results: TestResult[];
  summary: { passed: number; failed: number; skipped: number };
  snapshot: { file: string; status: 'matches' | 'differs' | 'missing' | 'updated' | 'invalid'; changes: SnapshotChange[]; error?: string };
  coverage: TestCoverage;
}

/** `permset test`: decision tests, matrix snapshot, coverage. */
export async function testCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      coverage: { type: 'boolean', default: false },
      'min-coverage': { type: 'string' },
      'update-snapshot': { type: 'boolean', default: false },
      snapshot: { type: 'string' },
      format: { type: 'string', default: 'human' },
      'no-color': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.stdout(TEST_USAGE + '\n');
    return ExitCode.Ok;
  }
  if (positionals.length > 1) throw new UsageError(`test takes one directory, got ${positionals.length}: ${positionals.join(' ')}`);
  if (values.format !== 'human' && values.format !== 'json') throw new UsageError(`--format must be human or json, not '${values.format}'`);
  let minCoverage: number | undefined;
  if (values['min-coverage'] !== undefined) {
    minCoverage = Number(values['min-coverage']);
    if (!Number.isFinite(minCoverage) || minCoverage < 0 || minCoverage > 100) throw new UsageError(`--min-coverage takes a percentage from 0 to 100, not '${values['min-coverage']}'`);
  }
  const dir = positionals[0] ?? 'policies';
  const result = loadProject(io, dir);
  if (result.hasErrors) {
    printDiagnostics(result, io, { noColor: values['no-color'] });
    io.stderr('permset test: the policies have errors; no test was run.\n');
    return ExitCode.Failure;
  }
  const report = await runTests(io, result, { dir, snapshot: values.snapshot, update: values['update-snapshot'] });
  const gate = minCoverage !== undefined && report.coverage.percent < minCoverage;
  if (values.format === 'json') {
    io.stdout(JSON.stringify(report) + '\n');
  } else {
    const style = makeStyle(!values['no-color'] && useColor(io.isTTY, io.env));
    io.stdout(formatTestReport(report, style, { coverage: values.coverage || minCoverage !== undefined, minCoverage }));
  }
  if (report.summary.failed > 0) return ExitCode.TestFailure;
  return gate ? ExitCode.Failure : ExitCode.Ok;
}

/** Runs the suites and the snapshot comparison of a compiled project (shared with `permset ci`). */
export async function runTests(
  io: CliIO,
  result: Parameters<typeof buildPolicyModel>[0],
  options: { dir: string; snapshot?: string | undefined; update?: boolean },
): Promise<TestRunReport> {
  const model = buildPolicyModel(result);
  const evaluator = await loadEvaluator(result, model);
  const cases = expandCases(result.resolved.project.testSuites, (uri) => result.files.get(uri));
  const results = runPolicyTests(cases, evaluator, model);
  const file = options.snapshot ?? `${displayPath(io.cwd, options.dir)}/access-matrix.snap.json`;
  const current = matrixSnapshot(model);
  let snapshot: TestRunReport['snapshot'];
  if (options.update) {
    if (!io.writeFile) throw new UsageError('this environment cannot write files');
    io.writeFile(file, formatSnapshot(current));
    snapshot = { file, status: 'updated', changes: [] };
  } else {
    snapshot = readSnapshot(io, file, current);
    // A snapshot named on the command line must be there; only the default one is optional.
    if (snapshot.status === 'missing' && options.snapshot !== undefined) snapshot = { ...snapshot, status: 'invalid', error: `${file} does not exist (run permset test --update-snapshot to write it)` };
  }
  const summary = {
    passed: results.filter((r) => r.status === 'passed').length,
    failed: results.filter((r) => r.status === 'failed').length + (snapshot.status === 'differs' || snapshot.status === 'invalid' ? 1 : 0),
    skipped: results.filter((r) => r.status === 'skipped').length,
  };
  return { results, summary, snapshot, coverage: testCoverage(model, cases) };
}

function readSnapshot(io: CliIO, file: string, current: ReturnType<typeof matrixSnapshot>): TestRunReport['snapshot'] {
  const path = file.startsWith('/') ? file : `${io.cwd}/${file}`;
  let text: string;
  try {
    if (io.fs.stat(path)?.kind !== 'file') return { file, status: 'missing', changes: [] };
    text = new TextDecoder().decode(io.fs.readFile(path));
  } catch (e) {
    return { file, status: 'invalid', changes: [], error: (e as Error).message };
  }
  const parsed = parseSnapshot(text);
  if (!parsed.snapshot) return { file, status: 'invalid', changes: [], error: parsed.error ?? 'unreadable' };
  const changes = compareSnapshots(parsed.snapshot, current);
  return { file, status: changes.length ? 'differs' : 'matches', changes };
}

/** The human report: failures with explanations and hints, snapshot, coverage, then the summary line. */
export function formatTestReport(report: TestRunReport, style: Style, options: { coverage: boolean; minCoverage?: number | undefined }): string {
  const t = safeText;
  const out: string[] = [];
  for (const r of report.results) {
    if (r.status === 'passed') out.push(`${style.green('✔')} ${t(r.case.title)}`);
    else if (r.status === 'skipped') out.push(`${style.yellow('○')} ${t(r.case.title)} ${style.dim('(skipped)')}`);
    else out.push(`${style.red('✘')} ${t(r.case.title)}`);
  }
  const failures = report.results.filter((r) => r.status === 'failed');
  for (const f of failures) {
    out.push('', style.red(style.bold(`FAIL ${t(f.case.title)}`)));
    out.push(`  ${style.cyan(t(`${f.case.file}:${f.case.line}:${f.case.column}`))} expected ${style.bold(f.case.expect)}, got ${style.bold(f.actual!)} for '${t(String(f.case.subject['set']))}' on '${t(f.case.permission)}'`);
    if (f.explanation) out.push(indent(formatExplanation(f.explanation, style).trimEnd(), '  '));
    if (f.hint) out.push(`  ${style.bold('Suggestion:')} ${t(f.hint)}`);
  }
  const s = report.snapshot;
  if (s.status === 'differs') {
    out.push('', style.red(style.bold(`FAIL the access matrix differs from ${t(s.file)} (${s.changes.length} cell${s.changes.length === 1 ? '' : 's'})`)));
    for (const c of s.changes.slice(0, 50)) out.push(`  ${t(c.set)} · ${t(c.permission)}: ${t(c.before ?? '—')} → ${t(c.after ?? '—')}`);
    if (s.changes.length > 50) out.push(`  … and ${s.changes.length - 50} more`);
    out.push(`  If the change is intended, run \`permset test --update-snapshot\` and commit the snapshot.`);
  } else if (s.status === 'invalid') {
    out.push('', style.red(`FAIL ${t(s.file)} is not a valid snapshot: ${t(s.error ?? '')}`));
  } else if (s.status === 'missing') {
    out.push('', style.dim(`No access-matrix snapshot at ${t(s.file)}: run \`permset test --update-snapshot\` to create one.`));
  } else if (s.status === 'updated') {
    out.push('', `Snapshot written to ${t(s.file)}.`);
  }
  if (options.coverage) out.push('', ...formatCoverage(report.coverage, style, options.minCoverage));
  const { passed, failed, skipped } = report.summary;
  out.push('', `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  return out.join('\n') + '\n';
}

function formatCoverage(c: TestCoverage, style: Style, min: number | undefined): string[] {
  const lines = [style.bold(`Coverage: ${c.percent}% of cells (${c.cells.covered}/${c.cells.total}), ${c.grants.covered}/${c.grants.total} grant lines`)];
  if (min !== undefined) lines.push(c.percent < min ? style.red(`  below --min-coverage ${min}%`) : style.green(`  meets --min-coverage ${min}%`));
  const bySet = new Map<string, string[]>();
  for (const u of c.cells.uncovered) bySet.set(u.set, [...(bySet.get(u.set) ?? []), u.permission]);
  if (bySet.size) lines.push('  Cells no case exercises:');
  for (const [set, perms] of bySet) lines.push(`    ${safeText(set)}: ${perms.slice(0, 8).map(safeText).join(', ')}${perms.length > 8 ? `, … (${perms.length})` : ''}`);
  if (c.grants.uncovered.length) lines.push('  Grant lines no case exercises:');
  for (const g of c.grants.uncovered.slice(0, 30)) lines.push(`    ${safeText(`${g.file}:${g.line}`)} ${safeText(g.key)} (${safeText(g.owner)})`);
  if (c.grants.uncovered.length > 30) lines.push(`    … and ${c.grants.uncovered.length - 30} more`);
  return lines;
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((l) => (l ? prefix + l : l))
    .join('\n');
}
