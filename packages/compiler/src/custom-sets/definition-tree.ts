import type { Span } from '../diagnostics/index.js';
import type { ParsedDocument, YEntry, YNode, YScalar } from '../load/index.js';

/** The bounds a definition is read within; anything beyond is one `custom-set-limit` diagnostic. */
export interface DefinitionLimits {
  /** Nesting depth of a definition (a legitimate one is at most 5 deep). */
  maxDepth: number;
  /** Length of one string (an id, a name, a description, a key). */
  maxString: number;
  /** Values (objects, arrays, strings, numbers...) in one definition. */
  maxNodes: number;
}

/** The default bounds (docs/custom-sets.md lists them). */
export const DEFAULT_DEFINITION_LIMITS: DefinitionLimits = { maxDepth: 16, maxString: 10_000, maxNodes: 20_000 };

/** A problem found while reading a definition's value, before any rule runs. */
export interface ReadProblem {
  code: 'custom-set-value' | 'custom-set-limit';
  message: string;
  /** JSON Pointer segments from the definition. */
  path: string[];
}

/** A definition read into the compiler's tree, with the way back from spans to JSON Pointers. */
export interface DefinitionTree {
  doc: ParsedDocument;
  /** Span start of every node (keys and values) to its pointer segments. */
  pointers: Map<number, string[]>;
  /** Span starts of mapping keys (a fix that replaces one renames the key). */
  keyStarts: Set<number>;
  problems: ReadProblem[];
}

class Stop extends Error {}

/**
 * Reads a definition as an admin UI saved it (any JavaScript value, possibly hostile) into the
 * tree the compiler's `validate` and `entities` stages read, as if it had been written as YAML.
 * Only own enumerable data properties are read (a getter is reported, never called); arrays must
 * be dense; values must be JSON (strings, finite numbers, booleans, null, arrays, plain objects);
 * cycles, depth, string lengths and the number of values are bounded. Nothing of the value is ever
 * run, and it is never written into an object (the tree holds entries in arrays), so keys such as
 * `__proto__` are ordinary strings. Never throws: a proxy that throws is a `custom-set-value`.
 *
 * Offsets in the tree are synthetic but nest as text would (a node's span holds its children's),
 * so every compiler rule that points at a key, a value or an entry points at one JSON Pointer.
 */
export function readDefinition(value: unknown, limits: DefinitionLimits = DEFAULT_DEFINITION_LIMITS): DefinitionTree {
  const pointers = new Map<number, string[]>();
  const keyStarts = new Set<number>();
  const problems: ReadProblem[] = [];
  let pos = 0;
  let nodes = 0;
  const ancestors = new Set<object>();
  const fail = (code: ReadProblem['code'], message: string, path: string[]): never => {
    problems.push({ code, message, path });
    throw new Stop();
  };
  const scalar = (v: string | number | boolean | null, path: string[]): YScalar => {
    const start = pos++;
    pointers.set(start, path);
    return { kind: 'scalar', value: v, style: typeof v === 'string' ? 'double' : 'plain', span: [start, pos++] };
  };
  const read = (v: unknown, path: string[], depth: number): YNode => {
    if (++nodes > limits.maxNodes)
      fail('custom-set-limit', `The definition has more than ${limits.maxNodes} values.`, path);
    if (depth > limits.maxDepth)
      fail('custom-set-limit', `The definition is nested deeper than ${limits.maxDepth} levels.`, path);
    switch (typeof v) {
      case 'string':
        if (v.length > limits.maxString)
          fail('custom-set-limit', `A string is longer than ${limits.maxString} characters.`, path);
        return scalar(v, path);
      case 'boolean':
        return scalar(v, path);
      case 'number':
        if (!Number.isFinite(v)) fail('custom-set-value', `${v} is not a JSON value.`, path);
        return scalar(v, path);
      case 'object':
        break;
      default:
        return fail(
          'custom-set-value',
          `A ${typeof v === 'undefined' ? 'missing (undefined) value' : typeof v} is not a JSON value.`,
          path,
        );
    }
    if (v === null) return scalar(null, path);
    if (ancestors.has(v))
      fail('custom-set-value', 'The value contains itself (a cycle); a definition must be JSON.', path);
    ancestors.add(v);
    const start = pos++;
    pointers.set(start, path);
    let node: YNode;
    if (Array.isArray(v)) {
      const length = v.length;
      if (typeof length !== 'number' || length > limits.maxNodes)
        fail('custom-set-limit', `The list has more than ${limits.maxNodes} items.`, path);
      const items: YNode[] = [];
      for (let i = 0; i < length; i++) {
        const d = Reflect.getOwnPropertyDescriptor(v, i);
        if (!d)
          fail('custom-set-value', `Item ${i} is missing (a sparse list); a definition must be JSON.`, [
            ...path,
            String(i),
          ]);
        items.push(read(dataOf(d!, [...path, String(i)], fail), [...path, String(i)], depth + 1));
      }
      node = { kind: 'seq', items, span: [start, 0], flow: true };
    } else {
      const proto = Reflect.getPrototypeOf(v);
      if (proto !== Object.prototype && proto !== null)
        fail('custom-set-value', 'Only plain objects are JSON values (not a class instance, a Map, a Date...).', path);
      const entries: YEntry[] = [];
      for (const key of Reflect.ownKeys(v)) {
        if (typeof key !== 'string') continue; // symbols are not JSON; JSON.stringify drops them too
        const d = Reflect.getOwnPropertyDescriptor(v, key)!;
        if (!d.enumerable) continue;
        const at = [...path, key];
        if (key.length > limits.maxString)
          fail('custom-set-limit', `A key is longer than ${limits.maxString} characters.`, path);
        keyStarts.add(pos);
        const k = scalar(key, at);
        entries.push({ key: k, name: key, value: read(dataOf(d, at, fail), at, depth + 1) });
      }
      node = { kind: 'map', entries, span: [start, 0], flow: true };
    }
    ancestors.delete(v);
    (node.span as [number, number])[1] = pos++;
    return node;
  };
  // eslint-disable-next-line no-useless-assignment -- null is what a throwing read leaves
  let root: YNode | null = null;
  try {
    root = read(value, [], 0);
  } catch (e) {
    // A Stop carries a problem already; anything else is a hostile object (a throwing proxy trap).
    if (!(e instanceof Stop))
      problems.push({
        code: 'custom-set-value',
        message: 'The value could not be read (an object threw when inspected); a definition must be JSON.',
        path: [],
      });
    root = null;
  }
  const span: Span = [0, pos];
  return { doc: { index: 0, root, span, hasSyntaxErrors: false }, pointers, keyStarts, problems };
}

function dataOf(
  d: PropertyDescriptor,
  path: string[],
  fail: (code: ReadProblem['code'], message: string, path: string[]) => never,
): unknown {
  if (d.get || d.set) fail('custom-set-value', 'A getter or setter is not a JSON value; it is not called.', path);
  return d.value;
}

/** Escapes one JSON Pointer segment (RFC 6901). */
export function pointerOf(path: readonly string[]): string {
  return path.map((s) => '/' + s.replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}
