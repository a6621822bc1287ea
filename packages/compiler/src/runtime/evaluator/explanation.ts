/**
 * The shape of what a generated evaluator's `explain()` returns (its .d.ts names it
 * `Explanation`; see emit/evaluator/generate-dts.ts and docs/evaluator.md), for explain.ts, which
 * builds it, and for the tools that call a generated evaluator and show its answer.
 *
 * @module
 */

/** Where a grant entry or a step of its chain is written (1-based line and column). */
export interface ExplainedLocation {
  file: string;
  line: number;
  column: number;
}

/**
 * Where a run-time custom set's definition writes a grant entry or a step of its chain: a JSON
 * Pointer into the definitions given to `withCustomSets` (`/0/grants/deals.view`), in place of a
 * file location (custom-sets.js; docs/custom-sets.md).
 */
export interface DefinitionLocation {
  path: string;
}

/** A location in a policy file, or in a run-time definition. */
export type AnyLocation = ExplainedLocation | DefinitionLocation;

/** Why explain() decided as it did. */
export type ExplainReason = 'granted' | 'unknown-set' | 'unknown-permission' | 'wrong-resource-type' | 'not-granted' | 'conditions-false' | 'invalid-input';

/** The grant entry that wrote a permission. */
export type ExplainedSource<L extends AnyLocation = ExplainedLocation> = L & {
  kind: 'set' | 'fragment';
  id: string;
  key: string;
};

/** One `extends`/`include` step of the chain that brings a grant to the set. */
export type ExplainedVia<L extends AnyLocation = ExplainedLocation> = L & {
  kind: 'extends' | 'include';
  from: string;
  to: string;
};

/**
 * The answer of a generated evaluator's `explain()`: its `decision` always equals `can()`'s.
 * Locations are `L`: files for compiled sets, also JSON Pointers for a tenant's run-time sets.
 */
export interface Explanation<L extends AnyLocation = ExplainedLocation> {
  decision: boolean;
  reason: ExplainReason;
  set: string | null;
  permission: string | null;
  resourceType: string | null;
  message: string;
  grant?: {
    permission: string;
    scopes: { scope: string; when?: string }[];
    source: ExplainedSource<L>;
    chain: string;
    via: ExplainedVia<L>[];
    restricted?: L & { set: string; scope: string; from: { scope: string; when?: string }[] };
  };
  removed?: {
    source: ExplainedSource<L>;
    chain: string;
    via: ExplainedVia<L>[];
  };
  scopes: { scope: string; label: string; when?: string; applies: boolean }[];
  evaluations: { scope: string; term: number; kind: 'scope' | 'grant'; from: string; condition: string | null; result: boolean | 'error'; detail: string }[];
  suggestions: string[];
}
