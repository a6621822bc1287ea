import type { AttrType } from '../../conditions/index.js';
import type { CedarPlan, CedarShape } from './cedar-plan.js';
import { CEDAR_NAMESPACE } from './cedar-plan.js';
import { cedarString, commentText, FIXED_TYPES, schemaKey } from './cedar-text.js';
import { MARKER_ERROR, MARKER_INVALID } from './translate-condition.js';

const TEXT_TYPE: Readonly<Record<AttrType, string>> = {
  string: 'String',
  number: 'Long',
  boolean: 'Bool',
  'string[]': 'Set<String>',
  'number[]': 'Set<Long>',
};

/**
 * The Cedar schema (`schema.cedarschema`, Cedar's human-readable format): in namespace
 * `Permset`, the entity types `Role` (one entity per permission set), `User` (the subject; in
 * its set's `Role`), one per resource type, `NoResource` (what permissions without a resource
 * type apply to), the `Context` record, and one action per permission, applying to its
 * resource type. Every attribute is optional: permset denies when a condition reads a missing
 * attribute, and the policies test each attribute with `has` before reading it.
 */
export function renderSchemaText(plan: CedarPlan, header: string): string {
  const out: string[] = [
    header,
    '// The Cedar schema of the permset policies: load it with policies.cedar (see README.md).',
    `namespace ${CEDAR_NAMESPACE} {`,
  ];
  out.push('  // A permission set. A user is in the Role of the set they hold (entity id: the set id).');
  out.push(`  entity ${FIXED_TYPES.role};`, '');
  out.push("  // The user asking (permset's subject). `set` names their permission set.");
  out.push(`  entity ${FIXED_TYPES.user} in [${FIXED_TYPES.role}]${record(plan.user, '  ')};`, '');
  for (const r of plan.resourceTypes) {
    out.push(`  // Resource type ${commentText(r.name)}${r.label !== undefined ? `: ${commentText(r.label)}` : ''}`);
    out.push(`  entity ${r.cedarName}${record(r.shape, '  ')};`, '');
  }
  out.push('  // The resource of permissions that have no resource type (permset ignores the resource for them).');
  out.push(`  entity ${FIXED_TYPES.noResource};`, '');
  out.push("  // The request context (permset's context).");
  out.push(`  type ${FIXED_TYPES.context} =${record(plan.context, '  ', true)};`, '');
  out.push('  // One action per permission (entity id: the permission id).');
  for (const { permission, resourceType } of plan.actions) {
    const resource = resourceType ?? FIXED_TYPES.noResource;
    out.push(
      `  action ${cedarString(permission.id)} appliesTo { principal: [${FIXED_TYPES.user}], resource: [${resource}], context: ${FIXED_TYPES.context} }; // ${commentText(permission.label)}`,
    );
  }
  out.push('}', '');
  return out.join('\n');
}

/** ` { a?: String, … }`, one attribute per line; empty for an entity without attributes. */
function record(shape: CedarShape, indent: string, always = false): string {
  const lines = shape.attributes.map((a) => `${indent}  ${schemaKey(a.name)}?: ${TEXT_TYPE[a.type]},`);
  if (shape.markers) {
    lines.push(
      `${indent}  // Attributes present but unreadable (wrong type, or not representable in Cedar), and attributes whose reading threw.`,
    );
    lines.push(
      `${indent}  ${cedarString(MARKER_INVALID)}?: Set<String>,`,
      `${indent}  ${cedarString(MARKER_ERROR)}?: Set<String>,`,
    );
  }
  if (lines.length === 0) return always ? ' {}' : '';
  return ` {\n${lines.join('\n')}\n${indent}}`;
}

const JSON_TYPE: Readonly<Record<AttrType, unknown>> = {
  string: { type: 'String' },
  number: { type: 'Long' },
  boolean: { type: 'Boolean' },
  'string[]': { type: 'Set', element: { type: 'String' } },
  'number[]': { type: 'Set', element: { type: 'Long' } },
};

/**
 * The same schema in Cedar's JSON format (`schema.cedarschema.json`), which Amazon Verified
 * Permissions' `PutSchema` takes (`{ "cedarJson": "<this file's text>" }`).
 */
export function renderSchemaJson(plan: CedarPlan): string {
  // Built with Object.fromEntries, so an attribute named `__proto__` is an ordinary key.
  const shape = (s: CedarShape) => {
    const entries: [string, unknown][] = s.attributes.map((a) => [
      a.name,
      { ...(JSON_TYPE[a.type] as object), required: false },
    ]);
    if (s.markers)
      for (const m of [MARKER_INVALID, MARKER_ERROR])
        entries.push([m, { type: 'Set', element: { type: 'String' }, required: false }]);
    return { type: 'Record', attributes: Object.fromEntries(entries) };
  };
  const entityTypes = Object.fromEntries([
    [FIXED_TYPES.role, {}],
    [FIXED_TYPES.user, { memberOfTypes: [FIXED_TYPES.role], shape: shape(plan.user) }],
    ...plan.resourceTypes.map((r) => [r.cedarName, { shape: shape(r.shape) }]),
    [FIXED_TYPES.noResource, {}],
  ]);
  const actions = Object.fromEntries(
    plan.actions.map(({ permission, resourceType }) => [
      permission.id,
      {
        appliesTo: {
          principalTypes: [FIXED_TYPES.user],
          resourceTypes: [resourceType ?? FIXED_TYPES.noResource],
          context: { type: FIXED_TYPES.context },
        },
      },
    ]),
  );
  const schema = {
    [CEDAR_NAMESPACE]: { commonTypes: { [FIXED_TYPES.context]: shape(plan.context) }, entityTypes, actions },
  };
  return JSON.stringify(schema, null, 2) + '\n';
}
