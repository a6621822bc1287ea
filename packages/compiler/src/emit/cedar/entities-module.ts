import type { AttrType } from '../../conditions/index.js';
import { jsData, jsString } from '../evaluator/js-literal.js';
import { CEDAR_NAMESPACE, type CedarPlan, type CedarShape } from './cedar-plan.js';
import { FIXED_TYPES } from './cedar-text.js';
import { ENTITIES_RUNTIME } from '../../runtime/generated/entities-text.js';
import { commonJsExports, exportedConst, runtimeText, strictPrologue, type ModuleFormat } from '../module-format.js';

const KIND: Readonly<Record<AttrType, number>> = { string: 0, number: 1, boolean: 2, 'string[]': 3, 'number[]': 4 };

const qualified = (name: string) => `${CEDAR_NAMESPACE}::${name}`;

/**
 * `entities.mjs` (and `.js`; with `format` `cjs`, `entities.cjs`, the same code as a CommonJS
 * module: module-format.ts): a standalone module without dependencies that turns permset requests into
 * Cedar requests (`toCedarRequest`, `toCedarEntities`; see runtime/cedar/entities.ts), with the
 * model's tables: set ids, each permission's resource type, each entity type's attributes and
 * whether it carries the marker attributes. Policy text enters only through `jsString`/`jsData`.
 */
export function renderEntitiesModule(
  plan: CedarPlan,
  header: string,
  meta: { version: string; modelHash: string },
  format: ModuleFormat = 'esm',
): string {
  const table = (shape: CedarShape) => jsData(shape.attributes.map((a) => [a.name, KIND[a.type]]));
  const typeIndex = new Map(plan.resourceTypes.map((r, i) => [r.name, i]));
  const permissions = plan.actions.map(({ permission }) => [
    permission.id,
    permission.resourceType === undefined ? -1 : (typeIndex.get(permission.resourceType) ?? -1),
  ]);
  const resources = plan.resourceTypes.map(
    (r) => `[${jsString(r.name)}, ${jsString(qualified(r.cedarName))}, ${table(r.shape)}, ${r.shape.markers}]`,
  );
  return [
    header,
    format === 'esm'
      ? '// permset requests as Cedar requests; a standalone ES module without dependencies. See docs/cedar.md.'
      : '// permset requests as Cedar requests; a standalone CommonJS module without dependencies, the same code as entities.mjs. See docs/cedar.md.',
    ...strictPrologue(format),
    '',
    exportedConst(format, 'PERMSET_VERSION', jsString(meta.version)),
    exportedConst(format, 'MODEL_HASH', jsString(meta.modelHash)),
    exportedConst(format, 'CEDAR_NAMESPACE', jsString(CEDAR_NAMESPACE)),
    `const USER_TYPE = ${jsString(qualified(FIXED_TYPES.user))};`,
    `const ROLE_TYPE = ${jsString(qualified(FIXED_TYPES.role))};`,
    `const ACTION_TYPE = ${jsString(qualified(FIXED_TYPES.action))};`,
    `const NO_RESOURCE_TYPE = ${jsString(qualified(FIXED_TYPES.noResource))};`,
    `const SET_IDS = new Set(${jsData([...new Set(plan.model.sets.map((s) => s.id))])});`,
    '/** Permission id -> index into RESOURCES (-1: no resource type). */',
    `const PERMISSIONS = new Map(${jsData(permissions)});`,
    '/** [permset type, Cedar entity type, [attribute, kind][], declares markers]. */',
    `const RESOURCES = [${resources.join(', ')}];`,
    `const USER = ${table(plan.user)};`,
    `const USER_MARKERS = ${plan.user.markers};`,
    `const CONTEXT = ${table(plan.context)};`,
    `const CONTEXT_MARKERS = ${plan.context.markers};`,
    '/** The Cedar entity types: the principal, roles, actions, the resource of permissions without one, and each resource type. */',
    exportedConst(
      format,
      'CEDAR_TYPES',
      `Object.freeze({ user: USER_TYPE, role: ROLE_TYPE, action: ACTION_TYPE, noResource: NO_RESOURCE_TYPE, resources: Object.freeze(Object.fromEntries(RESOURCES.map((r) => [r[0], r[1]]))) })`,
    ),
    '',
    runtimeText(format, ENTITIES_RUNTIME),
    ...commonJsExports(format, [
      'PERMSET_VERSION',
      'MODEL_HASH',
      'CEDAR_NAMESPACE',
      'CEDAR_TYPES',
      ...ENTITIES_RUNTIME.exports,
    ]),
  ].join('\n');
}

/** `entities.d.ts`: the declarations of `entities.js`, with the model's type names as literals. */
export function renderEntitiesDts(plan: CedarPlan, header: string): string {
  const resources = plan.resourceTypes.map(
    (r) => `    readonly ${jsString(r.name)}: ${jsString(qualified(r.cedarName))};`,
  );
  return [
    header,
    '',
    "/** A Cedar value in Cedar's JSON entity format, as the helper produces it. */",
    'export type CedarValue = string | number | boolean | CedarValue[];',
    '/** An entity reference: `{ type: "Permset::User", id: "u1" }`. */',
    'export interface CedarEntityUid {',
    '  type: string;',
    '  id: string;',
    '}',
    "/** An entity in Cedar's JSON format. */",
    'export interface CedarEntity {',
    '  uid: CedarEntityUid;',
    '  attrs: Record<string, CedarValue>;',
    '  parents: CedarEntityUid[];',
    '}',
    "/** What Cedar's `isAuthorized` needs besides the policies (and schema). */",
    'export interface CedarRequest {',
    '  principal: CedarEntityUid;',
    '  action: CedarEntityUid;',
    '  resource: CedarEntityUid;',
    '  context: Record<string, CedarValue>;',
    '  /** The principal, its role (the permission set) and the resource. */',
    '  entities: CedarEntity[];',
    '}',
    '',
    '/**',
    " * The Cedar request of a permset request (the arguments of the evaluator's `can`), or",
    ' * `undefined` where permset denies without evaluating a condition (unknown permission or set,',
    ' * a subject that is not an object, a resource of another type): treat it as a deny. Never throws.',
    ' */',
    'export declare function toCedarRequest(subject: unknown, permission: string, resource?: unknown, context?: unknown): CedarRequest | undefined;',
    '/** The entities of {@link toCedarRequest}; `undefined`: deny. */',
    'export declare function toCedarEntities(subject: unknown, permission: string, resource?: unknown): CedarEntity[] | undefined;',
    "/** toCedarRequest and toCedarEntities that also accept these set ids: a tenant's run-time custom sets (`forSets(tenant.setIds)`, docs/custom-sets.md). */",
    'export declare function forSets(setIds: readonly string[]): { toCedarRequest(subject: unknown, permission: string, resource?: unknown, context?: unknown): CedarRequest | undefined; toCedarEntities(subject: unknown, permission: string, resource?: unknown): CedarEntity[] | undefined };',
    '',
    'export declare const PERMSET_VERSION: string;',
    'export declare const MODEL_HASH: string;',
    `export declare const CEDAR_NAMESPACE: ${jsString(CEDAR_NAMESPACE)};`,
    'export declare const CEDAR_TYPES: {',
    `  readonly user: ${jsString(qualified(FIXED_TYPES.user))};`,
    `  readonly role: ${jsString(qualified(FIXED_TYPES.role))};`,
    `  readonly action: ${jsString(qualified(FIXED_TYPES.action))};`,
    `  readonly noResource: ${jsString(qualified(FIXED_TYPES.noResource))};`,
    '  readonly resources: {',
    ...resources,
    '  };',
    '};',
    '',
  ].join('\n');
}
