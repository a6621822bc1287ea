import type { ValidateFunction } from 'ajv';
import { SCHEMAS } from './generated/schemas.js';
import { VALIDATORS } from './generated/validators.js';

/** The document kinds of the policy language and the schema file of each. */
export const KIND_SCHEMAS = {
  Catalog: 'catalog.schema.json',
  PermissionSet: 'permission-set.schema.json',
  Fragment: 'fragment.schema.json',
  Guard: 'guard.schema.json',
  TestSuite: 'test-suite.schema.json',
} as const;

/** A document kind. */
export type Kind = keyof typeof KIND_SCHEMAS;

/** All kinds, in the order the spec lists them. */
export const KINDS = Object.keys(KIND_SCHEMAS) as Kind[];

/** A JSON Schema object (the subset of shapes permset's schemas use). */
export type JsonSchema = { [key: string]: unknown };

const BASE = 'https://permset.dev/schemas/v1/';

/**
 * The schemas and their validators, shared by the validate stage and the language server's hover
 * and completion (which read `description`s and `properties` through {@link SchemaRegistry.resolve}).
 * The validators are ajv's standalone code, generated with the schemas by `npm run generate`
 * (scripts/schema-outputs.mjs): nothing is compiled at run time (no `new Function`, so the
 * compiler runs under a strict CSP and starts without the cost of compiling schemas).
 */
export class SchemaRegistry {
  private readonly validators = VALIDATORS as unknown as Readonly<Record<string, ValidateFunction>>;
  /** Every schema object (at any depth) to the `$id` of the file it is written in, for `$ref`s. */
  private readonly baseOf = new Map<object, string>();

  constructor() {
    for (const schema of Object.values(SCHEMAS))
      this.indexBase(schema as JsonSchema, (schema as JsonSchema)['$id'] as string);
  }

  /** The validator of a kind. */
  validator(kind: Kind): ValidateFunction {
    return this.validators[BASE + KIND_SCHEMAS[kind]]!;
  }

  /** The root schema of a kind. */
  rootSchema(kind: Kind): JsonSchema {
    return SCHEMAS[KIND_SCHEMAS[kind]] as unknown as JsonSchema;
  }

  /**
   * Follows `$ref`s from a schema object to the schema it stands for, with the absolute URI of
   * that target (so its own refs and its compiled validator can be found).
   */
  resolve(schema: JsonSchema): { schema: JsonSchema; uri?: string } {
    let current = schema;
    let uri: string | undefined;
    for (let guard = 0; guard < 32 && typeof current['$ref'] === 'string'; guard++) {
      const base = this.baseOf.get(current) ?? BASE;
      const target = new URL(current['$ref'] as string, base).href;
      const found = this.lookup(target);
      if (!found) break;
      uri = target;
      current = found;
    }
    return uri ? { schema: current, uri } : { schema: current };
  }

  /** The validator of an absolute schema URI (a schema file or one of its `$defs`), if precompiled. */
  validatorAt(uri: string): ValidateFunction | undefined {
    return Object.prototype.hasOwnProperty.call(this.validators, uri) ? this.validators[uri] : undefined;
  }

  /** The schema object at an absolute URI with an optional `#/json/pointer` fragment. */
  private lookup(uri: string): JsonSchema | undefined {
    const hash = uri.indexOf('#');
    const file = hash < 0 ? uri : uri.slice(0, hash);
    const name = file.startsWith(BASE) ? file.slice(BASE.length) : undefined;
    let node: unknown = name ? (SCHEMAS as Record<string, unknown>)[name] : undefined;
    if (hash >= 0) {
      for (const seg of uri
        .slice(hash + 1)
        .split('/')
        .filter(Boolean)) {
        if (!node || typeof node !== 'object') return undefined;
        node = (node as Record<string, unknown>)[decodeURIComponent(seg).replace(/~1/g, '/').replace(/~0/g, '~')];
      }
    }
    return node && typeof node === 'object' ? (node as JsonSchema) : undefined;
  }

  private indexBase(node: unknown, base: string): void {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const item of node) this.indexBase(item, base);
      return;
    }
    this.baseOf.set(node, base);
    for (const value of Object.values(node)) this.indexBase(value, base);
  }
}

let shared: SchemaRegistry | undefined;

/** The process-wide registry (schemas are immutable, so one is enough). */
export function schemaRegistry(): SchemaRegistry {
  return (shared ??= new SchemaRegistry());
}
