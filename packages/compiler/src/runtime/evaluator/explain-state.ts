/**
 * The state of `explain()`, emitted after api.ts: `EXPLAIN_DATA` (a JSON string, see
 * explain-layout.ts) parsed on first use, so importing the evaluator stays cheap, into the
 * lookups explain.ts and interpret.ts share; and the words of negated comparisons.
 *
 * @module
 */
import type { AlternativeData, AttrTypeName, ExplainData, RestrictData, SourceData, ViaData } from './explain-layout.js';
import { NP } from './api.js';
import { EXPLAIN_DATA } from './tables.js';
import type { Rec } from './values.js';

/** A grant with its interned parts resolved: `[set, permission, alternatives, source, via, restricted | null]`. */
export type GrantData = [set: number, permission: number, alternatives: AlternativeData[], source: SourceData, via: ViaData[], restricted: RestrictData | null];
/** A removal by `none`: `[set, source, via]`. */
export type RemovalData = [set: number, source: SourceData, via: ViaData[]];

/** The parsed explain data. */
export interface ExplainState {
  files: string[];
  subject: Map<string, AttrTypeName>;
  context: Map<string, AttrTypeName>;
  types: Map<string, AttrTypeName>[];
  typeNames: string[];
  conds: ExplainData['conds'];
  inst: ExplainData['inst'];
  scopes: ExplainData['scopes'];
  perms: ExplainData['perms'];
  sets: ExplainData['sets'];
  /** By `set * NP + permission`. */
  grants: Map<number, GrantData>;
  /** By `set * NP + permission`. */
  removals: Map<number, RemovalData>;
}

/** One request being explained: its objects and the attribute types each root declares. */
export interface Query {
  s: Rec;
  r: unknown;
  c: Rec | undefined;
  x: ExplainState;
  types: { subject: Map<string, AttrTypeName>; context: Map<string, AttrTypeName>; resource: Map<string, AttrTypeName> };
}

let X: ExplainState | undefined;
/** The evaluator's own explain state: `EXPLAIN_DATA`, parsed on first use. */
function explainData(): ExplainState {
  if (X === undefined) X = explainStateOf(JSON.parse(EXPLAIN_DATA));
  return X;
}

/**
 * The lookups of one explain data: the evaluator's own, or the data custom-sets.js computes for a
 * tenant's sets (of the same catalog, so permission handles are the evaluator's).
 */
function explainStateOf(d: ExplainData): ExplainState {
  const attrs = (list: [string, AttrTypeName][]) => new Map(list);
  // Grants as [set, permission, alternatives, source, via, restricted | null], interned parts resolved.
  const grants = new Map<number, GrantData>();
  for (const g of d.grants) grants.set(g[0] * NP + g[1], [g[0], g[1], d.alts[g[2]]!, d.sources[g[3]]!, d.vias[g[4]]!, g[5] < 0 ? null : d.restricts[g[5]]!]);
  const removals = new Map<number, RemovalData>();
  for (const r of d.removals) removals.set(r[0] * NP + r[1], [r[0], d.sources[r[2]]!, d.vias[r[3]]!]);
  return {
    files: d.files,
    subject: new Map<string, AttrTypeName>([["id", "string"], ["set", "string"], ...d.subject]),
    context: attrs(d.context),
    types: d.types.map((t) => new Map<string, AttrTypeName>([["type", "string"], ...t[1]])),
    typeNames: d.types.map((t) => t[0]),
    conds: d.conds,
    inst: d.inst,
    scopes: d.scopes,
    perms: d.perms,
    sets: d.sets,
    grants,
    removals,
  };
}

const NEGATED: Readonly<Record<string, string>> = { "==": "!=", "!=": "==", "<": ">=", "<=": ">", ">": "<=", ">=": "<" };

/** @notEmitted What explain.ts and interpret.ts use, and what the tests import. */
export { explainData, explainStateOf, NEGATED };
