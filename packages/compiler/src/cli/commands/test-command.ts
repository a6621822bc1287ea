import type { Explanation } from '../../emit/index.js';
import type { TestCoverage } from '../../policy-tests/index.js';
import { compileFolder, runProjectTests, type TestRunReport } from '../../project/index.js';
import { ExitCode } from '../cli-io.js';
import { defineCommand, percentage } from '../command-table.js';
import { safeText, type Style } from '../output/terminal.js';
import { formatExplanation } from './explain-command.js';
import { printDiagnostics } from './print-diagnostics.js';

/** `permset test --help`. */
export const TEST_USAGE = `Usage: permset test [DIR] [options]

Runs every \`kind: TestSuite\` in DIR (default: policies) against the generated evaluator, and
checks the effective access matrix against the committed snapshot DIR/access-matrix.snap.json.

Options:
  --dir DIR             The policy folder, as an option (the same as DIR).
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

/** `permset test`: decision tests, matrix snapshot, coverage. */
export const testCommand = defineCommand({
  name: 'test',
  synopsis: 'test [DIR]',
  summary: 'Run the TestSuites and the access-matrix snapshot (--coverage, --update-snapshot).',
  help: TEST_USAGE,
  dirAt: 0,
  options: {
    coverage: { type: 'boolean', default: false },
    'min-coverage': { type: 'string' },
    'update-snapshot': { type: 'boolean', default: false },
    snapshot: { type: 'string' },
    format: { type: 'string', default: 'human', choices: ['human', 'json'] },
  },
  async run({ values, dir, style, io }) {
    const minCoverage = percentage(values['min-coverage'], '--min-coverage');
    const { result } = compileFolder(io, dir);
    if (result.hasErrors) {
      printDiagnostics(result, io, { noColor: values['no-color'] });
      io.stderr('permset test: the policies have errors; no test was run.\n');
      return ExitCode.Failure;
    }
    const report = await runProjectTests(io, result, {
      dir,
      snapshot: values.snapshot,
      update: values['update-snapshot'],
    });
    const gate = minCoverage !== undefined && report.coverage.percent < minCoverage;
    if (values.format === 'json') io.stdout(JSON.stringify(report) + '\n');
    else
      io.stdout(
        formatTestReport(report, style, { coverage: values.coverage || minCoverage !== undefined, minCoverage }),
      );
    if (report.summary.failed > 0) return ExitCode.TestFailure;
    return gate ? ExitCode.Failure : ExitCode.Ok;
  },
});

/** The human report: failures with explanations and hints, snapshot, coverage, then the summary line. */
export function formatTestReport(
  report: TestRunReport,
  style: Style,
  options: { coverage: boolean; minCoverage?: number | undefined },
): string {
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
    out.push(
      `  ${style.cyan(t(`${f.case.file}:${f.case.line}:${f.case.column}`))} expected ${style.bold(f.case.expect)}, got ${style.bold(f.actual!)} for '${t(String(f.case.subject['set']))}' on '${t(f.case.permission)}'`,
    );
    if (f.explanation) out.push(indent(formatExplanation(f.explanation as Explanation, style).trimEnd(), '  '));
    if (f.hint) out.push(`  ${style.bold('Suggestion:')} ${t(f.hint)}`);
  }
  const s = report.snapshot;
  if (s.status === 'differs') {
    out.push(
      '',
      style.red(
        style.bold(
          `FAIL the access matrix differs from ${t(s.file)} (${s.changes.length} cell${s.changes.length === 1 ? '' : 's'})`,
        ),
      ),
    );
    for (const c of s.changes.slice(0, 50))
      out.push(`  ${t(c.set)} · ${t(c.permission)}: ${t(c.before ?? '—')} → ${t(c.after ?? '—')}`);
    if (s.changes.length > 50) out.push(`  … and ${s.changes.length - 50} more`);
    out.push(`  If the change is intended, run \`permset test --update-snapshot\` and commit the snapshot.`);
  } else if (s.status === 'invalid') {
    out.push('', style.red(`FAIL ${t(s.file)} is not a valid snapshot: ${t(s.error ?? '')}`));
  } else if (s.status === 'missing') {
    out.push(
      '',
      style.dim(`No access-matrix snapshot at ${t(s.file)}: run \`permset test --update-snapshot\` to create one.`),
    );
  } else if (s.status === 'updated') {
    out.push('', `Snapshot written to ${t(s.file)}.`);
  }
  if (options.coverage) out.push('', ...formatCoverage(report.coverage, style, options.minCoverage));
  const { passed, failed, skipped } = report.summary;
  out.push('', `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  return out.join('\n') + '\n';
}

function formatCoverage(c: TestCoverage, style: Style, min: number | undefined): string[] {
  const lines = [
    style.bold(
      `Coverage: ${c.percent}% of cells (${c.cells.covered}/${c.cells.total}), ${c.grants.covered}/${c.grants.total} grant lines`,
    ),
  ];
  if (min !== undefined)
    lines.push(
      c.percent < min ? style.red(`  below --min-coverage ${min}%`) : style.green(`  meets --min-coverage ${min}%`),
    );
  const bySet = new Map<string, string[]>();
  for (const u of c.cells.uncovered) bySet.set(u.set, [...(bySet.get(u.set) ?? []), u.permission]);
  if (bySet.size) lines.push('  Cells no case exercises:');
  for (const [set, perms] of bySet)
    lines.push(
      `    ${safeText(set)}: ${perms.slice(0, 8).map(safeText).join(', ')}${perms.length > 8 ? `, … (${perms.length})` : ''}`,
    );
  if (c.grants.uncovered.length) lines.push('  Grant lines no case exercises:');
  for (const g of c.grants.uncovered.slice(0, 30))
    lines.push(`    ${safeText(`${g.file}:${g.line}`)} ${safeText(g.key)} (${safeText(g.owner)})`);
  if (c.grants.uncovered.length > 30) lines.push(`    … and ${c.grants.uncovered.length - 30} more`);
  return lines;
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((l) => (l ? prefix + l : l))
    .join('\n');
}
