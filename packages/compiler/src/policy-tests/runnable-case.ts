import type { SourceFile } from '../diagnostics/index.js';
import type { TestSuiteDef, TestValueRef } from '../entities/index.js';

/** One decision to check: a case of a suite, expanded from the table form. */
export interface RunnableCase {
  suite: string;
  /** "suite › case name › permission", unique enough to find the case. */
  title: string;
  file: string;
  /** 1-based line of the expectation (the `permission` or table row). */
  line: number;
  column: number;
  subject: Record<string, unknown>;
  resource: Record<string, unknown> | undefined;
  context: Record<string, unknown> | undefined;
  permission: string;
  expect: 'allow' | 'deny';
  /** `skip: true`, or not `only` while some case is. */
  skipped: boolean;
}

/**
 * Expands every suite into runnable cases: fixtures resolved (a missing one leaves the case out;
 * `permset check` reports it), the table form split into one case per permission, `only`/`skip`
 * applied across all suites (if any case says `only`, every other case is skipped).
 */
export function expandCases(
  suites: readonly TestSuiteDef[],
  files: (uri: string) => SourceFile | undefined,
): RunnableCase[] {
  const out: RunnableCase[] = [];
  const anyOnly = suites.some((s) => s.cases.some((c) => c.only));
  for (const suite of suites) {
    const name = suite.name?.value ?? suite.origin.uri;
    const file = files(suite.origin.uri);
    const resolve = (ref: TestValueRef | undefined, kind: 'subjects' | 'resources') =>
      ref ? (ref.inline ? ref.inline.value : suite[kind].get(ref.fixture.value)?.value) : undefined;
    for (const c of suite.cases) {
      const subject = resolve(c.subject, 'subjects');
      if (!subject) continue;
      const resource = resolve(c.resource, 'resources');
      if (c.resource && !resource) continue;
      const context = c.context?.value ?? suite.context?.value;
      for (const check of c.checks) {
        const pos = file?.positionAt(check.permission.span[0]) ?? { line: 0, character: 0 };
        const label = c.name ?? `case ${c.index + 1}`;
        out.push({
          suite: name,
          title:
            c.checks.length > 1 || !c.name ? `${name} › ${label} › ${check.permission.value}` : `${name} › ${label}`,
          file: suite.origin.uri,
          line: pos.line + 1,
          column: pos.character + 1,
          subject: { ...subject },
          resource: resource ? { ...resource } : undefined,
          context: context ? { ...context } : undefined,
          permission: check.permission.value,
          expect: check.expect.value,
          skipped: c.skip || (anyOnly && !c.only),
        });
      }
    }
  }
  return out;
}
