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

/** Why explain() decided as it did. */
export type ExplainReason = 'granted' | 'unknown-set' | 'unknown-permission' | 'wrong-resource-type' | 'not-granted' | 'conditions-false' | 'invalid-input';

/** The grant entry that wrote a permission. */
export interface ExplainedSource extends ExplainedLocation {
  kind: 'set' | 'fragment';
  id: string;
  key: string;
}

/** One `extends`/`include` step of the chain that brings a grant to the set. */
export interface ExplainedVia extends ExplainedLocation {
  kind: 'extends' | 'include';
  from: string;
  to: string;
}

/** The answer of a generated evaluator's `explain()`: its `decision` always equals `can()`'s. */
export interface Explanation {
  decision: boolean;
  reason: ExplainReason;
  set: string | null;
  permission: string | null;
  resourceType: string | null;
  message: string;
  grant?: {
    permission: string;
    scopes: { scope: string; when?: string }[];
    source: ExplainedSource;
    chain: string;
    via: ExplainedVia[];
    restricted?: { set: string; scope: string; file: string; line: number; column: number; from: { scope: string; when?: string }[] };
  };
  removed?: {
    source: ExplainedSource;
    chain: string;
    via: ExplainedVia[];
  };
  scopes: { scope: string; label: string; when?: string; applies: boolean }[];
  evaluations: { scope: string; term: number; kind: 'scope' | 'grant'; from: string; condition: string | null; result: boolean | 'error'; detail: string }[];
  suggestions: string[];
}
