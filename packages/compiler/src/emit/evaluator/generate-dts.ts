import type { EvaluatorPlan } from './evaluator-plan.js';
import { typedAttributes } from './evaluator-plan.js';
import { jsString } from './js-literal.js';
import { headerComment, type ModuleHeader } from './generate-module.js';

const TS_TYPE: Readonly<Record<string, string>> = {
  string: 'string',
  number: 'number',
  boolean: 'boolean',
  'string[]': 'readonly string[]',
  'number[]': 'readonly number[]',
};

function union(items: readonly string[]): string {
  return items.length === 0 ? 'never' : items.map(jsString).join(' | ');
}

// Every object literal has these (from Object.prototype) as far as TypeScript is concerned, so an
// attribute of that name typed `string` would make `{ id, set }` unassignable ("Type 'Function' is
// not assignable to type 'string'"). The evaluator reads own properties only, so the inherited
// member is allowed by the type and ignored at run time.
const OBJECT_MEMBERS = new Set([
  'constructor',
  'toString',
  'toLocaleString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
]);

// Optional attribute properties (a missing attribute denies, it is not a type error), plus an
// index signature so a record may carry other fields.
function attributeMembers(
  attrs: Readonly<Record<string, string>> | undefined,
  skip: readonly string[],
  indent: string,
): string[] {
  const out: string[] = [];
  for (const [name, type] of typedAttributes(attrs)) {
    if (skip.includes(name)) continue;
    const inherited = OBJECT_MEMBERS.has(name) ? ` | Object[${jsString(name)}]` : '';
    out.push(`${indent}readonly ${jsString(name)}?: ${TS_TYPE[type]!}${inherited};`);
  }
  out.push(`${indent}readonly [attribute: string]: unknown;`);
  return out;
}

/**
 * The evaluator's declarations: literal unions of the policy's set ids, permission ids and
 * resource types, so `can(user, 'contacts.mange', r)` fails to type-check; the resource each
 * permission needs; and the Explanation shape. Ids are written with `jsString`, which is also a
 * valid TypeScript string literal.
 */
export function generateDts(plan: EvaluatorPlan, header: ModuleHeader): string {
  const { model } = plan;
  const setIds = plan.sets.map((s) => s.id);
  const permissionIds = plan.permissions.map((p) => p.id);
  const typed = plan.permissions.filter((p) => p.resourceType !== undefined);
  const handles = (ids: readonly string[]) => ids.map((id, i) => `  readonly ${jsString(id)}: ${i};`);
  const lines = [
    headerComment(header),
    '',
    '/** The id of a permission set of this policy. */',
    `export type SetId = ${union(setIds)};`,
    '/** The id of a permission of this policy. */',
    `export type PermissionId = ${union(permissionIds)};`,
    '/** A resource type of this policy. */',
    `export type ResourceType = ${union(plan.resourceTypes)};`,
    '',
    "/** The user asking: `set` names their permission set; the other attributes are the catalog's. */",
    'export interface Subject {',
    '  readonly id: string;',
    '  readonly set: SetId;',
    ...attributeMembers(model.subjectAttributes, ['id', 'set'], '  '),
    '}',
    '',
    '/** The request context (`context.x` in conditions), the optional last argument of `can`. */',
    'export interface Context {',
    ...attributeMembers(model.contextAttributes, [], '  '),
    '}',
    '',
    "/** Each resource type's shape: `type` names it; attributes may be missing (conditions reading them deny). */",
    'export interface Resources {',
    ...plan.resourceTypes.flatMap((t) => [
      `  ${jsString(t)}: {`,
      `    readonly type: ${jsString(t)};`,
      ...attributeMembers(model.resources.find((r) => r.name === t)?.attributes, ['type'], '    '),
      '  };',
    ]),
    '}',
    '',
    '/** Any resource of this policy. */',
    'export type Resource = Resources[ResourceType];',
    '',
    '/** The permissions that apply to a resource type, and that type. */',
    'export interface PermissionResourceTypes {',
    ...typed.map((p) => `  ${jsString(p.id)}: ${jsString(p.resourceType!)};`),
    '}',
    '',
    '/** A permission that needs a resource of its type. */',
    'export type TypedPermissionId = keyof PermissionResourceTypes;',
    '',
    '/**',
    " * What follows the permission in `can`: the resource of the permission's type (a permission",
    ' * without resource type ignores it), then the optional context. Not distributed over a union:',
    ' * a permission that may be any of several (`p: PermissionId`) needs a resource whenever one of',
    ' * them does, of one of their types.',
    ' */',
    'export type RequestArgs<P extends PermissionId> = [P] extends [Exclude<PermissionId, TypedPermissionId>]',
    '  ? [resource?: unknown, context?: Context]',
    '  : [resource: Resources[PermissionResourceTypes[Extract<P, TypedPermissionId>]], context?: Context];',
    '',
    '/** Integer handles of the sets, for `canId`. Valid only for this build. */',
    'export declare const SET: {',
    ...handles(setIds),
    '};',
    '/** Integer handles of the permissions, for `canId`. Valid only for this build. */',
    'export declare const PERMISSION: {',
    ...handles(permissionIds),
    '};',
    'export type SetHandle = (typeof SET)[SetId];',
    'export type PermissionHandle = (typeof PERMISSION)[PermissionId];',
    '',
    STATIC_DECLARATIONS,
  ];
  return lines.join('\n');
}

/** The part of the declarations that does not depend on the policy. */
// runtime-template-allowed: TypeScript declarations (evaluator.d.ts), types only, nothing runs
const STATIC_DECLARATIONS = `/** The permset version that generated this evaluator. */
export declare const PERMSET_VERSION: string;
/** "sha256:<hex>" of the policy model (policy.json) this evaluator was generated from. */
export declare const MODEL_HASH: string;
export declare const SET_IDS: readonly SetId[];
export declare const PERMISSION_IDS: readonly PermissionId[];
export declare const RESOURCE_TYPES: readonly ResourceType[];

/**
 * Whether \`subject\` may use \`permission\` on \`resource\`: the subject's set has a grant on the
 * permission with a scope whose condition holds and whose \`when\` holds. Deny by default: an
 * unknown set or permission, a missing or mistyped attribute, a wrong resource type or a hostile
 * object denies. Never throws, never allocates.
 */
export declare function can<P extends PermissionId>(subject: Subject, permission: P, ...request: RequestArgs<P>): boolean;

/** \`can\` for one permission, resolved once (for hot paths). An unknown permission always denies. */
export declare function prepare<P extends PermissionId>(permission: P): (subject: Subject, ...request: RequestArgs<P>) => boolean;

/**
 * \`can\` with integer handles: \`canId(SET['manager'], PERMISSION['budgets.view'], subject, resource)\`.
 * The set is the handle's, whatever \`subject.set\` says. Out-of-range handles deny.
 */
export declare function canId(set: SetHandle, permission: PermissionHandle, subject: Subject, resource?: unknown, context?: Context): boolean;

/** Whether the set grants the permission in any scope, conditions aside (for menus). */
export declare function has(set: SetId, permission: PermissionId): boolean;
/** The permissions the set grants in any scope, in catalog order. */
export declare function permissionsOf(set: SetId): readonly PermissionId[];
/** The sets that grant the permission in any scope, in policy order. */
export declare function setsWith(permission: PermissionId): readonly SetId[];
/** The resource type a permission applies to, or null. */
export declare function resourceTypeOf(permission: PermissionId): ResourceType | null;
/** Whether a string (from a database, a token...) is a set id of this policy. */
export declare function isSetId(x: unknown): x is SetId;
/** Whether a string is a permission id of this policy. */
export declare function isPermissionId(x: unknown): x is PermissionId;

/**
 * The decision and its reasons. \`decision\` always equals \`can()\` on the same arguments.
 * Explanations allocate and interpret the conditions: use them to debug, not on hot paths.
 */
export declare function explain<P extends PermissionId>(subject: Subject, permission: P, ...request: RequestArgs<P>): Explanation;
/**
 * explain() over other explain data of this catalog: custom-sets.js explains a tenant's run-time
 * sets with it (docs/custom-sets.md). Not meant to be called by applications.
 */
export declare function explainerOf(data: unknown): (subject: unknown, permission: unknown, resource?: unknown, context?: unknown) => Explanation<SourceLocation | DefinitionLocation>;

/** Why a request was allowed or denied. */
export type ExplainReason =
  | 'granted'
  | 'unknown-set'
  | 'unknown-permission'
  | 'wrong-resource-type'
  | 'not-granted'
  | 'conditions-false'
  | 'invalid-input';

/** A place in a policy file, 1-based. */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

/** Where a run-time custom set's definition writes an entry: a JSON Pointer into the definitions (\`/0/grants/deals.view\`). */
export interface DefinitionLocation {
  path: string;
}

/** The set's effective grant on the permission and where it comes from. */
export interface ExplainGrant<L = SourceLocation> {
  permission: PermissionId;
  /** The granted scopes, with the grant's own condition where it has one. */
  scopes: { scope: string; when?: string }[];
  /** The grant entry: the set or fragment that wrote it, its key (an id or a wildcard) and position. */
  source: { kind: 'set' | 'fragment'; id: string; key: string } & L;
  /** "client-manager ← extends client-staff ← include budget-access"; just the set when it grants it itself. */
  chain: string;
  /** The steps of \`chain\`, each with the position of its \`extends\` or \`include\` entry. */
  via: ({ kind: 'extends' | 'include'; from: string; to: string } & L)[];
  /** The \`restrict\` that narrowed the grant, and the scopes it had before. */
  restricted?: { set: string; scope: string; from: { scope: string; when?: string }[] } & L;
}

/** The \`none\` entry that removes a permission from the set. */
export interface ExplainRemoval<L = SourceLocation> {
  /** The entry: the set or fragment that wrote it, its key (an id or a wildcard) and position. */
  source: { kind: 'set' | 'fragment'; id: string; key: string } & L;
  /** "client-no-docs" or "team-lead ← extends staff ← include time-access". */
  chain: string;
  via: ({ kind: 'extends' | 'include'; from: string; to: string } & L)[];
}

/** Whether one granted scope applies to the request. */
export interface ScopeOutcome {
  scope: string;
  /** The scope's label for this permission (its scope label, else the scope's). */
  label: string;
  /** The grant's own condition on this scope. */
  when?: string;
  applies: boolean;
}

/** One condition evaluated for the request. */
export interface ConditionEvaluation {
  /** The granted scope it belongs to. */
  scope: string;
  /**
   * The index of that granted scope in \`scopes\` (and \`grant.scopes\`): a grant may hold one
   * scope twice, with and without a condition (\`[member, { scope: all, when: … }]\` under
   * \`restrict: member\`), so the name alone does not say which term an evaluation is of.
   */
  term: number;
  /** A scope's condition (the granted scope's or one it includes), or the grant's \`when\`. */
  kind: 'scope' | 'grant';
  /** The scope whose condition this is (for kind 'scope'; the granted scope for 'grant'). */
  from: string;
  /** The condition text; null for a scope without condition. */
  condition: string | null;
  /** An error (missing or mistyped attribute, a condition that cannot apply here) counts as false. */
  result: boolean | 'error';
  /** What was read and compared, with the actual values. */
  detail: string;
}

/** The result of \`explain\` (locations \`L\`: a run-time custom set's are JSON Pointers). */
export interface Explanation<L = SourceLocation> {
  decision: boolean;
  reason: ExplainReason;
  /** subject.set, when it is a string. */
  set: string | null;
  /** The permission, when it is a string. */
  permission: string | null;
  /** The resource type the permission applies to (null: none, or unknown permission). */
  resourceType: ResourceType | null;
  /** One line for people: "Denied: ...". */
  message: string;
  grant?: ExplainGrant<L>;
  /**
   * For a 'not-granted' deny caused by a \`none\` entry (the set's own, an included fragment's or
   * a base's): that entry, and the \`extends\`/\`include\` steps that bring it to the set.
   */
  removed?: ExplainRemoval<L>;
  /** One entry per granted scope, when conditions were evaluated. */
  scopes: ScopeOutcome[];
  evaluations: ConditionEvaluation[];
  /** For a deny: what would allow it ("would be allowed with scope member: ..."), or did-you-mean. */
  suggestions: string[];
}
`;
