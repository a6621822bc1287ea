import { headerComment, jsString, type ModuleHeader } from '../evaluator/index.js';
import type { PolicyModel } from '../../policy-model/index.js';

function union(items: readonly string[]): string {
  return items.length === 0 ? 'never' : items.map(jsString).join(' | ');
}

/**
 * custom-sets.d.ts: a definition typed with the catalog's literal unions (each permission takes
 * only the scopes it allows; `extends` suggests the customizable bases), the diagnostics, and the
 * tenant, whose `can` has the evaluator's signature (types imported from the declarations of
 * `evaluatorFile`, the evaluator of the same module format).
 */
export function generateCustomSetsDts(
  model: PolicyModel,
  header: ModuleHeader,
  evaluatorFile = './evaluator.js',
): string {
  const customizable = new Set(model.seats.filter((s) => s.customizable).map((s) => s.name));
  const bases = model.sets.filter((s) => s.seat === undefined || customizable.has(s.seat)).map((s) => s.id);
  const fragments = [...new Set(model.sets.flatMap((s) => s.include))].sort();
  const grants = model.permissions.map((p) => `  readonly ${jsString(p.id)}?: GrantValue<${union(p.scopes)}>;`);
  return [
    headerComment(header),
    `import type { Context, DefinitionLocation, Explanation, PermissionId, RequestArgs, SetId, SourceLocation, Subject } from ${jsString(evaluatorFile)};`,
    '',
    '/** A built set a custom set may extend (its seat is customizable). */',
    `export type CustomizableBase = ${union(bases)};`,
    `export type FragmentId = ${union(fragments)};`,
    `export type ScopeName = ${union(model.scopes.map((s) => s.name))};`,
    '/** A grant: `none`, one allowed scope, a list of them, or `{ scope }`. */',
    "export type GrantValue<S extends string> = 'none' | S | readonly S[] | { readonly scope: S | readonly S[] };",
    '/** The grants of a definition: each permission with the scopes it allows; wildcards as strings. */',
    'export interface CustomGrants {',
    ...grants,
    '  readonly [pattern: `${string}*${string}`]: GrantValue<ScopeName> | undefined;',
    '}',
    '/** One custom set as an admin UI saves it (custom-set.schema.json is the same shape). */',
    'export interface CustomSetDefinition {',
    '  readonly id: string;',
    '  readonly name: string;',
    '  readonly description?: string;',
    '  /** A customizable built set, or the id of another definition of the same call. */',
    '  readonly extends: CustomizableBase | (string & {});',
    '  readonly include?: readonly FragmentId[];',
    '  readonly restrict?: ScopeName;',
    '  readonly grants?: CustomGrants;',
    '}',
    '/** One operation of a JSON Patch of the definitions array. */',
    'export type JsonPatchValue = string | readonly string[] | { readonly [key: string]: string | readonly string[] };',
    "export type JsonPatchOperation = { readonly op: 'replace' | 'add'; readonly path: string; readonly value: JsonPatchValue } | { readonly op: 'move'; readonly from: string; readonly path: string } | { readonly op: 'remove'; readonly path: string };",
    '/** A problem of a definition: the code and message of `permset check`, with a JSON Pointer. */',
    'export interface CustomSetDiagnostic {',
    '  readonly code: string;',
    "  readonly severity: 'error' | 'warning';",
    '  readonly message: string;',
    '  readonly set?: string;',
    '  /** JSON Pointer into the definitions array (`/0/grants/deals.view`); `` for the call. */',
    '  readonly path: string;',
    '  readonly fix?: { readonly title: string; readonly patch: readonly JsonPatchOperation[] };',
    '}',
    '/** The custom sets of one call, next to the built sets: immutable. */',
    'export interface Tenant {',
    '  /** False when any diagnostic is an error (a set with errors denies; the others work). */',
    '  readonly ok: boolean;',
    '  readonly diagnostics: readonly CustomSetDiagnostic[];',
    "  /** The ids of this call's sets that decide (no errors), in call order: pass them to the Cedar helper's `forSets`. */",
    '  readonly setIds: readonly string[];',
    "  /** can() of evaluator.js, for the built sets and this call's sets alike. */",
    '  can<P extends PermissionId>(subject: Subject | { readonly id: string; readonly set: string }, permission: P, ...request: RequestArgs<P>): boolean;',
    '  /** explain() of evaluator.js; for a run-time set the same explanation, its own entries located by JSON Pointer. */',
    '  explain(subject: Subject | { readonly id: string; readonly set: string }, permission: string, resource?: unknown, context?: Context): Explanation<SourceLocation | DefinitionLocation>;',
    '  /** What a user with the set can do (`permset preview --format json`), or null for an unknown or undecidable set. */',
    '  preview(set: SetId | (string & {})): unknown;',
    '  /** The Cedar policies of a run-time set of the call (policy id → text, as policies.json of --target cedar); null for any other set. */',
    '  toCedar(set: string): Readonly<Record<string, string>> | null;',
    '  permissionsOf(set: SetId | (string & {})): readonly PermissionId[];',
    '  setsWith(permission: PermissionId): readonly string[];',
    '}',
    "/** Checks definitions with the compiler's rules; never throws. */",
    'export declare function withCustomSets(definitions: readonly CustomSetDefinition[], options?: { readonly grantor?: SetId | (string & {}) }): Tenant;',
    '',
  ].join('\n');
}
