/**
 * The compiler's `format/` module: the canonical formatter and the schema lookups it shares with
 * the editor (one implementation, used by `permset fmt` and by the server alike).
 */
export {
  declaredKeys,
  formatPolicyText,
  propertySchema,
  schemaAtPath,
  type FormatResult,
  type SchemaAtPath,
  type ValueShape,
} from '@permset/compiler';
