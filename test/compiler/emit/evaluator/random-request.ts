import fc from 'fast-check';
import {
  EVALUATOR_VOCABULARY,
  type AttrType,
  type Attrs,
  type RandomProject,
  type Vocabulary,
} from './random-project.js';

/*
 * Random requests as plain, printable data (so fast-check can show and shrink them), turned
 * into real, possibly hostile objects by `materialize`: own, inherited and getter-backed
 * attributes, throwing getters, holes in lists, wrong types, NaN/Infinity, null-prototype
 * objects, transparent, throwing and revoked proxies, arrays and primitives where records are
 * expected. Getters are stateless, so every evaluator sees the same request.
 *
 * Like the project generator, one generator serves several suites, each binding its own
 * `RequestVocabulary` with `requestGenerator`; this file's own is the evaluator's.
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

/** The pools of a request generator: a project vocabulary's schemas and values, and hostile extras. */
export interface RequestVocabulary extends Pick<
  Vocabulary,
  'subject' | 'context' | 'resources' | 'strings' | 'numbers'
> {
  /** `string[]` values with a wrong element, some after a matching one (the whole list must be checked). */
  wrongStringLists: unknown[][];
  /** `subject.set` values that name no set. */
  unknownSets: string[];
  /** Whether `resource.type` may be a throwing getter. */
  throwingType: boolean;
  /** Values an export target cannot hold, mixed into attribute values only when asked. */
  unrepresentable: unknown[];
}

/** The generators of one vocabulary; `unrepresentable` adds the vocabulary's unrepresentable values. */
export interface RequestGenerator {
  /** Requests for a project: mostly its own sets, permissions and resource types. */
  randomRequest(project: RandomProject, unrepresentable?: boolean): fc.Arbitrary<RequestSpec>;
  /** A subject of set `set`, a `doc` resource and a context, all with random (hostile) attributes. */
  docRequest(set: string, unrepresentable?: boolean): fc.Arbitrary<RequestSpec>;
}

const wrap: fc.Arbitrary<Wrap> = fc.oneof(
  { weight: 30, arbitrary: fc.constant<Wrap>('plain') },
  { weight: 2, arbitrary: fc.constant<Wrap>('null-proto') },
  { weight: 2, arbitrary: fc.constant<Wrap>('proxy') },
  { weight: 1, arbitrary: fc.constantFrom<Wrap>('throwing-proxy', 'revoked-proxy', 'array', 'null', 'string') },
);

/** Binds the generators to vocabulary `v`. */
export function requestGenerator(v: RequestVocabulary): RequestGenerator {
  function goodValue(type: AttrType, unrepresentable: boolean): fc.Arbitrary<unknown> {
    const extra = unrepresentable ? v.unrepresentable : [];
    const str = fc.constantFrom(...v.strings, ...extra.filter((x) => typeof x === 'string'));
    const num = fc.constantFrom(...v.numbers, ...extra.filter((x) => typeof x === 'number'));
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

  // Values of the wrong type, including the near misses: a list whose matching element is
  // followed by a wrong one (the whole list must be checked), NaN and Infinity for numbers.
  function badValue(type: AttrType): fc.Arbitrary<unknown> {
    const any = fc.constantFrom(null, undefined, 5, 'a', true, {}, [], 'x');
    if (type === 'string[]') return fc.oneof(any, fc.constantFrom(...v.wrongStringLists));
    if (type === 'number[]')
      return fc.oneof(any, fc.constantFrom([0, 'b'], [1, 2, Number.NaN], [2, Number.POSITIVE_INFINITY], ['0']));
    if (type === 'number') return fc.oneof(any, fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -0, '1'));
    return any;
  }

  function valueSpec(type: AttrType, unrepresentable: boolean): fc.Arbitrary<ValueSpec | undefined> {
    return fc.oneof(
      { weight: 12, arbitrary: goodValue(type, unrepresentable).map((x): ValueSpec => ({ k: 'value', v: x })) },
      { weight: 4, arbitrary: badValue(type).map((x): ValueSpec => ({ k: 'value', v: x })) },
      { weight: 1, arbitrary: fc.constant<ValueSpec>({ k: 'value', v: null }) },
      { weight: 3, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: goodValue(type, unrepresentable).map((x): ValueSpec => ({ k: 'getter', v: x })) },
      { weight: 1, arbitrary: fc.constant<ValueSpec>({ k: 'throwing-getter' }) },
      { weight: 1, arbitrary: goodValue(type, unrepresentable).map((x): ValueSpec => ({ k: 'inherited', v: x })) },
      {
        weight: 1,
        arbitrary: fc
          .array(fc.constantFrom(...v.strings, ...v.numbers), { maxLength: 2 })
          .map((x): ValueSpec => ({ k: 'holey', v: x })),
      },
    );
  }

  function recordSpec(
    attrs: Attrs,
    fixed: fc.Arbitrary<[string, ValueSpec][]>,
    unrepresentable: boolean,
  ): fc.Arbitrary<RecordSpec> {
    const entries = Object.entries(attrs).map(([name, type]) =>
      valueSpec(type, unrepresentable).map((x) => (x === undefined ? [] : [[name, x] as [string, ValueSpec]])),
    );
    return fc
      .record({ wrap, fixed, rest: fc.tuple(...entries) })
      .map(({ wrap, fixed, rest }) => ({ wrap, attrs: [...fixed, ...rest.flat()] }));
  }

  function randomRequest(project: RandomProject, unrepresentable = false): fc.Arbitrary<RequestSpec> {
    const permission = fc.oneof(
      { weight: 12, arbitrary: fc.constantFrom(...project.permissions) },
      {
        weight: 1,
        arbitrary: fc.constantFrom<RandomProject['permissions'][number]>(
          { id: 'nope.view' },
          { id: 'toString' },
          { id: '__proto__' },
        ),
      },
    );
    const setValue = fc.oneof(
      { weight: 12, arbitrary: fc.constantFrom(...project.sets).map((x): ValueSpec => ({ k: 'value', v: x })) },
      { weight: 1, arbitrary: fc.constantFrom(...v.unknownSets).map((x): ValueSpec => ({ k: 'value', v: x })) },
      { weight: 1, arbitrary: fc.constantFrom(...project.sets).map((x): ValueSpec => ({ k: 'inherited', v: x })) },
      { weight: 1, arbitrary: fc.constantFrom(...project.sets).map((x): ValueSpec => ({ k: 'getter', v: x })) },
      { weight: 1, arbitrary: fc.constant<ValueSpec>({ k: 'throwing-getter' }) },
    );
    return permission.chain((perm) => {
      const types = Object.keys(v.resources);
      const type = fc.oneof(
        { weight: 10, arbitrary: fc.constant(perm.resource ?? types[0]!) },
        { weight: 1, arbitrary: fc.constantFrom(...types) },
      );
      const resource = type.chain((t) => {
        const odd: [string, ValueSpec][][] = [
          [],
          [['type', { k: 'inherited', v: t }]],
          [['type', { k: 'getter', v: t }]],
          [['type', { k: 'value', v: 5 }]],
        ];
        if (v.throwingType) odd.push([['type', { k: 'throwing-getter' }]]);
        return recordSpec(
          v.resources[t]!,
          fc.oneof(
            { weight: 10, arbitrary: fc.constant<[string, ValueSpec][]>([['type', { k: 'value', v: t }]]) },
            { weight: 1, arbitrary: fc.constantFrom(...odd) },
          ),
          unrepresentable,
        );
      });
      return fc.record({
        subject: recordSpec(
          v.subject,
          setValue.map((x) => [['set', x]] as [string, ValueSpec][]),
          unrepresentable,
        ),
        permission: fc.oneof(
          { weight: 20, arbitrary: fc.constant<string | number>(perm.id) },
          { weight: 1, arbitrary: fc.constant<string | number>(42) },
        ),
        resource: fc.option(resource, { nil: undefined, freq: 12 }),
        context: fc.option(recordSpec(v.context, fc.constant([]), unrepresentable), { nil: undefined, freq: 6 }),
      });
    });
  }

  function docRequest(set: string, unrepresentable = false): fc.Arbitrary<RequestSpec> {
    return fc.record({
      subject: recordSpec(
        v.subject,
        fc.constant<[string, ValueSpec][]>([['set', { k: 'value', v: set }]]),
        unrepresentable,
      ),
      permission: fc.constant<string | number>('docs.view'),
      resource: recordSpec(
        v.resources['doc']!,
        fc.constant<[string, ValueSpec][]>([['type', { k: 'value', v: 'doc' }]]),
        unrepresentable,
      ),
      context: fc.option(recordSpec(v.context, fc.constant([]), unrepresentable), { nil: undefined, freq: 6 }),
    });
  }

  return { randomRequest, docRequest };
}

/** The evaluator suites' request vocabulary. */
export const EVALUATOR_REQUESTS: RequestVocabulary = {
  ...EVALUATOR_VOCABULARY,
  wrongStringLists: [
    ['a', 1],
    ['b', 'a', null],
    [0, 'b'],
    ['c', 'a', ['a']],
  ],
  unknownSets: ['nope', '__proto__', 'constructor', 'hasOwnProperty'],
  throwingType: false,
  unrepresentable: [],
};

export const { randomRequest, docRequest } = requestGenerator(EVALUATOR_REQUESTS);

/** The real objects of a request spec (fresh each call). */
export function materialize(spec: RecordSpec | undefined): unknown {
  if (spec === undefined) return undefined;
  if (spec.wrap === 'null') return null;
  if (spec.wrap === 'string') return 'not an object';
  const proto: Record<string, unknown> = {};
  const target: Record<string, unknown> =
    spec.wrap === 'null-proto'
      ? Object.create(null)
      : spec.wrap === 'array'
        ? ([] as unknown as Record<string, unknown>)
        : Object.create(proto);
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
