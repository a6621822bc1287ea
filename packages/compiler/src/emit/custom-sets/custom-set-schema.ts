import { SCHEMAS } from '../../validate/generated/schemas.js';
import type { PolicyModel } from '../../policy-model/index.js';

const COMMON = SCHEMAS['common.schema.json'].$defs;
const SET = SCHEMAS['permission-set.schema.json'].properties;

/**
 * The JSON Schema (2020-12) of one custom set definition, specialized to the built catalog: each
 * permission id is a property whose values are only the scopes it allows (a name, a list, or
 * `none`); `extends` lists the customizable bases; `include` the fragments; `restrict` the scopes.
 * For a product's API to validate at its edge and for UIs to build forms. It states the shape;
 * the rules across permissions (requires, seats, guards, a grantor) are `withCustomSets`'s.
 */
export function customSetSchema(model: PolicyModel): Record<string, unknown> {
  const customizable = new Set(model.seats.filter((s) => s.customizable).map((s) => s.name));
  const bases = model.sets.filter((s) => s.seat === undefined || customizable.has(s.seat)).map((s) => s.id);
  const fragments = [...new Set(model.sets.flatMap((s) => s.include))].sort();
  const scopes = model.scopes.map((s) => s.name);
  const grants: Record<string, unknown> = {};
  for (const p of model.permissions) {
    const allowed = { enum: p.scopes };
    grants[p.id] = {
      description: `${p.label}${p.description ? `: ${p.description}` : ''}`,
      anyOf: [
        { const: 'none', description: 'Remove the grant the base set or a fragment gives.' },
        allowed,
        { type: 'array', minItems: 1, uniqueItems: true, items: allowed },
        {
          type: 'object',
          properties: { scope: { anyOf: [allowed, { type: 'array', minItems: 1, items: allowed }] } },
          required: ['scope'],
          additionalProperties: false,
        },
      ],
    };
  }
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'custom-set.schema.json',
    title: 'A custom permission set defined at run time',
    description:
      "A definition as withCustomSets takes it (one item of its array). It cannot carry `when`, `system` or `seat`: it takes its base's seat. withCustomSets applies the compiler's rules on top of this shape.",
    type: 'object',
    properties: {
      id: { ...COMMON.setId, description: "The set's id: unique among the built sets and the call's definitions." },
      name: { ...COMMON.label, description: SET.name.description },
      description: COMMON.description,
      extends: {
        ...COMMON.setId,
        description: 'The base: a built set whose seat is customizable, or another definition of the same call.',
        examples: bases,
      },
      include: {
        type: 'array',
        uniqueItems: true,
        items: fragments.length ? { enum: fragments } : COMMON.fragmentId,
        description: SET.include.description,
      },
      restrict: { enum: scopes, description: SET.restrict.description },
      grants: {
        type: 'object',
        description: COMMON.grants.description,
        properties: grants,
        patternProperties: {
          '\\*': {
            anyOf: [
              { const: 'none' },
              { enum: scopes },
              { type: 'array', minItems: 1, uniqueItems: true, items: { enum: scopes } },
            ],
          },
        },
        additionalProperties: false,
      },
    },
    required: ['id', 'name', 'extends'],
    additionalProperties: false,
    $defs: { customizableBase: { enum: bases } },
  };
}
