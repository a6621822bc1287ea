import fc from 'fast-check';
import { CONTEXT, NUMBERS, RESOURCES, STRINGS, SUBJECT, type AttrType } from './random-condition.js';

/*
 * Random requests as plain data (printable and shrinkable): subjects of the project's sets (and
 * unknown or missing ones), permissions of the catalog (and unknown ones), resources of the right
 * type, the wrong type or none, and attributes that are present, missing, null, or of the wrong
 * type (NaN and Infinity for numbers, lists with one bad element).
 */

/** One request to `can()`. */
export interface Request {
  subject: unknown;
  permission: unknown;
  resource: unknown;
  context: unknown;
}

function value(type: AttrType): fc.Arbitrary<unknown> {
  const good =
    type === 'string'
      ? fc.constantFrom(...STRINGS)
      : type === 'number'
        ? fc.constantFrom(...NUMBERS)
        : type === 'boolean'
          ? fc.boolean()
          : fc.array(fc.constantFrom(...STRINGS), { maxLength: 3 });
  const bad = fc.constantFrom(null, 1, 'a', true, ['a', 1], [], Number.NaN, Number.POSITIVE_INFINITY, { a: 1 });
  return fc.oneof({ weight: 6, arbitrary: good }, { weight: 1, arbitrary: bad });
}

/** A record of `attrs`, each attribute maybe missing, with `extra` fixed fields first. */
function record(
  attrs: Record<string, AttrType>,
  extra: Record<string, fc.Arbitrary<unknown>>,
): fc.Arbitrary<Record<string, unknown>> {
  const fields: Record<string, fc.Arbitrary<unknown>> = { ...extra };
  for (const [n, t] of Object.entries(attrs)) fields[n] = value(t);
  // Keys outside `requiredKeys` are sometimes left out: missing attributes.
  return fc.record(fields, { requiredKeys: Object.keys(extra) });
}

/** Random requests against a project with these sets and permissions. */
export function randomRequest(
  sets: readonly string[],
  perms: readonly { id: string; resource?: string }[],
): fc.Arbitrary<Request> {
  const set = fc.oneof(
    { weight: 12, arbitrary: fc.constantFrom(...sets) },
    { weight: 1, arbitrary: fc.constantFrom('set-missing', 1, '__proto__') },
  );
  const subject = fc.oneof(
    { weight: 20, arbitrary: record(SUBJECT, { id: fc.oneof(fc.constantFrom(...STRINGS), fc.constant(7)), set }) },
    { weight: 1, arbitrary: fc.constantFrom(null, 'set-0', [], {}) },
  );
  return fc
    .record({
      subject,
      permission: fc.oneof(
        { weight: 15, arbitrary: fc.constantFrom(...perms.map((p) => p.id)) },
        { weight: 1, arbitrary: fc.constantFrom('docs.nope', 7) },
      ),
      rtype: fc.oneof(
        { weight: 8, arbitrary: fc.constant('right') },
        { weight: 1, arbitrary: fc.constantFrom('doc', 'note', 'none', 'array') },
      ),
      doc: record(RESOURCES['doc']!, {}),
      note: record(RESOURCES['note']!, {}),
      context: fc.oneof(
        { weight: 8, arbitrary: record(CONTEXT, {}) },
        { weight: 1, arbitrary: fc.constantFrom(undefined, null, 'ctx') },
      ),
    })
    .map(({ subject, permission, rtype, doc, note, context }) => {
      const wanted = perms.find((p) => p.id === permission)?.resource;
      const type = rtype === 'right' ? wanted : rtype;
      const resource =
        type === 'doc' ? { type, ...doc } : type === 'note' ? { type, ...note } : type === 'array' ? [] : undefined;
      return { subject, permission, resource, context };
    });
}
