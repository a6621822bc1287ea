import type { ErrorObject } from 'ajv';
import type { Problem, Span } from '../diagnostics/index.js';
import { didYouMean, didYouMeanSuffix, makeProblem } from '../diagnostics/index.js';
import type { YEntry, YNode } from '../load/index.js';
import { nodeAtPath, parsePointer, visibleSpan } from '../load/index.js';
import type { JsonSchema, SchemaRegistry } from './schema-registry.js';

/** What the mapper needs to place a problem: the document's tree and file. */
export interface MapContext {
  uri: string;
  root: YNode;
  registry: SchemaRegistry;
  /** The kind's root schema: it describes keys that a conditional `required` asks for. */
  rootSchema?: JsonSchema;
}

/**
 * Turns ajv errors into problems at the exact YAML node: an unknown key on that key, a missing
 * key on its parent's key, a wrong type or value on the value, a bad key name on the key.
 * `anyOf` failures are narrowed to the branch whose type fits the data and re-validated
 * against it alone, so a user sees "unknown key 'whenn'" instead of three branch failures.
 */
export function mapAjvErrors(
  errors: readonly ErrorObject[],
  ctx: MapContext,
  prefix: readonly string[] = [],
): Problem[] {
  const problems: Problem[] = [];
  const combinators = errors
    .filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf')
    .sort((a, b) => a.instancePath.length - b.instancePath.length);
  // Paths whose every error a combinator explains (its branches are the whole schema there),
  // and individual errors that are only a required-only combinator's branches.
  const handled: string[] = [];
  const consumed = new Set<ErrorObject>();
  const under = (path: string, base: string) => path === base || path.startsWith(base + '/');
  for (const combo of combinators) {
    if (handled.some((h) => under(combo.instancePath, h))) continue;
    const mapped = mapCombinator(combo, ctx, prefix);
    if (mapped.requiredOnly) {
      for (const e of errors) {
        if (
          e.keyword === 'required' &&
          e.instancePath === combo.instancePath &&
          e.schemaPath.startsWith(combo.schemaPath + '/')
        )
          consumed.add(e);
      }
    } else handled.push(combo.instancePath);
    problems.push(...mapped.problems);
  }
  for (const e of errors) {
    if (e.keyword === 'anyOf' || e.keyword === 'oneOf' || e.keyword === 'if' || e.keyword === 'propertyNames') continue;
    if (consumed.has(e) || handled.some((h) => under(e.instancePath, h))) continue;
    const p = mapOne(e, ctx, prefix);
    if (p) problems.push(p);
  }
  return dedupe(problems);
}

function mapOne(e: ErrorObject, ctx: MapContext, prefix: readonly string[]): Problem | undefined {
  const segments = [...prefix, ...parsePointer(e.instancePath)];
  const at = nodeAtPath(ctx.root, segments);
  if (!at) return undefined;
  const { node, entry } = at;
  const schema = (e.parentSchema ?? {}) as JsonSchema;
  const uri = ctx.uri;

  // A key name failed `propertyNames`: the problem is on the key, not the mapping.
  if (e.propertyName !== undefined) {
    const keyEntry = findEntry(node, e.propertyName);
    const span = keyEntry ? keyEntry.key.span : visibleSpan(node, entry);
    const what = describe(ctx, schema);
    return makeProblem(
      'schema-value',
      `Invalid key '${e.propertyName}'${what ? `: expected ${lowerFirst(what)}` : ''}.`,
      { uri, span },
    );
  }

  switch (e.keyword) {
    case 'required': {
      const missing = (e.params as { missingProperty: string }).missingProperty;
      const span = entry ? entry.key.span : rootKeySpan(node);
      const props =
        (schema['properties'] as Record<string, JsonSchema> | undefined) ??
        (segments.length === 0
          ? (ctx.rootSchema?.['properties'] as Record<string, JsonSchema> | undefined)
          : undefined);
      const why = props?.[missing] ? firstSentence(describe(ctx, props[missing]!)) : undefined;
      const because = e.schemaPath.endsWith('/then/required')
        ? conditionWords(ctx.rootSchema, segments.length === 0)
        : '';
      return makeProblem('schema-missing-key', `Missing required key '${missing}'${why ? `: ${why}` : ''}${because}.`, {
        uri,
        span,
      });
    }
    case 'additionalProperties': {
      const extra = (e.params as { additionalProperty: string }).additionalProperty;
      const keyEntry = findEntry(node, extra);
      const span = keyEntry ? keyEntry.key.span : visibleSpan(node, entry);
      const allowed = Object.keys((schema['properties'] as object | undefined) ?? {});
      const suggestions = didYouMean(extra, allowed);
      const list =
        suggestions.length === 0 && allowed.length > 0 && allowed.length <= 14
          ? ` Allowed keys: ${allowed.join(', ')}.`
          : '';
      return makeProblem(
        'schema-unknown-key',
        `Unknown key '${extra}'.${didYouMeanSuffix(suggestions)}${list}`,
        { uri, span },
        {
          fixes: suggestions.map((s, i) => ({
            title: `Replace with '${s}'`,
            isPreferred: i === 0 && suggestions.length === 1,
            edits: [{ uri, span, newText: s }],
          })),
        },
      );
    }
    case 'type': {
      const expected = typeWords((e.params as { type: string | string[] }).type);
      return makeProblem('schema-type', `Expected ${expected}, found ${valueWord(e.data)}.`, {
        uri,
        span: visibleSpan(node, entry),
      });
    }
    case 'enum': {
      const allowed = (e.params as { allowedValues: unknown[] }).allowedValues.map(String);
      const span = visibleSpan(node, entry);
      const suggestions = typeof e.data === 'string' ? didYouMean(e.data, allowed) : [];
      // A mapping or list here (e.g. `type: {}`) has no text to quote, and String() throws on the
      // loader's prototype-less mappings.
      if (typeof e.data === 'object' && e.data !== null)
        return makeProblem('schema-value', `Expected one of ${allowed.join(', ')}, found ${valueWord(e.data)}.`, {
          uri,
          span,
        });
      return makeProblem(
        'schema-value',
        `'${String(e.data)}' is not allowed here: expected one of ${allowed.join(', ')}.${didYouMeanSuffix(suggestions)}`,
        { uri, span },
        {
          fixes: suggestions.map((s, i) => ({
            title: `Replace with '${s}'`,
            isPreferred: i === 0 && suggestions.length === 1,
            edits: [{ uri, span, newText: s }],
          })),
        },
      );
    }
    case 'const':
      return makeProblem(
        'schema-value',
        `Expected '${String((e.params as { allowedValue: unknown }).allowedValue)}', found '${String(e.data)}'.`,
        { uri, span: visibleSpan(node, entry) },
      );
    case 'pattern': {
      const what = describe(ctx, schema);
      return makeProblem(
        'schema-value',
        `'${String(e.data)}' is not valid here${what ? `: expected ${lowerFirst(what)}` : ''}.`,
        { uri, span: visibleSpan(node, entry) },
      );
    }
    case 'uniqueItems': {
      const { i, j } = e.params as { i: number; j: number };
      const later = node.kind === 'seq' ? node.items[Math.max(i, j)] : undefined;
      const first = node.kind === 'seq' ? node.items[Math.min(i, j)] : undefined;
      return makeProblem(
        'schema-value',
        `Duplicate item: this list already has '${String(later && later.kind === 'scalar' ? later.value : '…')}'.`,
        {
          uri,
          span: later ? later.span : visibleSpan(node, entry),
        },
        first ? { related: [{ at: { uri, span: first.span }, message: 'first listed here' }] } : {},
      );
    }
    case 'minItems':
    case 'minProperties':
    case 'minLength': {
      const limit = (e.params as { limit: number }).limit;
      const what = e.keyword === 'minItems' ? 'list' : e.keyword === 'minProperties' ? 'mapping' : 'text';
      const unit = e.keyword === 'minItems' ? 'item' : e.keyword === 'minProperties' ? 'entry' : 'character';
      const message =
        limit <= 1
          ? `The ${what} must not be empty.`
          : `The ${what} needs at least ${limit} ${unit === 'entry' ? 'entries' : unit + 's'}.`;
      return makeProblem('schema-value', message, { uri, span: visibleSpan(node, entry) });
    }
    case 'maxLength': {
      const limit = (e.params as { limit: number }).limit;
      const length = typeof e.data === 'string' ? e.data.length : 0;
      return makeProblem(
        'schema-value',
        `${pluralWhat(describe(ctx, schema))} at most ${limit} characters; this one has ${length}.`,
        { uri, span: visibleSpan(node, entry) },
      );
    }
    case 'maxProperties': {
      const limit = (e.params as { limit: number }).limit;
      const keys = Object.keys((schema['properties'] as object | undefined) ?? {});
      const message =
        limit === 1 && keys.length > 1
          ? `Give only one of ${keys.map((k) => `'${k}'`).join(', ')}.`
          : `At most ${limit} entries are allowed here.`;
      return makeProblem('schema-value', message, { uri, span: visibleSpan(node, entry) });
    }
    default:
      return makeProblem('schema-value', `Invalid value: ${e.message ?? e.keyword}.`, {
        uri,
        span: visibleSpan(node, entry),
      });
  }
}

function mapCombinator(
  e: ErrorObject,
  ctx: MapContext,
  prefix: readonly string[],
): { problems: Problem[]; requiredOnly: boolean } {
  const segments = [...prefix, ...parsePointer(e.instancePath)];
  const at = nodeAtPath(ctx.root, segments);
  if (!at) return { problems: [], requiredOnly: false };
  const uri = ctx.uri;
  const span = visibleSpan(at.node, at.entry);
  const branches = ((e.schema as JsonSchema[] | undefined) ?? []).map((b) => ({ raw: b, ...ctx.registry.resolve(b) }));

  // Branches that only differ by which keys they require ("permission + expect, or permissions").
  if (branches.length > 0 && branches.every((b) => isRequiredOnly(b.schema))) {
    const alternatives = branches
      .map((b) => (b.schema['required'] as string[]).map((k) => `'${k}'`).join(' and '))
      .join(', or ');
    const passing = (e.params as { passingSchemas?: number[] | null }).passingSchemas;
    const keySpan = at.entry ? at.entry.key.span : rootKeySpan(at.node);
    if (passing && passing.length > 1)
      return {
        requiredOnly: true,
        problems: [makeProblem('schema-value', `Give either ${alternatives}, not both.`, { uri, span: keySpan })],
      };
    return {
      requiredOnly: true,
      problems: [
        makeProblem('schema-missing-key', `Missing required keys: give ${alternatives}.`, { uri, span: keySpan }),
      ],
    };
  }
  return { requiredOnly: false, problems: mapTypedCombinator(e, ctx, segments, span, branches) };
}

/** An anyOf/oneOf of differently typed branches: explain the failure of the branch the data's type selects. */
function mapTypedCombinator(
  e: ErrorObject,
  ctx: MapContext,
  segments: string[],
  span: Span,
  branches: { raw: JsonSchema; schema: JsonSchema; uri?: string }[],
): Problem[] {
  const uri = ctx.uri;

  const fitting = branches.filter((b) => typeAccepts(b.schema['type'], e.data));
  if (fitting.length === 0) {
    const types = [...new Set(branches.flatMap((b) => toArray(b.schema['type'])))];
    const expected = describe(ctx, (e.parentSchema ?? {}) as JsonSchema);
    return [
      makeProblem(
        'schema-type',
        `Expected ${types.length ? typeWords(types) : 'another value'}, found ${valueWord(e.data)}.${expected ? ` ${expected}.` : ''}`,
        { uri, span },
      ),
    ];
  }
  // Re-validate against each fitting branch alone and keep the most specific explanation.
  let best: Problem[] | undefined;
  for (const b of fitting) {
    const validate = b.uri ? ctx.registry.validatorAt(b.uri) : undefined;
    if (!validate) continue;
    if (validate(e.data)) return [];
    const mapped = mapAjvErrors([...(validate.errors ?? [])], ctx, segments);
    if (!best || mapped.length < best.length) best = mapped;
  }
  return (
    best ?? [makeProblem('schema-value', `Invalid value: ${e.message ?? 'no alternative matches'}.`, { uri, span })]
  );
}

/** " (required when 'extends' is absent)" for the `if: { not: { required: [extends] } }` rule. */
function conditionWords(root: JsonSchema | undefined, atRoot: boolean): string {
  const cond = atRoot ? (root?.['if'] as JsonSchema | undefined) : undefined;
  const absent = ((cond?.['not'] as JsonSchema | undefined)?.['required'] as string[] | undefined) ?? [];
  return absent.length ? ` (required when ${absent.map((k) => `'${k}'`).join(' and ')} is absent)` : '';
}

function isRequiredOnly(schema: JsonSchema): boolean {
  const keys = Object.keys(schema);
  return keys.length === 1 && keys[0] === 'required';
}

function typeAccepts(type: unknown, data: unknown): boolean {
  if (type === undefined) return true;
  const actual =
    data === null
      ? 'null'
      : Array.isArray(data)
        ? 'array'
        : typeof data === 'number'
          ? Number.isInteger(data)
            ? 'integer'
            : 'number'
          : typeof data;
  return toArray(type).some((t) => t === actual || (t === 'number' && actual === 'integer'));
}

function toArray(v: unknown): string[] {
  return v === undefined ? [] : Array.isArray(v) ? (v as string[]) : [String(v)];
}

const TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping',
  null: 'nothing',
};

function typeWords(type: string | string[]): string {
  const words = toArray(type).map((t) => TYPE_WORDS[t] ?? t);
  if (words.length <= 1) return words[0] ?? 'another value';
  return `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

function valueWord(data: unknown): string {
  if (data === null || data === undefined) return 'nothing';
  if (Array.isArray(data)) return 'a list';
  if (typeof data === 'object') return 'a mapping';
  if (typeof data === 'string') return `the string '${data.length > 40 ? data.slice(0, 40) + '…' : data}'`;
  if (typeof data === 'boolean') return `${data}`;
  return `the number ${String(data)}`;
}

/** The schema's description without its final period, for embedding in a sentence. */
function describe(ctx: MapContext, schema: JsonSchema): string | undefined {
  const own = schema['description'];
  const text = typeof own === 'string' ? own : ctx.registry.resolve(schema).schema['description'];
  return typeof text === 'string' ? text.replace(/\.\s*$/, '') : undefined;
}

/** "A permission set id: kebab-case…" → "Permission set ids are"; without such a noun, "Values here are". */
function pluralWhat(description: string | undefined): string {
  const m = /^An? ([a-z][a-z -]*?)(?: in |[:.,(]|$)/.exec(description ?? '');
  if (!m) return 'Values here are';
  const noun = m[1]!.trim();
  return `${noun[0]!.toUpperCase()}${noun.slice(1)}s are`;
}

function firstSentence(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const m = /^(.*?)[.:](?=\s+[A-Z]|\s*$)/.exec(text);
  return lowerFirst(m ? m[1]! : text);
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

function findEntry(node: YNode, name: string): YEntry | undefined {
  return node.kind === 'map' ? node.entries.find((x) => x.name === name) : undefined;
}

function rootKeySpan(node: YNode): Span {
  // A missing key of the document itself is shown on `kind` (or the first key), where the
  // reader looks for what a document is.
  if (node.kind === 'map' && node.entries.length > 0)
    return (node.entries.find((x) => x.name === 'kind') ?? node.entries[0]!).key.span;
  return [node.span[0], node.span[0]];
}

function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const k = `${p.span[0]}:${p.span[1]}:${p.code}:${p.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
