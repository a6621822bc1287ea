import { describe, expect, it } from 'vitest';
import {
  E,
  MAX_LIST,
  hasA,
  inN,
  inS,
  isType,
  rb,
  rec,
  rn,
  rs,
} from '../../../../packages/compiler/src/runtime/evaluator/values.js';

describe('runtime/evaluator/values: what a condition may read', () => {
  it('reads own properties of the declared type, and nothing else', () => {
    const o = { s: 'x', n: 2, b: false, nul: null };
    expect([rs(o, 's'), rn(o, 'n'), rb(o, 'b')]).toEqual(['x', 2, false]);
    expect([rs(o, 'n'), rn(o, 's'), rb(o, 'n'), rs(o, 'nul'), rs(undefined, 's')]).toEqual([E, E, E, E, E]);
    expect(rs(o, 'toString')).toBe(E);
    expect(rs(Object.create({ s: 'inherited' }), 's')).toBe(E);
  });

  it('refuses numbers that are not finite', () => {
    expect([rn({ n: NaN }, 'n'), rn({ n: Infinity }, 'n'), rn({ n: -0 }, 'n')]).toEqual([E, E, -0]);
  });

  it('has(): present unless missing, undefined or null', () => {
    expect([
      hasA({ a: 0 }, 'a'),
      hasA({ a: null }, 'a'),
      hasA({ a: undefined }, 'a'),
      hasA({}, 'a'),
      hasA(undefined, 'a'),
    ]).toEqual([true, false, false, false, false]);
  });

  it('in: every element must be an own element of the declared type, and an error propagates', () => {
    expect(inS('a', { l: ['b', 'a'] }, 'l')).toBe(true);
    expect(inS('c', { l: ['b', 'a'] }, 'l')).toBe(false);
    expect(inS('a', { l: ['a', 1] }, 'l')).toBe(E);
    // eslint-disable-next-line no-sparse-arrays
    expect(inS('a', { l: ['a', , 'b'] }, 'l')).toBe(E);
    expect(inS(E, { l: ['a'] }, 'l')).toBe(E);
    expect(inN(1, { l: [2, 1] }, 'l')).toBe(true);
    expect(inN(1, { l: [1, NaN] }, 'l')).toBe(E);
    expect(inN(1, { l: 'not a list' }, 'l')).toBe(E);
  });

  it('in: a list longer than MAX_LIST is an error, without reading its elements', () => {
    const huge = new Proxy([], {
      get: (target, key) => (key === 'length' ? MAX_LIST + 1 : Reflect.get(target, key)),
    });
    expect(inS('a', { l: huge }, 'l')).toBe(E);
  });

  it('isType and rec: plain objects only', () => {
    expect([
      isType({ type: 'budget' }, 'budget'),
      isType({ type: 'budget' }, 'deal'),
      isType(Object.create({ type: 'budget' }), 'budget'),
      isType(['budget'], 'budget'),
    ]).toEqual([true, false, false, false]);
    expect([rec({}), rec([]), rec(null), rec('x')]).toEqual([true, false, false, false]);
  });
});
