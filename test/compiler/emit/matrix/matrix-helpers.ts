import { join } from 'node:path';
import { buildPolicyModel, type PolicyModel } from '../../../../packages/compiler/src/policy-model/index.js';
import { compileFixture } from '../../../helpers/fixtures.js';
import { REPO } from '../../../helpers/cli.js';

/** This folder's fixture projects (each a `policies/` folder). */
export const MATRIX_FIXTURES = join(import.meta.dirname, 'fixtures');

/** The golden files of the matrix reports. */
export const GOLDEN = join(import.meta.dirname, '__golden__');

/**
 * The policy model of a project compiled from `dir/policies` (files named `policies/...`, as the
 * CLI names them from the project root); throws when the project has errors, since a matrix test
 * on a broken project would test nothing.
 */
export function modelOf(dir: string): PolicyModel {
  const result = compileFixture(dir);
  const errors = result.diagnostics.filter((d) => d.severity === 1);
  if (errors.length)
    throw new Error(
      `fixture ${dir} has errors: ${errors.map((d) => `${d.uri}:${d.range.start.line + 1} ${d.code}`).join(', ')}`,
    );
  return buildPolicyModel(result);
}

/** The shipped Productive model. */
export function shippedModel(): PolicyModel {
  return modelOf(REPO);
}
