import fc from 'fast-check';
import { CONTEXT, NUMBERS, RESOURCES, STRINGS, SUBJECT, type RandomProject } from './random-project.js';

/*
 * Random requests as plain, printable data (so fast-check can show and shrink them), turned
 * into real, possibly hostile objects by `materialize`: own, inherited and getter-backed
 * attributes, throwing getters, holes in lists, wrong types, NaN/Infinity, null-prototype
 * objects, transparent, throwing and revoked proxies, arrays and primitives where records are
 * expected. Getters are stateless, so every evaluator sees the same request.
 */

export type ValueSpec =
  | { k: 'value'; v: unknown }
  | { k: 'getter'; v: unknown }
  | { k: 'throwing-getter' }
  | { k: 'inherited'; v: unknown }
  | { k: 'holey'; v: unknown[] };

export type Wrap = 'plain' | 'null-proto' | 'proxy' | 'throwing-proxy' | 'revoked-proxy' | 'array' | 'null' | 'string';

export interface RecordSpec {
  wrap: Wrap;
  attrs: [string, ValueSpec][];
}

export interface RequestSpec {
  subject: RecordSpec;
  permission: string | number;
  resource: RecordSpec | undefined;
  context: RecordSpec | undefined;
}

type AttrType = 'string' | 'number' | 'boolean' | 'string[]' | 'number[]';

function goodValue(type: AttrType): fc.Arbitrary<unknown> {
  switch (type) {
    case 'string':
      return fc.constantFrom(...STRINGS);
    case 'number':
      return fc.constantFrom(...NUMBERS);
    case 'boolean':
      return fc.boolean();
    case 'string[]':
      return fc.array(fc.constantFrom(...STRINGS), { maxLength: 3 });
    case 'number[]':
      return fc.array(fc.constantFrom(...NUMBERS), { maxLength: 3 });
  }
}

// Values of the wrong type, including the near misses: a list whose matching element is
// followed by a wrong one (the whole list must be checked), NaN and Infinity for numbers.
function badValue(type: AttrType): fc.Arbitrary<unknown> {
  const any = fc.constantFrom(null, undefined, 5, 'a', true, {}, [], 'x');
  if (type === 'string[]') return fc.oneof(any, fc.constantFrom(['a', 1], ['b', 'a', null], [0, 'b'], ['c', 'a', ['a']]));
  if (type === 'number[]') return fc.oneof(any, fc.constantFrom([0, 'b'], [1, 2, Number.NaN], [2, Number.POSITIVE_INFINITY], ['0']));
  if (type === 'number') return fc.oneof(any, fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -0, '1'));
  return any;
}

function valueSpec(type: AttrType): fc.Arbitrary<ValueSpec | undefined> {
  return fc.oneof(
    { weight: 12, arbitrary: goodValue(type).map((v): ValueSpec => ({ k: 'value', v })) },
    { weight: 4, arbitrary: badValue(type).map((v): ValueSpec => ({ k: 'value', v })) },
    { weight: 1, arbitrary: fc.constant<ValueSpec>({ k: 'value', v: null }) },
    { weight: 3, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: goodValue(type).map((v): ValueSpec => ({ k: 'getter', v })) },
    { weight: 1, arbitrary: fc.constant<ValueSpec>({ k: 'throwing-getter' }) },
    { weight: 1, arbitrary: goodValue(type).map((v): ValueSpec => ({ k: 'inherited', v })) },
    { weight: 1, arbitrary: fc.array(fc.constantFrom(...STRINGS, ...NUMBERS), { maxLength: 2 }).map((v): ValueSpec => ({ k: 'holey', v })) },
  );
}

const wrap: fc.Arbitrary<Wrap> = fc.oneof(
  { weight: 30, arbitrary: fc.constant<Wrap>('plain') },
  { weight: 2, arbitrary: fc.constant<Wrap>('null-proto') },
  { weight: 2, arbitrary: fc.constant<Wrap>('proxy') },
  { weight: 1, arbitrary: fc.constantFrom<Wrap>('throwing-proxy', 'revoked-proxy', 'array', 'null', 'string') },
);

function recordSpec(attrs: Record<string, AttrType>, fixed: fc.Arbitrary<[string, ValueSpec][]>): fc.Arbitrary<RecordSpec> {
  const entries = Object.entries(attrs).map(([name, type]) => valueSpec(type).map((v) => (v === undefined ? [] : [[name, v] as [string, ValueSpec]])));
  return fc.record({ wrap, fixed, rest: fc.tuple(...entries) }).map(({ wrap, fixed, rest }) => ({ wrap, attrs: [...fixed, ...rest.flat()] }));
}

/** Requests for a project: mostly its own sets, permissions and resource types. */
export function randomRequest(project: RandomProject): fc.Arbitrary<RequestSpec> {
  const permission = fc.oneof(
    { weight: 12, arbitrary: fc.constantFrom(...project.permissions) },
    { weight: 1, arbitrary: fc.constantFrom<RandomProject['permissions'][number]>({ id: 'nope.view' }, { id: 'toString' }, { id: '__proto__' }) },
  );
  const setValue = fc.oneof(
    { weight: 12, arbitrary: fc.constantFrom(...project.sets).map((v): ValueSpec => ({ k: 'value', v })) },
    { weight: 1, arbitrary: fc.constantFrom('nope', '__proto__', 'constructor', 'hasOwnProperty').map((v): ValueSpec => ({ k: 'value', v })) },
    { weight: 1, arbitrary: fc.constantFrom(...project.sets).map((v): ValueSpec => ({ k: 'inherited', v })) },
    { weight: 1, arbitrary: fc.constantFrom(...project.sets).map((v): ValueSpec => ({ k: 'getter', v })) },
    { weight: 1, arbitrary: fc.constant<ValueSpec>({ k: 'throwing-getter' }) },
  );
  return permission.chain((perm) => {
    const types = Object.keys(RESOURCES);
    const type = fc.oneof(
      { weight: 10, arbitrary: fc.constant(perm.resource ?? types[0]!) },
      { weight: 1, arbitrary: fc.constantFrom(...types) },
    );
    const resource = type.chain((t) =>
      recordSpec(
        RESOURCES[t]! as Record<string, AttrType>,
        fc.oneof(
          { weight: 10, arbitrary: fc.constant<[string, ValueSpec][]>([['type', { k: 'value', v: t }]]) },
          { weight: 1, arbitrary: fc.constantFrom<[string, ValueSpec][]>([], [['type', { k: 'inherited', v: t }]], [['type', { k: 'getter', v: t }]], [['type', { k: 'value', v: 5 }]]) },
        ),
      ),
    );
    return fc.record({
      subject: recordSpec(SUBJECT as Record<string, AttrType>, setValue.map((v) => [['set', v]] as [string, ValueSpec][])),
      permission: fc.oneof({ weight: 20, arbitrary: fc.constant(perm.id) }, { weight: 1, arbitrary: fc.constant(42) }),
      resource: fc.option(resource, { nil: undefined, freq: 12 }),
      context: fc.option(recordSpec(CONTEXT as Record<string, AttrType>, fc.constant([])), { nil: undefined, freq: 6 }),
    });
  });
}

/** A subject of set `set`, a `doc` resource and a context, all with random (hostile) attributes. */
export function docRequest(set: string): fc.Arbitrary<RequestSpec> {
  return fc.record({
    subject: recordSpec(SUBJECT as Record<string, AttrType>, fc.constant<[string, ValueSpec][]>([['set', { k: 'value', v: set }]])),
    permission: fc.constant('docs.view'),
    resource: recordSpec(RESOURCES['doc']! as Record<string, AttrType>, fc.constant<[string, ValueSpec][]>([['type', { k: 'value', v: 'doc' }]])),
    context: fc.option(recordSpec(CONTEXT as Record<string, AttrType>, fc.constant([])), { nil: undefined, freq: 6 }),
  });
}

/** The real objects of a request spec (fresh each call). */
export function materialize(spec: RecordSpec | undefined): unknown {
  if (spec === undefined) return undefined;
  if (spec.wrap === 'null') return null;
  if (spec.wrap === 'string') return 'not an object';
  const proto: Record<string, unknown> = {};
  const target: Record<string, unknown> = spec.wrap === 'null-proto' ? Object.create(null) : spec.wrap === 'array' ? ([] as unknown as Record<string, unknown>) : Object.create(proto);
  for (const [name, v] of spec.attrs) {
    switch (v.k) {
      case 'value':
        Object.defineProperty(target, name, { value: v.v, enumerable: true, writable: true, configurable: true });
        break;
      case 'getter':
        Object.defineProperty(target, name, { get: () => v.v, enumerable: true, configurable: true });
        break;
      case 'throwing-getter':
        Object.defineProperty(target, name, {
          get: () => {
            throw new Error(`getter ${name}`);
          },
          enumerable: true,
          configurable: true,
        });
        break;
      case 'inherited':
        proto[name] = v.v;
        break;
      case 'holey': {
        const list: unknown[] = [];
        v.v.forEach((x, i) => (list[i + 1] = x));
        target[name] = list;
        break;
      }
    }
  }
  switch (spec.wrap) {
    case 'proxy':
      return new Proxy(target, {});
    case 'throwing-proxy':
      return new Proxy(target, {
        getOwnPropertyDescriptor() {
          throw new Error('trap');
        },
        get() {
          throw new Error('trap');
        },
        has() {
          throw new Error('trap');
        },
      });
    case 'revoked-proxy': {
      const { proxy, revoke } = Proxy.revocable(target, {});
      revoke();
      return proxy;
    }
    default:
      return target;
  }
}
