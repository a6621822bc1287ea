import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPolicyModel } from '../../../../packages/compiler/src/policy-model/index.js';
import { exportCedar, MAX_CEDAR_CONDITION_LENGTH } from '../../../../packages/compiler/src/emit/cedar/index.js';
import { DiagnosticCodes } from '../../../../packages/compiler/src/diagnostics/index.js';
import { compileFixture } from '../../../helpers/fixtures.js';
import { validateStrict } from './cedar-harness.js';

/*
 * What the Cedar export cannot express exactly: a condition whose translation is longer than
 * MAX_CEDAR_CONDITION_LENGTH. The export reports it (code cedar-unexportable, with where it is
 * written), leaves its grants out, and what it does write still validates strictly. The CLI
 * side (file:line:col, exit 1, nothing written) is in test/compiler/cli/build-command.test.ts.
 */

const FIXTURE = join(import.meta.dirname, 'fixtures', 'unexportable');

describe('Cedar export problems', () => {
  const result = compileFixture(FIXTURE);
  const model = buildPolicyModel(result);
  const exported = exportCedar(model);

  it('compiles without diagnostics (only the Cedar target cannot express it)', () => {
    expect(result.diagnostics).toEqual([]);
  });

  it('reports the scope and the grant condition with their sites', () => {
    expect(DiagnosticCodes['cedar-unexportable']).toEqual({
      stage: 'emit',
      severity: 'error',
      title: 'A condition cannot be exported to Cedar exactly',
    });
    expect(exported.problems.map((p) => ({ code: p.code, site: p.site, start: p.condition.split(')')[0] }))).toEqual([
      {
        code: 'cedar-unexportable',
        site: { kind: 'scope', scope: 'deep' },
        start: '((((((((((((((((subject.level == 0',
      },
      {
        code: 'cedar-unexportable',
        site: {
          kind: 'grant',
          set: 'writer',
          permission: 'docs.edit',
          scope: 'all',
          at: { file: 'policies/writer.yaml', line: 7, column: 3 },
        },
        start: '((((((((((((((((context.hour == 0',
      },
    ]);
    expect(MAX_CEDAR_CONDITION_LENGTH).toBe(100_000);
    expect(exported.problems[0]!.message).toBe(
      "The condition cannot be exported to Cedar for resource type 'doc': its exact Cedar translation would be 150,246 characters long (the limit is 100,000); nesting that alternates 'and' and 'or' doubles it at each level. Its grants are left out of the export.",
    );
  });

  it('leaves exactly those grants out and still validates strictly', () => {
    const policies = JSON.parse(exported.files['policies.json']) as Record<string, string>;
    // writer: docs.edit in own (exported), docs.view in deep and docs.edit in all (not).
    expect(Object.keys(policies)).toEqual(['writer/own/doc']);
    expect(policies['writer/own/doc']).toContain('Permset::Action::"docs.edit"');
    expect(validateStrict(exported.files)).toEqual({ errors: [], warnings: [] });
  });
});
