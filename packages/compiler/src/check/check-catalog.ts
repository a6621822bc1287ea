import { checkCondition, type Expr } from '../conditions/index.js';
import type { Span } from '../diagnostics/index.js';
import { didYouMean, didYouMeanSuffix, makeProblem } from '../diagnostics/index.js';
import type { Located, ScopeDef } from '../entities/index.js';
import type { CheckContext } from './check-context.js';
import { envForScope, pathsOf } from './condition-env.js';

/**
 * The catalog's own consistency: resource types, scopes and `requires` refer to declared names;
 * permission ids are unique across areas; scope conditions type-check, and every permission
 * that allows a scope has a resource type declaring the attributes that scope's condition reads.
 */
export function checkCatalog(ctx: CheckContext): void {
  const def = ctx.catalog.def;
  if (!def) return;
  const uri = def.origin.uri;
  const unknown = (
    code: 'unknown-scope' | 'unknown-resource-type' | 'unknown-permission' | 'unknown-seat',
    what: string,
    ref: Located<string>,
    names: Iterable<string>,
    refUri = uri,
  ) => {
    const suggestions = didYouMean(ref.value, names);
    ctx.problems.push(
      makeProblem(
        code,
        `Unknown ${what} '${ref.value}'.${didYouMeanSuffix(suggestions)}`,
        { uri: refUri, span: ref.span },
        {
          fixes: suggestions.map((s, i) => ({
            title: `Replace with '${s}'`,
            isPreferred: i === 0 && suggestions.length === 1,
            edits: [{ uri: refUri, span: ref.span, newText: s }],
          })),
        },
      ),
    );
  };

  for (const dup of def.duplicatePermissions) {
    const first = def.permissions.get(dup.id)!;
    ctx.problems.push(
      makeProblem(
        'duplicate-id',
        `The permission id '${dup.id}' is already declared in area '${first.area}'; ids must be unique.`,
        { uri: dup.uri, span: dup.idSpan },
        {
          related: [{ at: { uri: first.uri, span: first.idSpan }, message: `'${dup.id}' is first declared here` }],
        },
      ),
    );
  }
  for (const area of def.areas.values()) {
    if (area.resource && !def.resources.has(area.resource.value))
      unknown('unknown-resource-type', 'resource type', area.resource, def.resources.keys());
  }
  for (const scope of def.scopes.values()) {
    for (const inc of scope.includes)
      if (!def.scopes.has(inc.value)) unknown('unknown-scope', 'scope', inc, def.scopes.keys());
  }
  for (const seat of def.seats.values()) {
    for (const pattern of seat.allows ?? []) {
      if (ctx.catalog.matches(pattern.value).length === 0) {
        ctx.problems.push(
          makeProblem(
            'wildcard-no-match',
            `Seat '${seat.name}' allows '${pattern.value}', which matches no permission of the catalog.`,
            { uri, span: pattern.span },
          ),
        );
      }
    }
  }
  for (const p of def.permissions.values()) {
    if (p.resource && !def.resources.has(p.resource.value))
      unknown('unknown-resource-type', 'resource type', p.resource, def.resources.keys(), p.uri);
    for (const s of p.scopes)
      if (!def.scopes.has(s.value)) unknown('unknown-scope', 'scope', s, def.scopes.keys(), p.uri);
    for (const [scope, label] of p.scopeLabels) {
      if (!def.scopes.has(scope))
        unknown('unknown-scope', 'scope', { value: scope, span: label.scopeSpan }, def.scopes.keys(), p.uri);
      else if (!p.scopes.some((s) => s.value === scope)) {
        ctx.problems.push(
          makeProblem('scope-not-allowed', `'${p.id}' has a label for scope '${scope}', which it does not allow.`, {
            uri: p.uri,
            span: label.scopeSpan,
          }),
        );
      }
    }
    for (const r of p.requires) {
      if (!def.permissions.has(r.value)) unknown('unknown-permission', 'permission', r, def.permissions.keys(), p.uri);
      else if (r.value === p.id)
        ctx.problems.push(
          makeProblem('unknown-permission', `'${p.id}' cannot require itself.`, { uri: p.uri, span: r.span }),
        );
    }
  }
  const scopeEnv = envForScope(ctx.catalog);
  for (const scope of def.scopes.values()) {
    if (!scope.when) continue;
    const text = ctx.fileText(scope.when.uri) ?? '';
    const checked = checkCondition(scope.when.uri, text, scope.when.scalar, scopeEnv, ctx.cache.conditions);
    ctx.problems.push(...checked.problems);
    if (checked.ast && checked.problems.length === 0) checkScopePairing(ctx, scope, checked.ast);
  }
}

/** Every permission allowing `scope` must have a resource type declaring what its condition reads. */
function checkScopePairing(ctx: CheckContext, scope: ScopeDef, ast: Expr): void {
  const def = ctx.catalog.def!;
  // `resource.type` is built in: every resource has it.
  const reads = pathsOf(ast).filter(
    (p) => p.root === 'resource' && p.segments.length === 1 && p.segments[0] !== 'type',
  );
  if (reads.length === 0) return;
  const unionEnv = envForScope(ctx.catalog).resource!;
  const whenUri = scope.when!.uri;
  for (const p of def.permissions.values()) {
    const item = p.scopes.find((s) => s.value === scope.name);
    if (!item) continue;
    const typeName = ctx.catalog.resourceTypeOf(p.id);
    const resource = typeName ? def.resources.get(typeName) : undefined;
    const missing: string[] = [];
    for (const path of reads) {
      const name = path.segments[0]!;
      const attr = resource?.attributes.get(name);
      if (!attr || (attr.type && attr.type !== unionEnv.get(name)))
        missing.push(attr ? `${name} (declared as ${attr.type}, used as ${unionEnv.get(name)})` : name);
    }
    if (missing.length === 0) continue;
    const what = [...new Set(missing)].map((m) => `resource.${m}`).join(', ');
    const message = typeName
      ? `Scope '${scope.name}' cannot apply to '${p.id}': its condition reads ${what}, which resource type '${typeName}' does not declare.`
      : `Scope '${scope.name}' cannot apply to '${p.id}': its condition reads ${what}, but the permission has no resource type (set \`resource\` on it or on its area).`;
    ctx.problems.push(
      makeProblem(
        'expr-unknown-attribute',
        message,
        { uri: p.uri, span: item.span as Span },
        {
          related: [
            {
              at: { uri: whenUri, span: scope.when!.scalar.span },
              message: `scope '${scope.name}' is defined by this condition`,
            },
          ],
        },
      ),
    );
  }
}
