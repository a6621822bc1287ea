import type { PolicyModel } from '../policy-model/index.js';
import type { EvaluatorApi, Explanation } from '../runtime/index.js';
import type { RunnableCase } from './runnable-case.js';

/** A decision engine: the generated evaluator, or any engine with the same contract. */
export type DecisionEngine = Pick<EvaluatorApi, 'can' | 'explain'>;

/** The outcome of one case. */
export interface TestResult {
  case: RunnableCase;
  status: 'passed' | 'failed' | 'skipped';
  actual?: 'allow' | 'deny';
  /** For a failure: the evaluator's explanation of what it decided. */
  explanation?: Explanation;
  /** For a failure: what to change, in words, pointing at a file and line. */
  hint?: string;
}

/**
 * Runs every case against the engine: `can()` decides, and a failing case is explained with
 * the engine's own `explain()` plus a suggestion of what to change in the policies (or the test).
 */
export function runPolicyTests(
  cases: readonly RunnableCase[],
  engine: DecisionEngine,
  model: PolicyModel,
): TestResult[] {
  return cases.map((c): TestResult => {
    if (c.skipped) return { case: c, status: 'skipped' };
    const allowed = engine.can(c.subject, c.permission, c.resource, c.context);
    const actual = allowed ? 'allow' : 'deny';
    if (actual === c.expect) return { case: c, status: 'passed', actual };
    const explanation = engine.explain(c.subject, c.permission, c.resource, c.context);
    return { case: c, status: 'failed', actual, explanation, hint: hintFor(c, explanation, model) };
  });
}

function hintFor(c: RunnableCase, ex: Explanation, model: PolicyModel): string {
  const setId = String(c.subject['set']);
  const set = model.sets.find((s) => s.id === setId);
  const where = set ? ` (${set.at.file}:${set.at.line})` : '';
  if (c.expect === 'deny' && ex.grant) {
    const at = `${ex.grant.source.file}:${ex.grant.source.line}`;
    return `'${setId}' is granted '${c.permission}' by ${ex.grant.chain} at ${at}. To deny it, remove or narrow that grant, or add \`${c.permission}: none\` to the grants of '${setId}'${where}; or, if access is intended, expect allow.`;
  }
  switch (ex.reason) {
    case 'unknown-set':
      return `The test's subject has set '${setId}', which does not exist: fix the test (permset check reports it too).`;
    case 'unknown-permission':
      return `'${c.permission}' is not a permission of the catalog: fix the test.`;
    case 'wrong-resource-type': {
      const p = model.permissions.find((x) => x.id === c.permission);
      return `'${c.permission}' is checked on resources of type '${p?.resourceType ?? '?'}', but the test's resource has type '${String(c.resource?.['type'])}'.`;
    }
    case 'not-granted': {
      const p = model.permissions.find((x) => x.id === c.permission);
      const scope = p?.scopes[0] ?? 'all';
      return `Set '${setId}' does not grant '${c.permission}'. To allow it, add \`${c.permission}: ${scope}\` (or a narrower scope) to the grants of '${setId}'${where}; or expect deny.`;
    }
    case 'conditions-false':
      return ex.suggestions.length
        ? `The grant exists but no scope applies to this request: ${ex.suggestions.join('; ')}.`
        : `The grant exists but its conditions do not hold for this request.`;
    default:
      return `The request itself is not valid (${ex.reason}): check the test's subject, resource and context.`;
  }
}
