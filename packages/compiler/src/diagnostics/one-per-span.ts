import { DiagnosticCodes } from './codes.js';
import type { Problem } from './diagnostic.js';

/**
 * One mistake, one diagnostic. Among the problems on exactly the same span:
 * - if one comes from `load` or `validate` (the text itself is malformed: `Budgets.View` is no
 *   valid key), what later stages say about that text is the same mistake seen again, and one
 *   problem is kept: the most severe; then one that offers to replace the underlined text (a
 *   did-you-mean, which cures every problem there at once); then the earliest reported, i.e.
 *   the earliest stage, which names the more basic mistake;
 * - otherwise (well-formed text that breaks several rules, e.g. a grant that both breaks a
 *   guard and lacks what it requires) each code is kept once: those are different facts.
 * Problems at different spans, however close, are all kept. Order is otherwise preserved.
 */
export function onePerSpan(problems: readonly Problem[]): Problem[] {
  const groups = new Map<string, Problem[]>();
  for (const p of problems) {
    const key = `${p.uri}\0${p.span[0]}\0${p.span[1]}`;
    const group = groups.get(key);
    if (group) group.push(p);
    else groups.set(key, [p]);
  }
  if (groups.size === problems.length) return [...problems];
  const keep = new Set<Problem>();
  for (const group of groups.values()) {
    if (group.length === 1) keep.add(group[0]!);
    else if (group.some(isEarly)) keep.add(group.reduce((kept, p) => (better(p, kept) ? p : kept)));
    else
      for (const p of group)
        if (!group.some((q) => q.code === p.code && group.indexOf(q) < group.indexOf(p))) keep.add(p);
  }
  return problems.filter((p) => keep.has(p));
}

function isEarly(p: Problem): boolean {
  const stage = DiagnosticCodes[p.code].stage;
  return stage === 'load' || stage === 'validate';
}

function better(p: Problem, kept: Problem): boolean {
  // DiagnosticSeverity: 1 is an error, 4 a hint.
  if (p.severity !== kept.severity) return p.severity < kept.severity;
  return replacesSpan(p) && !replacesSpan(kept);
}

function replacesSpan(p: Problem): boolean {
  return (p.fixes ?? []).some((f) =>
    f.edits.some((e) => e.uri === p.uri && e.span?.[0] === p.span[0] && e.span[1] === p.span[1]),
  );
}
