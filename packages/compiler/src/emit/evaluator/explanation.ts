/**
 * The shape of what a generated evaluator's `explain()` returns (its .d.ts names it
 * `Explanation`; see generate-dts.ts and docs/evaluator.md), for the tools that call a generated
 * evaluator and show its answer: `permset explain` and `permset test`, and the language server.
 */
export interface Explanation {
  decision: boolean;
  reason: string;
  set: string | null;
  permission: string | null;
  resourceType: string | null;
  message: string;
  grant?: {
    permission: string;
    scopes: { scope: string; when?: string }[];
    source: { kind: string; id: string; key: string; file: string; line: number; column: number };
    chain: string;
    via: { kind: string; from: string; to: string; file: string; line: number; column: number }[];
    restricted?: { set: string; scope: string; file: string; line: number; column: number; from: { scope: string; when?: string }[] };
  };
  removed?: {
    source: { kind: string; id: string; key: string; file: string; line: number; column: number };
    chain: string;
    via: { kind: string; from: string; to: string; file: string; line: number; column: number }[];
  };
  scopes: { scope: string; label: string; when?: string; applies: boolean }[];
  evaluations: { scope: string; term: number; kind: 'scope' | 'grant'; from: string; condition: string | null; result: boolean | 'error'; detail: string }[];
  suggestions: string[];
}

