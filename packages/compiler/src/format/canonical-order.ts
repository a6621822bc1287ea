import type { JsonSchema } from '../validate/index.js';
import { declaredKeys } from './schema-at-path.js';

/**
 * The canonical key order of a mapping the schema describes: its `properties` in the order the
 * schema declares them, which is the order the spec presents them in (`kind, id, name,
 * description, system, seat, extends, include, restrict, grants` for a set). A mapping keyed by
 * ids (`grants`, `areas`, `scopes`) has no declared properties and keeps its written order.
 */
export function canonicalOrder(schema: JsonSchema): readonly string[] {
  return declaredKeys(schema);
}
