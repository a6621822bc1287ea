import type { JsonSchema, Kind, SchemaRegistry } from '../validate/index.js';
import { schemaRegistry } from '../validate/index.js';

/** What kind of YAML value sits at a step of a path, to pick the right `anyOf` branch. */
export type ValueShape = 'map' | 'seq' | 'scalar';

/** The schema that applies at a path of a document, with the description a user should read. */
export interface SchemaAtPath {
  /** The schema with `$ref`s followed (and an `anyOf` narrowed to the branch that fits). */
  schema: JsonSchema;
  /**
   * The description written where the key is declared (a property's own `description` wins over
   * the one of the shared definition it refers to, which is generic).
   */
  description: string | undefined;
}

/**
 * The schema of the value at `path` in a document of `kind`: `path` holds mapping keys (strings)
 * and sequence indexes (numbers), from the document root. `shapeAt(depth)` tells what the value
 * at `path.slice(0, depth)` is, so `grants.x` reads the object branch of a grant value when it is
 * a mapping and the scope branch when it is a scalar; without it, the first branch that can hold
 * the next step wins. `undefined` where the schema does not describe the path.
 *
 * The formatter orders keys by the schema's `properties`; the language server reads
 * descriptions for hover and `properties` for completion from here, so both agree with
 * validation.
 */
export function schemaAtPath(
  kind: Kind,
  path: readonly (string | number)[],
  shapeAt?: (depth: number) => ValueShape | undefined,
  registry: SchemaRegistry = schemaRegistry(),
): SchemaAtPath | undefined {
  const root = registry.rootSchema(kind);
  let current: SchemaAtPath = {
    schema: narrow(registry, root, shapeAt?.(0), path[0]),
    description: str(root['description']),
  };
  for (let depth = 0; depth < path.length; depth++) {
    const seg = path[depth]!;
    const raw = childSchema(current.schema, seg);
    if (!raw) return undefined;
    const resolved = registry.resolve(raw).schema;
    const next = narrow(registry, resolved, shapeAt?.(depth + 1), path[depth + 1]);
    current = {
      schema: next,
      description: str(raw['description']) ?? str(resolved['description']) ?? str(next['description']),
    };
  }
  return current;
}

/** The keys a mapping described by `schema` declares, in the schema's order. */
export function declaredKeys(schema: JsonSchema): string[] {
  const props = schema['properties'];
  return props && typeof props === 'object' ? Object.keys(props) : [];
}

/** The schema of a declared key (with `$ref`s followed), and its description. */
export function propertySchema(
  schema: JsonSchema,
  key: string,
  registry: SchemaRegistry = schemaRegistry(),
): SchemaAtPath | undefined {
  const props = schema['properties'] as Record<string, JsonSchema> | undefined;
  const raw = props && Object.hasOwn(props, key) ? props[key] : undefined;
  if (!raw) return undefined;
  const resolved = registry.resolve(raw).schema;
  return { schema: resolved, description: str(raw['description']) ?? str(resolved['description']) };
}

function childSchema(schema: JsonSchema, seg: string | number): JsonSchema | undefined {
  if (typeof seg === 'number') {
    const items = schema['items'];
    return items && typeof items === 'object' && !Array.isArray(items) ? (items as JsonSchema) : undefined;
  }
  const props = schema['properties'] as Record<string, JsonSchema> | undefined;
  if (props && Object.hasOwn(props, seg)) return props[seg];
  const additional = schema['additionalProperties'];
  return additional && typeof additional === 'object' ? (additional as JsonSchema) : undefined;
}

/**
 * Picks the branch of an `anyOf`/`oneOf` that fits: the value's shape when known, else the one
 * that can hold the next path step (a number needs a list, a key needs a mapping).
 */
function narrow(
  registry: SchemaRegistry,
  schema: JsonSchema,
  shape: ValueShape | undefined,
  next: string | number | undefined,
): JsonSchema {
  const alternatives = (schema['anyOf'] ?? schema['oneOf']) as JsonSchema[] | undefined;
  if (!Array.isArray(alternatives) || alternatives.length === 0) return schema;
  const branches = alternatives.map((b) => registry.resolve(b).schema);
  const want: ValueShape | undefined =
    shape ?? (next === undefined ? undefined : typeof next === 'number' ? 'seq' : 'map');
  const fits = (b: JsonSchema): boolean => {
    const type = b['type'];
    if (want === undefined || type === undefined) return true;
    const types = Array.isArray(type) ? (type as string[]) : [String(type)];
    return types.some((t) =>
      want === 'map' ? t === 'object' : want === 'seq' ? t === 'array' : t !== 'object' && t !== 'array',
    );
  };
  const chosen = branches.find(fits);
  // Branches that only add `required` (the test case's "permission or permissions") keep the parent.
  if (!chosen || (!chosen['type'] && !chosen['properties'] && !chosen['anyOf'] && !chosen['oneOf'])) return schema;
  return narrow(registry, chosen, shape, next);
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}
