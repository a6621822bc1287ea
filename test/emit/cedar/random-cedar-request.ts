import fc from 'fast-check';
import type { RecordSpec, RequestSpec, ValueSpec, Wrap } from '../evaluator/random-request.js';
import { CONTEXT, NUMBERS, RESOURCES, STRINGS, SUBJECT, type AttrType, type Attrs, type RandomProject } from './random-cedar-project.js';

/*
 * Random requests for the Cedar differential tests, as printable specs that
 * test/emit/evaluator/random-request.ts's `materialize` turns into real, possibly hostile objects
 * (getters, throwing getters, inherited values, holes, proxies that throw or are revoked, arrays,
 * null and strings where records belong). Values are the hostile strings and numbers of the
 * project generator, wrong types, NaN and Infinity, and, with `unrepresentable`, values Cedar
 * cannot hold: non-integers, numbers beyond ±(2^53 − 1), strings with a lone surrogate.
 */

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Numbers and strings that only permset can hold (see exportCedar's contract). */
export const UNREPRESENTABLE: unknown[] = [1.5, -0.5, 2 ** 53, -(2 ** 60), 1e300, 'lone \ud800 surrogate', '\udc00'];

function goodValue(type: AttrType, unrepresentable: boolean): fc.Arbitrary<unknown> {
  const str = unrepresentable ? fc.constantFrom(...STRINGS, ...UNREPRESENTABLE.filter((v) => typeof v === 'string')) : fc.constantFrom(...STRINGS);
  const num = unrepresentable ? fc.constantFrom(...NUMBERS, ...UNREPRESENTABLE.filter((v) => typeof v === 'number')) : fc.constantFrom(...NUMBERS);
  switch (type) {
    case 'string':
      return str;
    case 'number':
      return num;
    case 'boolean':
      return fc.boolean();
    case 'string[]':
      return fc.array(str, { maxLength: 3 });
    case 'number[]':
      return fc.array(num, { maxLength: 3 });
  }
}

// Wrong types, including near misses: a list whose match is followed by a wrong element,
// NaN and Infinity, -0, a number-like string.
function badValue(type: AttrType): fc.Arbitrary<unknown> {
  const any = fc.constantFrom(null, undefined, 5, 'a', true, {}, [], 'x');
  if (type === 'string[]') return fc.oneof(any, fc.constantFrom(['a', 1], ['b', 'a', null], [0, 'b'], ['*/', 'a', ['a']]));
  if (type === 'number[]') return fc.oneof(any, fc.constantFrom([0, 'b'], [1, 2, Number.NaN], [2, Number.POSITIVE_INFINITY], ['0']));
  if (type === 'number') return fc.oneof(any, fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -0, '1'));
  return any;
}

function valueSpec(type: AttrType, unrepresentable: boolean): fc.Arbitrary<ValueSpec | undefined> {
  return fc.oneof(
    { weight: 12, arbitrary: goodValue(type, unrepresentable).map((v): ValueSpec => ({ k: 'value', v })) },
    { weight: 4, arbitrary: badValue(type).map((v): ValueSpec => ({ k: 'value', v })) },
    { weight: 1, arbitrary: fc.constant<ValueSpec>({ k: 'value', v: null }) },
    { weight: 3, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: goodValue(type, unrepresentable).map((v): ValueSpec => ({ k: 'getter', v })) },
    { weight: 1, arbitrary: fc.constant<ValueSpec>({ k: 'throwing-getter' }) },
    { weight: 1, arbitrary: goodValue(type, unrepresentable).map((v): ValueSpec => ({ k: 'inherited', v })) },
    { weight: 1, arbitrary: fc.array(fc.constantFrom(...STRINGS, ...NUMBERS), { maxLength: 2 }).map((v): ValueSpec => ({ k: 'holey', v })) },
  );
}

const wrap: fc.Arbitrary<Wrap> = fc.oneof(
  { weight: 30, arbitrary: fc.constant<Wrap>('plain') },
  { weight: 2, arbitrary: fc.constant<Wrap>('null-proto') },
  { weight: 2, arbitrary: fc.constant<Wrap>('proxy') },
  { weight: 1, arbitrary: fc.constantFrom<Wrap>('throwing-proxy', 'revoked-proxy', 'array', 'null', 'string') },
);

function recordSpec(attrs: Attrs, fixed: fc.Arbitrary<[string, ValueSpec][]>, unrepresentable: boolean): fc.Arbitrary<RecordSpec> {
  const entries = Object.entries(attrs).map(([name, type]) => valueSpec(type, unrepresentable).map((v) => (v === undefined ? [] : [[name, v] as [string, ValueSpec]])));
  return fc.record({ wrap, fixed, rest: fc.tuple(...entries) }).map(({ wrap, fixed, rest }) => ({ wrap, attrs: [...fixed, ...rest.flat()] }));
}

/** Requests for a project: mostly its own sets, permissions and resource types. */
export function randomRequest(project: RandomProject, unrepresentable = false): fc.Arbitrary<RequestSpec> {
  const permission = fc.oneof(
    { weight: 12, arbitrary: fc.constantFrom(...project.permissions) },
    { weight: 1, arbitrary: fc.constantFrom<{ id: string; resource?: string }>({ id: 'nope.view' }, { id: 'toString' }, { id: '__proto__' }) },
  );
  const setValue = fc.oneof(
    { weight: 12, arbitrary: fc.constantFrom(...project.sets).map((v): ValueSpec => ({ k: 'value', v })) },
    { weight: 1, arbitrary: fc.constantFrom('nope', '__proto__', 'constructor', 'hasOwnProperty', 's0\ud800').map((v): ValueSpec => ({ k: 'value', v })) },
    { weight: 1, arbitrary: fc.constantFrom(...project.sets).map((v): ValueSpec => ({ k: 'inherited', v })) },
    { weight: 1, arbitrary: fc.constantFrom(...project.sets).map((v): ValueSpec => ({ k: 'getter', v })) },
    { weight: 1, arbitrary: fc.constant<ValueSpec>({ k: 'throwing-getter' }) },
  );
  return permission.chain((perm) => {
    const types = Object.keys(RESOURCES);
    const type = fc.oneof({ weight: 10, arbitrary: fc.constant(perm.resource ?? types[0]!) }, { weight: 1, arbitrary: fc.constantFrom(...types) });
    const resource = type.chain((t) =>
      recordSpec(
        RESOURCES[t]!,
        fc.oneof(
          { weight: 10, arbitrary: fc.constant<[string, ValueSpec][]>([['type', { k: 'value', v: t }]]) },
          { weight: 1, arbitrary: fc.constantFrom<[string, ValueSpec][]>([], [['type', { k: 'inherited', v: t }]], [['type', { k: 'getter', v: t }]], [['type', { k: 'value', v: 5 }]], [['type', { k: 'throwing-getter' }]]) },
        ),
        unrepresentable,
      ),
    );
    return fc.record({
      subject: recordSpec(SUBJECT, setValue.map((v) => [['set', v]] as [string, ValueSpec][]), unrepresentable),
      permission: fc.oneof({ weight: 20, arbitrary: fc.constant<string | number>(perm.id) }, { weight: 1, arbitrary: fc.constant<string | number>(42) }),
      resource: fc.option(resource, { nil: undefined, freq: 12 }),
      context: fc.option(recordSpec(CONTEXT, fc.constant([]), unrepresentable), { nil: undefined, freq: 6 }),
    });
  });
}

/** A subject of set `set`, a `doc` resource and a context, all with random (hostile) attributes. */
export function docRequest(set: string, unrepresentable = false): fc.Arbitrary<RequestSpec> {
  return fc.record({
    subject: recordSpec(SUBJECT, fc.constant<[string, ValueSpec][]>([['set', { k: 'value', v: set }]]), unrepresentable),
    permission: fc.constant<string | number>('docs.view'),
    resource: recordSpec(RESOURCES['doc']!, fc.constant<[string, ValueSpec][]>([['type', { k: 'value', v: 'doc' }]]), unrepresentable),
    context: fc.option(recordSpec(CONTEXT, fc.constant([]), unrepresentable), { nil: undefined, freq: 6 }),
  });
}

/**
 * The request as permset sees it once the values Cedar cannot hold are replaced by a value of
 * the wrong type (present, but unreadable): Cedar's decision must equal `can()` on this.
 */
export function withoutUnrepresentable(spec: RecordSpec | undefined): RecordSpec | undefined {
  if (spec === undefined) return undefined;
  const fix = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.some((x) => fix(x) !== x) ? { unrepresentable: true } : v;
    if (typeof v === 'number' && Number.isFinite(v) && !Number.isSafeInteger(v)) return { unrepresentable: true };
    if (typeof v === 'string' && LONE_SURROGATE.test(v)) return { unrepresentable: true };
    return v;
  };
  return {
    wrap: spec.wrap,
    attrs: spec.attrs.map(([name, v]): [string, ValueSpec] => {
      // `set` and `type` are ids the helper compares, not values it passes.
      if (name === 'set' || name === 'type' || (v.k !== 'value' && v.k !== 'getter' && v.k !== 'inherited')) return [name, v];
      return [name, { ...v, v: fix(v.v) }];
    }),
  };
}
