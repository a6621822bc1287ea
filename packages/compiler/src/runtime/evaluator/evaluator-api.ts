/**
 * The shape of a generated evaluator module, for the tools that load one and call it with any
 * values (the CLI's `explain` and `test`, the policy test runner, the language server, the
 * tests): the runtime's own functions, typed by their implementation here, plus what the
 * generator writes. A build's evaluator.d.ts declares the same exports with the policy's
 * literal unions for ids (a test checks that each generated module satisfies this type).
 *
 * @module
 */
import type * as api from './api.js';
import type { explain, explainerOf } from './explain.js';

/** The exports of a generated `evaluator.js` (and of its `.mjs`/`.cjs` forms). */
export interface EvaluatorApi {
  /** Whether subject may use permission on resource; never throws. */
  can: typeof api.can;
  /** A check for one permission, resolved once. */
  prepare: typeof api.prepare;
  /** can() with integer handles. */
  canId: typeof api.canId;
  /** Whether the set grants the permission in any scope. */
  has: typeof api.has;
  /** The permissions the set grants in any scope. */
  permissionsOf: typeof api.permissionsOf;
  /** The sets that grant the permission in any scope. */
  setsWith: typeof api.setsWith;
  /** The resource type a permission applies to, or null. */
  resourceTypeOf: typeof api.resourceTypeOf;
  /** Whether x is the id of a permission set of this policy. */
  isSetId: typeof api.isSetId;
  /** Whether x is the id of a permission of this policy. */
  isPermissionId: typeof api.isPermissionId;
  /** Explains a decision; its `decision` equals can()'s. */
  explain: typeof explain;
  /** explain() over a tenant's explain data (custom-sets.js). */
  explainerOf: typeof explainerOf;
  /** Integer handles of the sets, for canId. */
  SET: Readonly<Record<string, number>>;
  /** Integer handles of the permissions, for canId. */
  PERMISSION: Readonly<Record<string, number>>;
  SET_IDS: readonly string[];
  PERMISSION_IDS: readonly string[];
  RESOURCE_TYPES: readonly string[];
  /** The permset version that generated the evaluator. */
  PERMSET_VERSION: string;
  /** "sha256:<hex>" of the policy model the evaluator was generated from. */
  MODEL_HASH: string;
}
