import { describe, expect, it } from 'vitest';
import {
  BoundedCache,
  checkCondition,
  checkConditionText,
  newConditionParseCache,
} from '../../../packages/compiler/src/conditions/index.js';
import { DiagnosticSeverity, type Problem } from '../../../packages/compiler/src/diagnostics/index.js';
import { attrs, budgetEnv, valueScalars } from './helpers.js';

const URI = 'policies/sets/x.yaml';

/** Checks the first value scalar of `yaml` as a condition. */
function check(yaml: string, env = budgetEnv()) {
  const { scalars, errors } = valueScalars(yaml);
  expect(errors).toEqual([]);
  return checkCondition(URI, yaml, scalars[0]!, env);
}

/** Problems as `{ code, span, at }`, `at` being the file text underlined. */
function located(yaml: string, problems: Problem[]) {
  return problems.map((p) => ({ code: p.code, span: [...p.span], at: yaml.slice(p.span[0], p.span[1]) }));
}

/** One condition per YAML scalar style; the spans are file offsets. */
const FILE_CASES: {
  name: string;
  yaml: string;
  expected: { code: string; span: [number, number]; at: string }[];
  fix: boolean;
}[] = [
  {
    name: 'plain',
    yaml: 'when: resource.ownr == subject.id\n',
    expected: [{ code: 'expr-unknown-attribute', span: [15, 19], at: 'ownr' }],
    fix: true,
  },
  {
    name: 'single-quoted',
    yaml: "when: 'resource.ownr == ''x'''\n",
    expected: [{ code: 'expr-unknown-attribute', span: [16, 20], at: 'ownr' }],
    fix: true,
  },
  {
    name: 'double-quoted, escape inside the name',
    yaml: 'when: "resource.o\\x77nr == subject.id"\n',
    expected: [{ code: 'expr-unknown-attribute', span: [16, 23], at: 'o\\x77nr' }],
    fix: false,
  },
  {
    name: 'double-quoted, escape elsewhere',
    yaml: 'when: "subject.id == \\"a\\" and resource.ownr == \'b\'"\n',
    expected: [{ code: 'expr-unknown-attribute', span: [40, 44], at: 'ownr' }],
    fix: true,
  },
  {
    name: 'plain over two lines',
    yaml: 'when: resource.owner == subject.id and\n  resource.ownr\n',
    expected: [{ code: 'expr-unknown-attribute', span: [50, 54], at: 'ownr' }],
    fix: true,
  },
  {
    name: 'literal block',
    yaml: 'when: |\n  resource.ownr ==\n    subject.id\n',
    expected: [{ code: 'expr-unknown-attribute', span: [19, 23], at: 'ownr' }],
    fix: true,
  },
  {
    name: 'folded block',
    yaml: 'when: >-\n  resource.client_access and\n  subject.can_access_budget\n',
    expected: [{ code: 'expr-unknown-attribute', span: [48, 65], at: 'can_access_budget' }],
    fix: true,
  },
  {
    name: 'type error across a fold',
    yaml: 'when: "resource.owner\n  and true"\n',
    expected: [{ code: 'expr-type', span: [7, 21], at: 'resource.owner' }],
    fix: false,
  },
  {
    name: 'operator in a nested mapping',
    yaml: 'a:\n  when: resource.owner == 1\n',
    expected: [{ code: 'expr-type', span: [26, 28], at: '==' }],
    fix: false,
  },
  {
    name: 'syntax error through an escape',
    yaml: 'when: "a \\x26 b"\n',
    expected: [{ code: 'expr-syntax', span: [9, 13], at: '\\x26' }],
    fix: false,
  },
  {
    name: 'syntax error at the end of a block lands after the last character',
    yaml: 'when: |\n  resource.owner ==\n',
    expected: [{ code: 'expr-syntax', span: [27, 27], at: '' }],
    fix: false,
  },
  {
    name: 'syntax error at the end of a plain scalar',
    yaml: 'when: a and\nz: 1\n',
    expected: [{ code: 'expr-syntax', span: [11, 11], at: '' }],
    fix: false,
  },
  {
    name: 'empty quoted condition covers the scalar',
    yaml: "when: ''\n",
    expected: [{ code: 'expr-syntax', span: [6, 8], at: "''" }],
    fix: false,
  },
  {
    name: 'blank block condition covers the scalar',
    yaml: 'when: |\n\nz: 1\n',
    expected: [{ code: 'expr-syntax', span: [6, 9], at: '|\n\n' }],
    fix: false,
  },
  {
    name: 'syntax errors stop type checking',
    yaml: 'when: user.x ==\n',
    expected: [{ code: 'expr-syntax', span: [15, 15], at: '' }],
    fix: false,
  },
  {
    name: 'a number is not a condition',
    yaml: 'when: 12\n',
    expected: [{ code: 'expr-type', span: [6, 8], at: '12' }],
    fix: false,
  },
];

describe('checkCondition: spans in the file', () => {
  it.each(FILE_CASES)('$name', ({ yaml, expected, fix }) => {
    const { problems } = check(yaml);
    expect(located(yaml, problems)).toEqual(expected);
    const fixes = problems.flatMap((p) => p.fixes ?? []);
    expect(fixes.length > 0).toBe(fix);
  });

  it('accepts a boolean scalar as written', () => {
    expect(check('when: true\n')).toMatchObject({ problems: [], ast: { kind: 'literal', value: true } });
  });

  it('returns no AST after a syntax error, and the AST despite type errors', () => {
    expect(check('when: a and\n').ast).toBeUndefined();
    expect(check('when: resource.owner == 1\n').ast).toMatchObject({ kind: 'compare' });
  });
});

describe('checkCondition: problems and fixes', () => {
  it('builds problems with the code table severity and the uri', () => {
    const [problem] = check('when: resource.ownr == subject.id\n').problems;
    expect(problem).toMatchObject({ uri: URI, severity: DiagnosticSeverity.Error, code: 'expr-unknown-attribute' });
    expect(problem!.message).toBe("Resource type 'budget' has no attribute 'ownr'. Did you mean 'owner'?");
  });

  it('offers one preferred fix for a single suggestion, replacing exactly the name', () => {
    const yaml = "when: 'resource.ownr == ''x'''\n";
    const [problem] = check(yaml).problems;
    expect(problem!.fixes).toEqual([
      { title: "Replace with 'owner'", isPreferred: true, edits: [{ uri: URI, span: [16, 20], newText: 'owner' }] },
    ]);
    const fixed = yaml.slice(0, 16) + 'owner' + yaml.slice(20);
    expect(check(fixed).problems).toEqual([]);
  });

  it('offers a fix per suggestion, none preferred, when several fit', () => {
    const env = budgetEnv({ subject: attrs({ abc: 'boolean', abd: 'boolean' }) });
    const [problem] = check('when: subject.abx\n', env).problems;
    expect(problem!.fixes!.map((f) => [f.title, f.isPreferred])).toEqual([
      ["Replace with 'abc'", undefined],
      ["Replace with 'abd'", undefined],
    ]);
  });

  it('replaces a bare attribute with its qualified path', () => {
    const yaml = 'when: owner == subject.id\n';
    const [problem] = check(yaml).problems;
    expect(problem!.fixes![0]!.edits).toEqual([{ uri: URI, span: [6, 11], newText: 'resource.owner' }]);
  });
});

describe('parse cache', () => {
  it('parses each distinct text once and shares the AST', () => {
    const cache = newConditionParseCache();
    const text = 'resource.owner == subject.id and true';
    const first = checkConditionText(text, budgetEnv(), cache).ast;
    const second = checkConditionText(text, budgetEnv({ resourceTypeName: 'other' }), cache).ast;
    expect(second).toBe(first);
    expect(cache.capacity).toBe(5000);
    expect(cache.size).toBe(1);
  });

  it("is the caller's: without one every call parses afresh, and two caches share nothing", () => {
    const text = 'resource.owner == subject.id';
    expect(checkConditionText(text, budgetEnv()).ast).not.toBe(checkConditionText(text, budgetEnv()).ast);
    const [a, b] = [newConditionParseCache(), newConditionParseCache()];
    expect(checkConditionText(text, budgetEnv(), a).ast).not.toBe(checkConditionText(text, budgetEnv(), b).ast);
    expect([a.size, b.size]).toEqual([1, 1]);
  });

  it('is bounded and evicts the least recently used entry', () => {
    const cache = new BoundedCache<string, number>(2);
    let computed = 0;
    const get = (k: string) => cache.get(k, () => ++computed);
    get('a');
    get('b');
    get('a'); // 'a' is now the most recent
    get('c'); // evicts 'b'
    expect(cache.size).toBe(2);
    expect([get('a'), computed]).toEqual([1, 3]);
    expect([get('b'), computed]).toEqual([4, 4]);
  });

  it('does not cache over-long texts', () => {
    const cache = newConditionParseCache();
    checkConditionText('x'.repeat(20_000), budgetEnv(), cache);
    expect(cache.size).toBe(0);
  });
});
