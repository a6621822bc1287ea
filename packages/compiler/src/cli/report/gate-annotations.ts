import { KIND_VERB, type GateHit } from '../../diff/index.js';
import { githubAnnotation } from './github-annotations.js';

/**
 * GitHub annotations for the changes that tripped `--fail-on` gates: one `::error` per line that
 * causes them, listing each unallowed change with the gate that caught it. Grouping by line
 * keeps a change to a base set (which changes a cell in every set that extends it) one
 * annotation instead of dozens, and GitHub shows only the first ten error annotations of a step.
 * A loss that no HEAD line causes points at BASE's line that granted it (`baseLabel` names BASE),
 * and says so, since that line may no longer exist in the pull request's files.
 */
export function gateAnnotations(tripped: readonly GateHit[], baseLabel: string): string {
  const byLine = new Map<string, GateHit[]>();
  for (const hit of tripped) {
    const key = hit.at ? `${hit.at.side}\u0000${hit.at.file}\u0000${hit.at.line}\u0000${hit.at.column}` : '';
    byLine.set(key, [...(byLine.get(key) ?? []), hit]);
  }
  let out = '';
  for (const hits of byLine.values()) {
    const at = hits[0]!.at;
    const count = new Set(hits.map((h) => `${h.set}\u0000${h.permission}\u0000${h.kind}`)).size;
    const title = `permset diff: ${count} unallowed access change${count === 1 ? '' : 's'}`;
    const lines = hits.map(
      (h) =>
        `--fail-on ${h.gate}: ${h.set} ${KIND_VERB[h.kind]} ${h.permission} (${h.kind}${h.scope !== undefined ? ` through scope '${h.scope}', whose meaning changed here` : ''})`,
    );
    if (at?.side === 'base')
      lines.push(`This line is from BASE (${baseLabel}): it granted the access, and HEAD no longer does.`);
    if (!at) lines.push('No line of the policies causes these changes directly; see the diff report.');
    lines.push('If the change is intended, add it to the allowlist (--allow) with a reason.');
    out += githubAnnotation('error', at, title, lines.join('\n'));
  }
  return out;
}
