/**
 * The layout of `EXPLAIN_DATA`, the JSON the generator embeds for `explain()`: written by
 * emit/evaluator/explain-data.ts, read by explain.ts and interpret.ts. Arrays rather than
 * objects, to stay small; repeated parts are interned (a grant refers to its alternatives,
 * source, via chain and restriction by index).
 *
 * @module
 */

/** An attribute type of the condition language. */
export type AttrTypeName = 'string' | 'number' | 'boolean' | 'string[]' | 'number[]';

/** A condition AST in the compact array form the explain runtime interprets. */
export type AstData =
  | ['lit', string | number | boolean]
  | ['list', (string | number | boolean)[]]
  | ['path' | 'has', string, string]
  | ['not', AstData]
  | ['and' | 'or', AstData, AstData]
  | ['cmp', string, AstData, AstData]
  | ['in', AstData, AstData];

/** `[kind, id, key, file index, line, column]`: the grant entry that wrote a permission. */
export type SourceData = [kind: 'set' | 'fragment', id: string, key: string, file: number, line: number, column: number];
/** `[kind, from, to, file index, line, column]`: one `extends`/`include` step of a chain. */
export type ViaData = [kind: 'extends' | 'include', from: string, to: string, file: number, line: number, column: number];
/**
 * One alternative of a grant: `[scopeName, scopeIndex | -1, covered [scopeIndex, instance][],
 * alwaysScope | -1, whenInstance | -1]`.
 */
export type AlternativeData = [scopeName: string, scope: number, covered: [scope: number, instance: number][], always: number, when: number];
/** `[set, scope, file index, line, column, [scope, whenText | null][]]`: a `restrict` that narrowed a grant. */
export type RestrictData = [set: string, scope: string, file: number, line: number, column: number, from: [scope: string, when: string | null][]];

/** The JSON of `EXPLAIN_DATA`. */
export interface ExplainData {
  files: string[];
  subject: [name: string, type: AttrTypeName][];
  context: [name: string, type: AttrTypeName][];
  types: [name: string, attributes: [name: string, type: AttrTypeName][]][];
  conds: [text: string, ast: AstData | null][];
  inst: [condition: number, typeIndex: number, problem: string | null][];
  scopes: [name: string, label: string][];
  perms: [id: string, label: string, typeIndex: number, scopeLabels: [scope: string, label: string][]][];
  sets: [id: string, name: string][];
  /** `[set, permission, alts index, sources index, vias index, restricts index | -1]`. */
  grants: [set: number, permission: number, alts: number, source: number, via: number, restrict: number][];
  alts: AlternativeData[][];
  sources: SourceData[];
  vias: ViaData[][];
  restricts: RestrictData[];
  /** `[set, permission, sources index, vias index]`: a `none` that removes the permission. */
  removals: [set: number, permission: number, source: number, via: number][];
}
