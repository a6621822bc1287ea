import { describe, expect, it } from 'vitest';
import {
  dedupeScopes,
  describeScopes,
  isPattern,
  patternMatcher,
  patternSpecificity,
  sameDecision,
  sameScopes,
  type EffectiveScope,
  type GrantSource,
  type LayerDecision,
} from '../../packages/compiler/src/resolve/index.js';
import type { ConditionSource } from '../../packages/compiler/src/entities/index.js';

const when = (text: string) => ({ text }) as ConditionSource;
const scope = (s: string, w?: string): EffectiveScope => ({ scope: s, when: w === undefined ? undefined : when(w) });
const source = {} as GrantSource;
const grant = (...scopes: EffectiveScope[]): LayerDecision => ({
  kind: 'grant',
  grant: { permission: 'p', scopes, source },
});
const remove: LayerDecision = { kind: 'remove', source };

describe('permission patterns', () => {
  it('a pattern has a whole `*` segment', () => {
    expect([isPattern('a.*'), isPattern('*'), isPattern('a.b'), isPattern('a*.b'), isPattern('a.b*')]).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
  });

  it('`*` matches one or more whole segments, anywhere', () => {
    const m = patternMatcher('invoices.*');
    expect(['invoices.view', 'invoices.view.all', 'invoices', 'invoicesx.view', 'x.invoices.view'].map(m)).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
    const lead = patternMatcher('*.view');
    expect(['contacts.view', 'a.b.view', 'view', 'contacts.viewer', 'contacts.view.all'].map(lead)).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
    const mid = patternMatcher('a.*.c');
    expect(['a.b.c', 'a.b.x.c', 'a.c', 'a.b.c.d'].map(mid)).toEqual([true, true, false, false]);
  });

  it('literal segments match literally, regex characters included', () => {
    const m = patternMatcher('a+b.*');
    expect(['a+b.x', 'aab.x', 'ab.x'].map(m)).toEqual([true, false, false]);
    expect(['a(b).x', 'ab.x'].map(patternMatcher('a(b).*'))).toEqual([true, false]);
    expect(['a$.x', 'a.x'].map(patternMatcher('a$.*'))).toEqual([true, false]);
    expect(['a\\b.x', 'ab.x'].map(patternMatcher('a\\b.*'))).toEqual([true, false]);
    expect(['a?.x', 'a.x', '.x'].map(patternMatcher('a?.*'))).toEqual([true, false, false]);
    expect(['a[b].x', 'ab.x', 'b.x'].map(patternMatcher('a[b].*'))).toEqual([true, false, false]);
    // A dot inside a literal segment is a separator, never "any character".
    expect(['axb.c', 'a.bxc', 'a.b.c'].map(patternMatcher('a.b.*'))).toEqual([false, false, true]);
  });

  it('a plain id matches only itself', () => {
    const m = patternMatcher('a.b');
    expect(['a.b', 'a.bc', 'xa.b', 'a'].map(m)).toEqual([true, false, false, false]);
  });

  it('specificity counts literal segments', () => {
    expect([
      patternSpecificity('*'),
      patternSpecificity('a.*'),
      patternSpecificity('a.b.*'),
      patternSpecificity('*.b.*'),
      patternSpecificity('a.b'),
    ]).toEqual([0, 1, 2, 1, 2]);
  });
});

describe('effective scopes', () => {
  it('sameScopes ignores order and compares conditions by trimmed text', () => {
    expect(sameScopes([scope('a'), scope('b')], [scope('b'), scope('a')])).toBe(true);
    expect(sameScopes([scope('a', ' x ')], [scope('a', 'x')])).toBe(true);
    expect(sameScopes([scope('a', 'x')], [scope('a')])).toBe(false);
    expect(sameScopes([scope('a')], [scope('a', 'x')])).toBe(false);
    expect(sameScopes([scope('a')], [scope('b')])).toBe(false);
    expect(sameScopes([scope('a')], [scope('a'), scope('b')])).toBe(false);
    expect(sameScopes([scope('a'), scope('a')], [scope('a'), scope('b')])).toBe(true); // lengths equal, every a in b
    expect(sameScopes([scope('a'), scope('b')], [scope('a'), scope('a')])).toBe(false);
    expect(sameScopes([], [])).toBe(true);
  });

  it('sameDecision: removals equal removals; grants compare scopes', () => {
    expect(sameDecision(remove, remove)).toBe(true);
    expect(sameDecision(remove, grant(scope('a')))).toBe(false);
    expect(sameDecision(grant(scope('a')), remove)).toBe(false);
    expect(sameDecision(grant(scope('a')), grant(scope('a')))).toBe(true);
    expect(sameDecision(grant(scope('a')), grant(scope('b')))).toBe(false);
  });

  it('describeScopes words a decision', () => {
    expect(describeScopes(undefined)).toBe('none');
    expect(describeScopes([])).toBe('none');
    expect(describeScopes([scope('own'), scope('member', '  subject.x  ')])).toBe('own, member (when subject.x)');
  });

  it('dedupeScopes drops exact duplicates only, keeping the first', () => {
    const a = scope('a', ' c ');
    const out = dedupeScopes([a, scope('a', 'c'), scope('a'), scope('b'), scope('a')]);
    expect(out.map((s) => [s.scope, s.when?.text])).toEqual([
      ['a', ' c '],
      ['a', undefined],
      ['b', undefined],
    ]);
    expect(out[0]).toBe(a);
  });
});
