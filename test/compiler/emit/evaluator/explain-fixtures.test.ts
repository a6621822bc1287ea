import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../../../helpers/cli.js';
import { fixtureCases } from '../../../helpers/fixtures.js';
import { evaluatorOfDir, type EvaluatorApi } from './evaluator-harness.js';

/*
 * One case per folder of test/fixtures/explain: `request.json` ({ project?, subject, permission,
 * resource?, context? }) is explained by the evaluator generated from the case's policies and
 * must equal `expected.explain.json` (refresh with `npx vitest run -u` and review the diff).
 * Policies: the case's own `policies/`, else `project: "shared"` (test/fixtures/explain/_shared)
 * or `project: "productive"` (the shipped policies/).
 */
interface Request {
  project?: 'shared' | 'productive';
  subject: unknown;
  permission: string;
  resource?: unknown;
  context?: unknown;
}

const FIXTURES = join(REPO, 'test', 'fixtures', 'explain');
const evaluators = new Map<string, Promise<EvaluatorApi>>();

function evaluatorFor(dir: string, request: Request): Promise<EvaluatorApi> {
  const root = existsSync(join(dir, 'policies'))
    ? dir
    : request.project === 'productive'
      ? REPO
      : join(FIXTURES, '_shared');
  if (!evaluators.has(root))
    evaluators.set(
      root,
      evaluatorOfDir(root).then((e) => e.ev),
    );
  return evaluators.get(root)!;
}

describe('explain fixtures', () => {
  const reasons = new Set<string>();
  for (const { name, dir } of fixtureCases('explain')) {
    it(name, async () => {
      const request = JSON.parse(readFileSync(join(dir, 'request.json'), 'utf8')) as Request;
      const ev = await evaluatorFor(dir, request);
      const explanation = ev.explain(request.subject, request.permission, request.resource, request.context);
      expect(explanation.decision).toBe(ev.can(request.subject, request.permission, request.resource, request.context));
      reasons.add(explanation.reason);
      await expect(JSON.stringify(explanation, null, 2) + '\n').toMatchFileSnapshot(join(dir, 'expected.explain.json'));
    });
  }
  it('covers every reason kind', () => {
    expect([...reasons].sort()).toEqual([
      'conditions-false',
      'granted',
      'invalid-input',
      'not-granted',
      'unknown-permission',
      'unknown-set',
      'wrong-resource-type',
    ]);
  });
});
