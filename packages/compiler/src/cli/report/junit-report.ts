import type { Diagnostic } from '../../diagnostics/index.js';

/** A test case of a JUnit report. */
export interface JUnitCase {
  name: string;
  classname: string;
  file?: string;
  line?: number;
  /** Seconds. */
  time?: number;
  failure?: { message: string; type: string; details: string };
  skipped?: boolean;
}

/** A test suite of a JUnit report. */
export interface JUnitSuite {
  name: string;
  cases: JUnitCase[];
}

/**
 * A JUnit XML report (the format CI systems show as test results): one `<testsuite>` per suite,
 * `<failure>` with details for failed cases, `<skipped/>` for skipped ones. Text is XML-escaped
 * and characters XML cannot carry are replaced, so any policy string is safe in it.
 */
export function toJUnit(suites: readonly JUnitSuite[], name = 'permset'): string {
  const count = (f: (c: JUnitCase) => boolean) => suites.reduce((n, s) => n + s.cases.filter(f).length, 0);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${attr(name)}" tests="${count(() => true)}" failures="${count((c) => !!c.failure)}" skipped="${count((c) => !!c.skipped)}" errors="0">`,
  ];
  for (const s of suites) {
    const failures = s.cases.filter((c) => c.failure).length;
    const skipped = s.cases.filter((c) => c.skipped).length;
    lines.push(
      `  <testsuite name="${attr(s.name)}" tests="${s.cases.length}" failures="${failures}" skipped="${skipped}" errors="0">`,
    );
    for (const c of s.cases) {
      const where = c.file ? ` file="${attr(c.file)}"${c.line ? ` line="${c.line}"` : ''}` : '';
      const open = `    <testcase name="${attr(c.name)}" classname="${attr(c.classname)}"${where} time="${(c.time ?? 0).toFixed(3)}"`;
      if (!c.failure && !c.skipped) {
        lines.push(`${open}/>`);
        continue;
      }
      lines.push(`${open}>`);
      if (c.skipped) lines.push('      <skipped/>');
      if (c.failure)
        lines.push(
          `      <failure message="${attr(c.failure.message)}" type="${attr(c.failure.type)}">${text(c.failure.details)}</failure>`,
        );
      lines.push('    </testcase>');
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return lines.join('\n') + '\n';
}

/** Policy diagnostics as a JUnit suite: one failing case per error, so CI shows them with the tests. */
export function diagnosticsSuite(diagnostics: readonly Diagnostic[], files: number): JUnitSuite {
  const errors = diagnostics.filter((d) => d.severity === 1);
  if (errors.length === 0)
    return {
      name: 'permset check',
      cases: [{ name: `${files} policy files check clean`, classname: 'permset.check' }],
    };
  return {
    name: 'permset check',
    cases: errors.map((d) => ({
      name: `${d.uri}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code}`,
      classname: 'permset.check',
      file: d.uri,
      line: d.range.start.line + 1,
      failure: { message: d.message, type: d.code, details: d.message },
    })),
  };
}

// XML 1.0 allows tab, LF, CR and U+0020 and up (minus surrogates and U+FFFE/FFFF); anything
// else (a policy string with a NUL or an escape character) is replaced.
// eslint-disable-next-line no-control-regex -- the characters XML 1.0 allows, control ones included
const INVALID_XML = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

function text(s: string): string {
  return s.replace(INVALID_XML, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attr(s: string): string {
  return text(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}
