import {
  requestGenerator,
  type RecordSpec,
  type RequestVocabulary,
  type ValueSpec,
} from '../evaluator/random-request.js';
import { CEDAR_VOCABULARY } from './random-cedar-project.js';

/*
 * Random requests for the Cedar differential tests: the generator of
 * test/compiler/emit/evaluator/random-request.ts over the Cedar project vocabulary, as printable specs
 * that its `materialize` turns into real, possibly hostile objects
 * (getters, throwing getters, inherited values, holes, proxies that throw or are revoked, arrays,
 * null and strings where records belong). Values are the hostile strings and numbers of the
 * project generator, wrong types, NaN and Infinity, and, with `unrepresentable`, values Cedar
 * cannot hold: non-integers, numbers beyond ±(2^53 − 1), strings with a lone surrogate.
 */

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Numbers and strings that only permset can hold (see exportCedar's contract). */
export const UNREPRESENTABLE: unknown[] = [1.5, -0.5, 2 ** 53, -(2 ** 60), 1e300, 'lone \ud800 surrogate', '\udc00'];

/** The Cedar suites' request vocabulary. */
export const CEDAR_REQUESTS: RequestVocabulary = {
  ...CEDAR_VOCABULARY,
  wrongStringLists: [
    ['a', 1],
    ['b', 'a', null],
    [0, 'b'],
    ['*/', 'a', ['a']],
  ],
  unknownSets: ['nope', '__proto__', 'constructor', 'hasOwnProperty', 's0\ud800'],
  throwingType: true,
  unrepresentable: UNREPRESENTABLE,
};

export const { randomRequest, docRequest } = requestGenerator(CEDAR_REQUESTS);

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
      if (name === 'set' || name === 'type' || (v.k !== 'value' && v.k !== 'getter' && v.k !== 'inherited'))
        return [name, v];
      return [name, { ...v, v: fix(v.v) }];
    }),
  };
}
