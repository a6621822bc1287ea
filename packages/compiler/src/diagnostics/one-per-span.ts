import type { Problem } from './diagnostic.js';

/**
 * Keeps one problem per underlined span, so one mistake counts as one error. When several
 * stages flag the same text (the schema finds `Budgets.View` is no valid key, the checker finds
 * no such permission), the kept one is:
 * 1. the most severe;
 * 2. then one that offers to replace the underlined text (a did-you-mean: applying it fixes
 *    every problem at that span at once);
 * 3. then the earliest reported, i.e. the earliest stage (load, validate, resolve, check), which
 *    names the more basic mistake.
 * Problems at different spans, however close, are all kept. Order is otherwise preserved.
 */
export function onePerSpan(problems: readonly Problem[]): Problem[] {
  const best = new Map<string, Problem>();
  for (const p of problems) {
    const key = `${p.uri}\0${p.span[0]}\0${p.span[1]}`;
    const kept = best.get(key);
    if (!kept || better(p, kept)) best.set(key, p);
  }
  if (best.size === problems.length) return [...problems];
  const keep = new Set(best.values());
  return problems.filter((p) => keep.has(p));
}

function better(p: Problem, kept: Problem): boolean {
  // DiagnosticSeverity: 1 is an error, 4 a hint.
  if (p.severity !== kept.severity) return p.severity < kept.severity;
  return replacesSpan(p) && !replacesSpan(kept);
}

function replacesSpan(p: Problem): boolean {
  return (p.fixes ?? []).some((f) => f.edits.some((e) => e.uri === p.uri && e.span?.[0] === p.span[0] && e.span[1] === p.span[1]));
}
