import type { CiReport } from './ci-report.js';

/** The Markdown job summary of a CI run (`$GITHUB_STEP_SUMMARY`): results first, details folded. */
export function ciJobSummary(report: CiReport, dir: string): string {
  const md = (s: string) => s.replace(/[\\`*_{}[\]<>|#]/g, (c) => `\\${c}`);
  const ok = report.exitCode === 0;
  const out: string[] = [`## ${ok ? '✅' : '❌'} permset: ${md(dir)}`, ''];
  const { errors, warnings } = report.check.summary;
  out.push('| step | result |', '|---|---|');
  out.push(`| check | ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'} |`);
  if (report.test) {
    const t = report.test.summary;
    out.push(
      `| test | ${t.passed} passed, ${t.failed} failed${t.skipped ? `, ${t.skipped} skipped` : ''} · coverage ${report.test.coverage.percent}% |`,
    );
    out.push(`| snapshot | ${report.test.snapshot.status} |`);
  } else out.push('| test | not run (policy errors) |');
  if (report.diff) out.push(`| diff | ${md(report.diff.summary)} |`);
  for (const g of report.gates) out.push(`| gate ${md(g.name)} | ${g.tripped ? '❌' : '✅'} ${md(g.detail)} |`);
  out.push('');
  const problems = (
    report.check.diagnostics as {
      file: string;
      range: { start: { line: number; character: number } };
      severity: string;
      code: string;
      message: string;
    }[]
  ).filter((d) => d.severity === 'error' || d.severity === 'warning');
  if (problems.length) {
    out.push('<details><summary>Diagnostics</summary>', '', '| where | code | message |', '|---|---|---|');
    for (const d of problems.slice(0, 200))
      out.push(
        `| \`${d.file}:${d.range.start.line + 1}:${d.range.start.character + 1}\` | ${d.code} | ${md(d.message)} |`,
      );
    out.push('', '</details>', '');
  }
  const failures = report.test?.results.filter((r) => r.status === 'failed') ?? [];
  if (failures.length) {
    out.push('<details><summary>Failed tests</summary>', '');
    for (const f of failures.slice(0, 100))
      out.push(
        `- **${md(f.case.title)}** (\`${f.case.file}:${f.case.line}\`): expected ${f.case.expect}, got ${f.actual}. ${md(f.hint ?? '')}`,
      );
    out.push('', '</details>', '');
  }
  if (report.diff?.markdown) out.push(report.diff.markdown, '');
  return out.join('\n') + '\n';
}
