import type { Diagnostic } from '../../diagnostics/index.js';
import { compileFolder, runProjectTests, type TestRunReport } from '../../project/index.js';
import { ExitCode, UsageError } from '../cli-io.js';
import { defineCommand, percentage, wholeNumber } from '../command-table.js';
import { formatDiagnostic, formatSummary } from '../output/human-format.js';
import { formatJson } from '../output/json-format.js';
import {
  diagnosticsSuite,
  githubAnnotation,
  githubAnnotations,
  toJUnit,
  toSarif,
  type JUnitSuite,
} from '../report/index.js';
import { VERSION } from '../../version.js';
import { prepareCiDiff, runCiDiff } from './ci-diff.js';
import type { CiDiff, CiReport } from './ci-report.js';
import { ciJobSummary } from './ci-summary.js';
import { formatTestReport } from './test-command.js';

export type { CiDiff, CiReport } from './ci-report.js';

/** `permset ci --help`. */
export const CI_USAGE = `Usage: permset ci [DIR] [options]

One CI step: checks the policies in DIR (default: policies), runs their tests and the
access-matrix snapshot, and with --base compares the effective access with a git revision.
Writes every report from that one run.

Options:
  --dir DIR             The policy folder, as an option (the same as DIR).
  --base REV            Also run \`permset diff REV\` (gates: --fail-on, --allow).
  --fail-on GATE        A diff gate: gain, gain:PATTERN, loss, change (repeatable).
  --allow FILE          An allowlist of intended access changes (see docs/diff.md).
  --json FILE           Write everything as JSON.
  --junit FILE          Write JUnit XML (policy errors and test cases).
  --sarif FILE          Write SARIF 2.1.0 (diagnostics, for code scanning).
  --max-warnings N      Fail when there are more than N warnings.
  --min-coverage N      Fail when fewer than N% of (set, permission) cells are tested.
  --no-color            Never colour the output.
  -h, --help            Show this help.

On GitHub Actions (GITHUB_ACTIONS=true) it also prints file annotations (diagnostics, failed
tests, and each line that trips a --fail-on gate) and appends a Markdown summary to
$GITHUB_STEP_SUMMARY.

Exit status: 0 all good; 1 policy errors or a gate tripped (warnings, coverage, diff);
3 tests failed (and no policy errors); 2 usage error.`;

/** `permset ci`: check, test and diff in one run, with every CI output format. */
export const ciCommand = defineCommand({
  name: 'ci',
  synopsis: 'ci [DIR]',
  summary: 'check + test (+ diff --base REV) with JSON, JUnit, SARIF and GitHub outputs.',
  help: CI_USAGE,
  dirAt: 0,
  options: {
    base: { type: 'string' },
    'fail-on': { type: 'string', multiple: true },
    allow: { type: 'string' },
    json: { type: 'string' },
    junit: { type: 'string' },
    sarif: { type: 'string' },
    'max-warnings': { type: 'string' },
    'min-coverage': { type: 'string' },
  },
  async run({ values, dir, style, io }) {
    const maxWarnings = wholeNumber(values['max-warnings'], '--max-warnings');
    const minCoverage = percentage(values['min-coverage'], '--min-coverage');
    if ((values['fail-on']?.length || values.allow) && !values.base)
      throw new UsageError('--fail-on and --allow need --base REV');
    if ((values.json || values.junit || values.sarif) && !io.writeFile)
      throw new UsageError('this environment cannot write files');
    const github = io.env['GITHUB_ACTIONS'] === 'true';
    // A bad revision, gate or allowlist stops the run before any work (and before any report).
    const preparedDiff = values.base
      ? prepareCiDiff(io, { base: values.base, dir, failOn: values['fail-on'] ?? [], allow: values.allow })
      : undefined;

    // 1. check
    const { result } = compileFolder(io, dir);
    const diagnostics: Diagnostic[] = result.diagnostics;
    const errors = diagnostics.filter((d) => d.severity === 1).length;
    const warnings = diagnostics.filter((d) => d.severity === 2).length;
    io.stdout(style.bold('permset check') + '\n');
    for (const d of diagnostics) io.stdout(formatDiagnostic(d, result.files.get(d.uri), style) + '\n\n');
    io.stdout(formatSummary(errors, warnings, result.files.size, style) + '\n');
    if (github) io.stdout(githubAnnotations(diagnostics));

    // 2. test (only a project without errors has an evaluator)
    let test: TestRunReport | undefined;
    if (errors === 0) {
      test = await runProjectTests(io, result, { dir });
      io.stdout(
        '\n' +
          style.bold('permset test') +
          '\n' +
          formatTestReport(test, style, { coverage: minCoverage !== undefined, minCoverage }),
      );
      if (github) {
        for (const r of test.results.filter((x) => x.status === 'failed')) {
          io.stdout(
            githubAnnotation(
              'error',
              { file: r.case.file, line: r.case.line },
              `permset test: ${r.case.title}`,
              `expected ${r.case.expect}, got ${r.actual}. ${r.hint ?? ''}`,
            ),
          );
        }
        const s = test.snapshot;
        if (s.status === 'differs' || s.status === 'invalid') {
          const what =
            s.status === 'differs'
              ? `The effective access matrix differs from the snapshot in ${s.changes.length} cell${s.changes.length === 1 ? '' : 's'}`
              : `The snapshot cannot be used: ${s.error ?? 'unreadable'}`;
          io.stdout(
            githubAnnotation(
              'error',
              { file: s.file, line: 1 },
              'permset test: access-matrix snapshot',
              `${what}. If the change is intended, run permset test --update-snapshot and commit the file.`,
            ),
          );
        }
      }
    }

    // 3. diff
    let diff: CiDiff | undefined;
    if (preparedDiff) {
      const ran = runCiDiff(io, preparedDiff, result, style);
      diff = ran.report;
      io.stdout('\n' + style.bold(`permset diff ${values.base}`) + '\n' + diff.human);
      if (github) io.stdout(ran.annotations);
    }

    const gates: CiReport['gates'] = [];
    if (maxWarnings !== undefined)
      gates.push({
        name: 'max-warnings',
        tripped: warnings > maxWarnings,
        detail: `${warnings} warnings, at most ${maxWarnings} allowed`,
      });
    if (minCoverage !== undefined && test)
      gates.push({
        name: 'min-coverage',
        tripped: test.coverage.percent < minCoverage,
        detail: `${test.coverage.percent}% of cells covered, at least ${minCoverage}% required`,
      });
    if (diff) for (const g of diff.gates) gates.push(g);
    const testFailed = (test?.summary.failed ?? 0) > 0;
    const exitCode =
      errors > 0
        ? ExitCode.Failure
        : testFailed
          ? ExitCode.TestFailure
          : gates.some((g) => g.tripped)
            ? ExitCode.Failure
            : ExitCode.Ok;
    for (const g of gates.filter((x) => x.tripped)) io.stdout(style.red(`✖ gate ${g.name}: ${g.detail}`) + '\n');

    const report: CiReport = {
      version: VERSION,
      check: JSON.parse(formatJson(diagnostics)) as CiReport['check'],
      ...(test ? { test } : {}),
      ...(diff ? { diff } : {}),
      gates,
      exitCode,
    };
    if (values.json) io.writeFile!(values.json, JSON.stringify(report, null, 2) + '\n');
    if (values.sarif)
      io.writeFile!(values.sarif, JSON.stringify(toSarif(diagnostics, { version: VERSION }), null, 2) + '\n');
    if (values.junit) io.writeFile!(values.junit, toJUnit(junitSuites(diagnostics, result.files.size, test)));
    const summaryFile = io.env['GITHUB_STEP_SUMMARY'];
    if (github && summaryFile && io.appendFile) io.appendFile(summaryFile, ciJobSummary(report, dir));
    return exitCode;
  },
});

function junitSuites(diagnostics: Diagnostic[], files: number, test: TestRunReport | undefined): JUnitSuite[] {
  const suites: JUnitSuite[] = [diagnosticsSuite(diagnostics, files)];
  if (!test) return suites;
  const bySuite = new Map<string, JUnitSuite>();
  for (const r of test.results) {
    const suite = bySuite.get(r.case.suite) ?? { name: r.case.suite, cases: [] };
    bySuite.set(r.case.suite, suite);
    suite.cases.push({
      name: r.case.title,
      classname: `permset.test.${r.case.suite}`,
      file: r.case.file,
      line: r.case.line,
      ...(r.status === 'skipped' ? { skipped: true } : {}),
      ...(r.status === 'failed'
        ? {
            failure: {
              message: `expected ${r.case.expect}, got ${r.actual}`,
              type: 'decision',
              details: `${r.explanation?.message ?? ''}\n${r.hint ?? ''}`,
            },
          }
        : {}),
    });
  }
  suites.push(...bySuite.values());
  const s = test.snapshot;
  suites.push({
    name: 'access-matrix snapshot',
    cases: [
      {
        name: s.file,
        classname: 'permset.snapshot',
        ...(s.status === 'missing' ? { skipped: true } : {}),
        ...(s.status === 'differs' || s.status === 'invalid'
          ? {
              failure: {
                message: `the access matrix differs from ${s.file}`,
                type: 'snapshot',
                details:
                  s.changes
                    .map((c) => `${c.set} · ${c.permission}: ${c.before ?? '—'} → ${c.after ?? '—'}`)
                    .join('\n') ||
                  s.error ||
                  '',
              },
            }
          : {}),
      },
    ],
  });
  return suites;
}
