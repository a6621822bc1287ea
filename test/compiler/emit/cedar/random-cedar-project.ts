import { projectGenerator, type Attrs, type Vocabulary } from '../evaluator/random-project.js';

/*
 * Random permset projects for the Cedar differential tests: the generator of
 * test/compiler/emit/evaluator/random-project.ts over a vocabulary that stresses an export to another
 * language:
 *
 * - names that are Cedar keywords or JavaScript traps: a resource type `in`, attributes `if`,
 *   `like`, `has`, `in`, `__proto__`;
 * - string literals with quotes, backslashes, `*\/`, newlines, non-ASCII, an astral character
 *   and a lone surrogate; number literals that Cedar's integers do not hold (1.5, 2^53 + 2,
 *   1e300);
 * - labels and set names with quotes, newlines, `*\/`, zero-width and NUL characters, `</script>`;
 * - every operator, including booleans compared and tested `in` lists (`booleanAlgebra`).
 */

export type { AttrType, Attrs, Pools, RandomProject } from '../evaluator/random-project.js';

export const SUBJECT: Attrs = {
  id: 'string',
  dept: 'string',
  level: 'number',
  admin: 'boolean',
  teams: 'string[]',
  scores: 'number[]',
  if: 'string',
};
export const CONTEXT: Attrs = { plan: 'string', hour: 'number', trusted: 'boolean', in: 'boolean' };
export const RESOURCES: Record<string, Attrs> = {
  doc: { owner: 'string', members: 'string[]', level: 'number', open: 'boolean', dept: 'string', like: 'number' },
  // A computed key: `__proto__: …` in a literal would set the prototype instead.
  in: Object.fromEntries([
    ['owner', 'string'],
    ['tags', 'string[]'],
    ['level', 'number'],
    ['scores', 'number[]'],
    ['__proto__', 'string'],
    ['has', 'boolean'],
  ]) as Attrs,
  note: { dept: 'string', open: 'boolean' },
};

/**
 * Attribute values of requests (and, as literals, of conditions): small pools so equalities
 * often hold, with the hostile strings in them. Every value here is one Cedar represents.
 */
export const STRINGS = ['a', 'b', "it's", 'q"uote', 'back\\slash', '*/', 'new\nline', 'é', '😀'];
export const NUMBERS = [0, 1, 2, -1];

/** The Cedar suites' vocabulary; condition literals are the pools above plus ones Cedar cannot hold. */
export const CEDAR_VOCABULARY: Vocabulary = {
  subject: SUBJECT,
  context: CONTEXT,
  resources: RESOURCES,
  areas: [
    { id: 'docs', resource: 'doc' },
    { id: 'ins', resource: 'in' },
    { id: 'notes', resource: 'note' },
    { id: 'misc' },
  ],
  strings: STRINGS,
  numbers: NUMBERS,
  stringLiterals: [
    "'a'",
    "'b'",
    "'it\\'s'",
    '"q\\"uote"',
    "'back\\\\slash'",
    "'*/'",
    "'new\\nline'",
    "'\\u00e9'",
    "'\\uD83D\\uDE00'",
    "'\\uD800'",
    "'zz'",
  ],
  numberLiterals: [
    '0',
    '1',
    '2',
    '-1',
    '1.5',
    '-0.5',
    '9007199254740994',
    '100000000000000000000000',
    '-100000000000000000000000',
  ],
  stringLists: ["['a', 'b']", '[]', "['*/', '\\uD800']", "['it\\'s']"],
  numberLists: ['[0, 2]', '[]', '[1.5, -1]', '[100000000000000000000000]'],
  labels: [
    'Plain',
    'Quote \' and " and \\',
    'New\nline */ end',
    'Zero\u200bwidth \u0000 nul',
    '</script><script>globalThis.__pwned=1</script>',
    'Uni é 😀 \u2028 sep',
  ],
  labelResources: true,
  booleanAlgebra: true,
};

export const { pools, condition, randomProject } = projectGenerator(CEDAR_VOCABULARY);
