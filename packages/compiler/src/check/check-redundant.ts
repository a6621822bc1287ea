import { makeProblem } from '../diagnostics/index.js';
import type { ResolvedSet } from '../resolve/index.js';
import { describeScopes, sameScopes } from '../resolve/index.js';
import type { CheckContext } from './check-context.js';
import { removeEntryFix } from './text-fixes.js';

/**
 * Warns about a set's explicit grant that changes nothing: it restates what the set already
 * holds from its base or fragments, or removes (`none`) what it never held.
 */
export function checkRedundantGrants(ctx: CheckContext, set: ResolvedSet): void {
  const text = ctx.fileText(set.def.origin.uri);
  for (const [permission, { decision, previous }] of set.own) {
    const entry = decision.kind === 'remove' ? decision.source.entry : decision.grant.source.entry;
    if (entry.isPattern || set.contested.has(permission)) continue;
    let message: string | undefined;
    let related: { at: { uri: string; span: readonly [number, number] }; message: string }[] = [];
    if (decision.kind === 'remove' && !previous) {
      message = `'${permission}: none' removes nothing: set '${set.id}' does not otherwise hold '${permission}'.`;
    } else if (
      decision.kind === 'grant' &&
      previous &&
      sameScopes(previous.scopes, decision.grant.scopes, ctx.cache.conditions)
    ) {
      message = `'${permission}' is already granted ${describeScopes(previous.scopes)} to set '${set.id}' through inheritance; this line changes nothing.`;
      const from = previous.source.entry;
      related = [
        {
          at: { uri: from.uri, span: from.entrySpan },
          message: `inherited from ${previous.source.ownerKind} '${previous.source.ownerId}'`,
        },
      ];
    }
    if (!message) continue;
    const fix = removeEntryFix(text, entry, `Remove the redundant grant of '${permission}'`);
    ctx.problems.push(
      makeProblem(
        'redundant-grant',
        message,
        { uri: entry.uri, span: entry.keySpan },
        { related, fixes: fix ? [{ ...fix, isPreferred: true }] : [] },
      ),
    );
  }
}
