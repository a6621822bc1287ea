import { checkCondition } from '../conditions/index.js';
import type { Problem } from '../diagnostics/index.js';
import { didYouMean, didYouMeanSuffix, makeProblem } from '../diagnostics/index.js';
import type { ConditionSource, GrantEntry, GrantOwnerDef } from '../entities/index.js';
import type { CheckContext } from './check-context.js';
import { envForPermission } from './condition-env.js';

/**
 * Checks each grant entry of a set or fragment on its own: the permission (or pattern) exists,
 * its scopes are declared and allowed, and its conditions parse and type-check against the
 * permission's resource type. What an owner reported is reused (`ctx.cache.grantEntries`) while
 * neither it nor the catalog changed.
 */
export function checkGrantEntries(ctx: CheckContext, owner: GrantOwnerDef, ownerWord: string): void {
  const reported = ctx.cache.grantEntries;
  const previous = reported.get(owner);
  if (previous && previous.catalog === ctx.catalog.def) {
    for (const p of previous.problems) ctx.problems.push(p);
    return;
  }
  const start = ctx.problems.length;
  for (const entry of owner.grants) {
    if (entry.isPattern) checkPatternEntry(ctx, entry, ownerWord);
    else checkExplicitEntry(ctx, entry);
  }
  reported.set(owner, { catalog: ctx.catalog.def, problems: ctx.problems.slice(start) });
}

function checkExplicitEntry(ctx: CheckContext, entry: GrantEntry): void {
  const { catalog } = ctx;
  if (!catalog.def) return;
  const uri = entry.uri;
  const permission = catalog.permission(entry.key);
  // `deals.v*` is a pattern written wrongly (a `*` stands for whole segments): the schema's
  // message says how to write it, and a did-you-mean to one permission would miss the intent.
  if (!permission && entry.key.includes('*')) return;
  if (!permission) {
    const suggestions = didYouMean(entry.key, catalog.permissionIds());
    ctx.problems.push(
      makeProblem(
        'unknown-permission',
        `Unknown permission '${entry.key}'.${didYouMeanSuffix(suggestions)}`,
        { uri, span: entry.keySpan },
        {
          fixes: suggestions.map((s, i) => ({
            title: `Replace with '${s}'`,
            isPreferred: i === 0 && suggestions.length === 1,
            edits: [{ uri, span: entry.keySpan, newText: s }],
          })),
        },
      ),
    );
    return;
  }
  if (entry.value.none) return;
  const allowed = permission.scopes.map((s) => s.value);
  const conditions = new Set<ConditionSource>();
  for (const s of entry.value.scopes) {
    if (!catalog.scope(s.scope)) {
      reportUnknownScope(ctx, uri, s.scope, s.span, allowed);
    } else if (!allowed.includes(s.scope)) {
      ctx.problems.push(
        makeProblem(
          'scope-not-allowed',
          `'${entry.key}' cannot be granted in scope '${s.scope}': it allows ${allowed.map((a) => `'${a}'`).join(', ')}.`,
          { uri, span: s.span },
          {
            related: [
              {
                at: { uri: permission.uri, span: permission.idSpan },
                message: `'${entry.key}' declares its scopes here`,
              },
            ],
          },
        ),
      );
    }
    if (s.when) conditions.add(s.when);
  }
  for (const when of conditions) checkWhen(ctx, when, entry.key);
}

function checkPatternEntry(ctx: CheckContext, entry: GrantEntry, ownerWord: string): void {
  const { catalog } = ctx;
  if (!catalog.def) return;
  const uri = entry.uri;
  const matches = catalog.matches(entry.key);
  if (matches.length === 0) {
    ctx.problems.push(
      makeProblem('wildcard-no-match', `'${entry.key}' matches no permission of the catalog.`, {
        uri,
        span: entry.keySpan,
      }),
    );
    return;
  }
  if (entry.value.none) return;
  for (const s of entry.value.scopes)
    if (!catalog.scope(s.scope)) reportUnknownScope(ctx, uri, s.scope, s.span, [...catalog.def.scopes.keys()]);
  const applicable = matches.filter(
    (p) => entry.value.none || entry.value.scopes.some((s) => catalog.allows(p, s.scope)),
  );
  if (applicable.length === 0) {
    const scopes = entry.value.scopes.map((s) => `'${s.scope}'`).join(', ');
    ctx.problems.push(
      makeProblem(
        'wildcard-no-match',
        `'${entry.key}' matches ${matches.length} permission${matches.length === 1 ? '' : 's'}, but none allows ${scopes}, so this ${ownerWord} grants nothing with it.`,
        { uri, span: entry.keySpan },
      ),
    );
    return;
  }
  // A wildcard's condition must make sense for every permission it reaches; report each
  // distinct problem once, naming the first permission that shows it.
  const seen = new Set<string>();
  const conditions = new Set<ConditionSource>();
  for (const s of entry.value.scopes) if (s.when) conditions.add(s.when);
  for (const when of conditions) {
    for (const p of applicable) {
      for (const problem of conditionProblems(ctx, when, p)) {
        const key = `${problem.code}:${problem.span[0]}:${problem.message}`;
        if (seen.has(key)) continue;
        seen.add(key);
        ctx.problems.push(
          applicable.length > 1 ? { ...problem, message: forPermission(problem.message, p, entry.key) } : problem,
        );
      }
    }
  }
}

function checkWhen(ctx: CheckContext, when: ConditionSource, permission: string): void {
  ctx.problems.push(...conditionProblems(ctx, when, permission));
}

function conditionProblems(ctx: CheckContext, when: ConditionSource, permission: string): Problem[] {
  const text = ctx.fileText(when.uri) ?? '';
  return checkCondition(when.uri, text, when.scalar, envForPermission(ctx.catalog, permission), ctx.cache.conditions)
    .problems;
}

function reportUnknownScope(
  ctx: CheckContext,
  uri: string,
  scope: string,
  span: readonly [number, number],
  preferred: string[],
): void {
  const all = [...(ctx.catalog.def?.scopes.keys() ?? [])];
  const suggestions = didYouMean(scope, [...preferred, ...all.filter((s) => !preferred.includes(s))]);
  ctx.problems.push(
    makeProblem(
      'unknown-scope',
      `Unknown scope '${scope}'.${didYouMeanSuffix(suggestions)}`,
      { uri, span },
      {
        fixes: suggestions.map((s, i) => ({
          title: `Replace with '${s}'`,
          isPreferred: i === 0 && suggestions.length === 1,
          edits: [{ uri, span, newText: s }],
        })),
      },
    ),
  );
}

/** "… no attribute 'x'." → "… no attribute 'x' (for 'a.b', matched by 'a.*')." */
function forPermission(message: string, permission: string, key: string): string {
  const note = ` (for '${permission}', matched by '${key}')`;
  return message.endsWith('.') ? `${message.slice(0, -1)}${note}.` : `${message}${note}`;
}
