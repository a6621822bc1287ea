import { didYouMean, didYouMeanSuffix } from '../../diagnostics/index.js';
import type { ModelSet, PolicyModel } from '../../policy-model/index.js';

/**
 * What is wrong with a `--sets` list, one message per problem (none when it is fine): unknown
 * ids, with the closest known ids as suggestions, and empty entries. Commands report these as
 * usage errors before rendering.
 */
export function matrixSetProblems(model: PolicyModel, ids: readonly string[]): string[] {
  const known = model.sets.map((s) => s.id);
  const knownSet = new Set(known);
  const problems: string[] = [];
  if (ids.length === 0) problems.push('No set chosen: name at least one permission set.');
  const reported = new Set<string>();
  for (const id of ids) {
    if (id === '') {
      if (!reported.has(id)) problems.push('Empty set id in the list (two commas in a row, or a comma at an end?).');
    } else if (!knownSet.has(id) && !reported.has(id)) {
      problems.push(`Unknown permission set '${id}'.${didYouMeanSuffix(didYouMean(id, known))}`);
    }
    reported.add(id);
  }
  return problems;
}

/**
 * The model's sets that become columns: all of them, or those named in `ids`, in the model's
 * order (system first, then custom, bases before derived) whatever the order of `ids`, so one
 * selection always gives one table. Throws on ids that {@link matrixSetProblems} rejects.
 */
export function selectMatrixSets(model: PolicyModel, ids: readonly string[] | undefined): ModelSet[] {
  if (ids === undefined) return model.sets;
  const problems = matrixSetProblems(model, ids);
  if (problems.length) throw new RangeError(problems.join(' '));
  const wanted = new Set(ids);
  return model.sets.filter((s) => wanted.has(s.id));
}
