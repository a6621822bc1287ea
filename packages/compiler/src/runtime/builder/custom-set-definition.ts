/** A grant's value in a definition: one scope, several, or `none`. */
export type DefinitionGrant = string | string[];

/**
 * A run-time custom set as the builder emits it: a `PermissionSet` document as data, in the
 * shape `withCustomSets` takes (docs/custom-sets.md). The builder writes only the grants that
 * differ from the base; `include` and `restrict` of a loaded definition are kept as they were.
 */
export interface CustomSetDefinition {
  id: string;
  name: string;
  description?: string;
  extends: string;
  include?: string[];
  restrict?: string;
  grants?: Record<string, DefinitionGrant>;
}
