import type { Problem } from '../diagnostics/index.js';
import { didYouMean, didYouMeanSuffix, makeProblem } from '../diagnostics/index.js';
import type { AttributeDef, TestSuiteDef, TestValue, TestValueRef } from '../entities/index.js';
import { entryOf } from '../load/index.js';
import type { CheckContext } from './check-context.js';

/**
 * Static checks of test suites, so a typo fails `permset check` instead of making a test pass
 * for the wrong reason: fixtures, sets, permissions and resource types must exist, and
 * attributes a test gives should be declared (a misspelt `memebrs` would otherwise just deny).
 */
export function checkTestSuites(ctx: CheckContext): void {
  for (const suite of ctx.project.testSuites) {
    const uri = suite.origin.uri;
    for (const f of suite.subjects.values()) checkSubject(ctx, uri, f);
    for (const f of suite.resources.values()) checkResource(ctx, uri, f);
    if (suite.context)
      checkAttributes(ctx, uri, suite.context, ctx.catalog.def?.contextAttributes, 'context', new Set());
    for (const c of suite.cases) {
      const subject = resolveRef(ctx, suite, uri, c.subject, 'subjects');
      if (subject) checkSubject(ctx, uri, subject);
      const resource = resolveRef(ctx, suite, uri, c.resource, 'resources');
      if (resource) checkResource(ctx, uri, resource);
      if (c.context) checkAttributes(ctx, uri, c.context, ctx.catalog.def?.contextAttributes, 'context', new Set());
      if (!ctx.catalog.def) continue;
      for (const check of c.checks) {
        if (ctx.catalog.permission(check.permission.value)) continue;
        const suggestions = didYouMean(check.permission.value, ctx.catalog.permissionIds());
        ctx.problems.push(
          withFixes(
            makeProblem(
              'unknown-permission',
              `Unknown permission '${check.permission.value}'.${didYouMeanSuffix(suggestions)}`,
              { uri, span: check.permission.span },
            ),
            suggestions,
            uri,
            check.permission.span,
          ),
        );
      }
    }
  }
}

/** An inline value is checked where it is written; a fixture reference only for existence. */
function resolveRef(
  ctx: CheckContext,
  suite: TestSuiteDef,
  uri: string,
  ref: TestValueRef | undefined,
  kind: 'subjects' | 'resources',
): TestValue | undefined {
  if (!ref) return undefined;
  if (ref.inline) return ref.inline;
  const known = suite[kind];
  if (!known.has(ref.fixture.value)) {
    const suggestions = didYouMean(ref.fixture.value, known.keys());
    const what = kind === 'subjects' ? 'subject' : 'resource';
    ctx.problems.push(
      withFixes(
        makeProblem(
          'unknown-fixture',
          `Unknown ${what} fixture '${ref.fixture.value}': define it under fixtures.${kind}.${didYouMeanSuffix(suggestions)}`,
          { uri, span: ref.fixture.span },
        ),
        suggestions,
        uri,
        ref.fixture.span,
      ),
    );
  }
  return undefined;
}

function checkSubject(ctx: CheckContext, uri: string, subject: TestValue): void {
  const setEntry = entryOf(subject.node, 'set');
  const set = subject.value['set'];
  if (setEntry && typeof set === 'string' && !ctx.resolution.sets.has(set)) {
    const suggestions = didYouMean(set, ctx.resolution.sets.keys());
    ctx.problems.push(
      withFixes(
        makeProblem('unknown-set', `Unknown permission set '${set}'.${didYouMeanSuffix(suggestions)}`, {
          uri,
          span: setEntry.value.span,
        }),
        suggestions,
        uri,
        setEntry.value.span,
      ),
    );
  }
  checkAttributes(ctx, uri, subject, ctx.catalog.def?.subjectAttributes, 'subject', new Set(['id', 'set']));
}

function checkResource(ctx: CheckContext, uri: string, resource: TestValue): void {
  const catalog = ctx.catalog.def;
  if (!catalog) return;
  const typeEntry = entryOf(resource.node, 'type');
  const type = resource.value['type'];
  if (!typeEntry || typeof type !== 'string') return;
  const def = catalog.resources.get(type);
  if (!def) {
    const suggestions = didYouMean(type, catalog.resources.keys());
    ctx.problems.push(
      withFixes(
        makeProblem('unknown-resource-type', `Unknown resource type '${type}'.${didYouMeanSuffix(suggestions)}`, {
          uri,
          span: typeEntry.value.span,
        }),
        suggestions,
        uri,
        typeEntry.value.span,
      ),
    );
    return;
  }
  checkAttributes(ctx, uri, resource, def.attributes, `resource type '${type}'`, new Set(['type']));
}

function checkAttributes(
  ctx: CheckContext,
  uri: string,
  v: TestValue,
  declared: ReadonlyMap<string, AttributeDef> | undefined,
  owner: string,
  builtIn: ReadonlySet<string>,
): void {
  if (!declared || v.node.kind !== 'map') return;
  for (const e of v.node.entries) {
    if (builtIn.has(e.name) || declared.has(e.name)) continue;
    const suggestions = didYouMean(e.name, declared.keys());
    ctx.problems.push(
      withFixes(
        makeProblem(
          'unknown-attribute',
          `The catalog declares no attribute '${e.name}' for the ${owner}: conditions never read it.${didYouMeanSuffix(suggestions)}`,
          { uri, span: e.key.span },
        ),
        suggestions,
        uri,
        e.key.span,
      ),
    );
  }
}

function withFixes(problem: Problem, suggestions: string[], uri: string, span: readonly [number, number]): Problem {
  if (suggestions.length === 0) return problem;
  return {
    ...problem,
    fixes: suggestions.map((s, i) => ({
      title: `Replace with '${s}'`,
      isPreferred: i === 0 && suggestions.length === 1,
      edits: [{ uri, span, newText: s }],
    })),
  };
}
