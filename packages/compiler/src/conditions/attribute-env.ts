import type { Span } from '../diagnostics/index.js';
import { didYouMean, didYouMeanSuffix } from '../diagnostics/index.js';
import type { AttrType, PathExpr } from './ast.js';

/**
 * The attributes a condition may use, from the catalog. Built by the check stage per permission
 * (its resource type decides `resource`).
 */
export interface AttributeEnv {
  /** The subject's attributes. `id` and `set` (strings) exist even when not listed. */
  subject: ReadonlyMap<string, AttrType>;
  /** The request context's attributes. */
  context: ReadonlyMap<string, AttrType>;
  /**
   * The resource type's attributes; `undefined` when the permission has no resource type, which
   * makes every `resource.x` an error. When defined, `type` (a string) exists even if not listed.
   */
  resource: ReadonlyMap<string, AttrType> | undefined;
  /** The resource type's name, for messages ("resource type 'deal' has no attribute 'owner'"). */
  resourceTypeName?: string;
}

/**
 * A type problem of a condition. `span` is in the condition TEXT. `suggestions` (for
 * `expr-unknown-attribute`) are replacement texts for exactly that span, best first.
 */
export interface TypeProblem {
  code: 'expr-type' | 'expr-unknown-attribute';
  span: Span;
  message: string;
  suggestions?: string[];
}

const ROOTS = ['subject', 'resource', 'context'] as const;
type Root = (typeof ROOTS)[number];

// The attributes every request has, whatever the catalog lists.
const BUILT_IN: Record<Root, ReadonlyMap<string, AttrType>> = {
  subject: new Map([
    ['id', 'string'],
    ['set', 'string'],
  ]),
  resource: new Map([['type', 'string']]),
  context: new Map(),
};

/** The attributes of a root, built-ins included; `undefined` for an unknown root or no resource type. */
export function attributesOf(env: AttributeEnv, root: string): ReadonlyMap<string, AttrType> | undefined {
  if (root !== 'subject' && root !== 'resource' && root !== 'context') return undefined;
  const declared = env[root];
  if (!declared) return undefined;
  return new Map([...BUILT_IN[root], ...declared]);
}

function owner(env: AttributeEnv, root: Root): string {
  if (root === 'resource') return env.resourceTypeName ? `resource type '${env.resourceTypeName}'` : 'the resource';
  return `the ${root}`;
}

/**
 * The type of a path (`resource.owner`), or `undefined` after reporting why it has none: an
 * unknown root or attribute (with did-you-mean suggestions), a bare root, a path below a scalar.
 */
export function pathType(
  path: PathExpr,
  env: AttributeEnv,
  report: (problem: TypeProblem) => void,
): AttrType | undefined {
  const rootSpan = path.segmentSpans[0] ?? path.span;
  const attrs = attributesOf(env, path.root);
  if (path.root === 'resource' && !env.resource) {
    report({
      code: 'expr-unknown-attribute',
      span: rootSpan,
      message: "This permission has no resource type, so its conditions cannot use 'resource'",
    });
    return undefined;
  }
  if (!attrs) {
    report(unknownRoot(path, env, rootSpan));
    return undefined;
  }
  const name = path.segments[0];
  if (name === undefined) {
    const example = [...attrs.keys()][0];
    const hint = example ? `, like '${path.root}.${example}'` : '';
    report({
      code: 'expr-type',
      span: path.span,
      message: `'${path.root}' is not a value; name one of its attributes${hint}`,
    });
    return undefined;
  }
  const type = attrs.get(name);
  const nameSpan = path.segmentSpans[1] ?? path.span;
  if (!type) {
    const suggestions = didYouMean(name, attrs.keys());
    const message = `${capitalize(owner(env, path.root as Root))} has no attribute '${name}'.${didYouMeanSuffix(suggestions)}`;
    report({ code: 'expr-unknown-attribute', span: nameSpan, message, suggestions });
    return undefined;
  }
  if (path.segments.length > 1) {
    const deeper = path.segmentSpans[2] ?? path.span;
    report({ code: 'expr-type', span: deeper, message: `'${name}' is ${article(type)}; it has no attributes` });
    return undefined;
  }
  return type;
}

function unknownRoot(path: PathExpr, env: AttributeEnv, span: Span): TypeProblem {
  const roots = ROOTS.filter((r) => r !== 'resource' || env.resource);
  // A bare attribute name (`owner`) most likely lacks its root: offer `resource.owner`.
  const qualified =
    path.segments.length === 0
      ? roots.filter((r) => attributesOf(env, r)?.has(path.root)).map((r) => `${r}.${path.root}`)
      : [];
  const suggestions = [...qualified, ...didYouMean(path.root, roots)];
  const quoted = roots.map((r) => `'${r}'`);
  const starts = `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)!}`;
  const message = `Unknown name '${path.root}': a path starts with ${starts}.${didYouMeanSuffix(suggestions)}`;
  return { code: 'expr-unknown-attribute', span, message, suggestions };
}

/** "a string", "a list of numbers"... for messages. */
export function article(type: string): string {
  switch (type) {
    case 'string[]':
      return 'a list of strings';
    case 'number[]':
      return 'a list of numbers';
    case 'boolean[]':
      return 'a list of booleans';
    case 'empty[]':
      return 'an empty list';
    case 'boolean':
      return 'a boolean (true/false)';
    default:
      return `a ${type}`;
  }
}

function capitalize(s: string): string {
  return s[0]!.toUpperCase() + s.slice(1);
}
