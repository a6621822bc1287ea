import fc from 'fast-check';

/*
 * Random well-typed conditions over a fixed attribute schema, and the YAML scalar styles they
 * are written in. Attribute names have ONE type across subject, context and every resource type,
 * so "the attribute is declared for this resource type" is the only way a well-typed condition
 * can fail to type-check for a permission (the reference interpreter relies on that).
 */

/** Attribute types of the language. */
export type AttrType = 'string' | 'number' | 'boolean' | 'string[]';

/** Declared attributes of the catalog (besides the built-in `subject.id`, `subject.set`, `resource.type`). */
export const SUBJECT: Record<string, AttrType> = {
  dept: 'string',
  level: 'number',
  admin: 'boolean',
  teams: 'string[]',
};
export const CONTEXT: Record<string, AttrType> = { plan: 'string', hour: 'number' };
export const RESOURCES: Record<string, Record<string, AttrType>> = {
  doc: { owner: 'string', members: 'string[]', level: 'number', open: 'boolean', dept: 'string' },
  note: { owner: 'string', dept: 'string' },
};

/** Request values and condition literals: small pools, so equalities often hold. */
export const STRINGS = ['a', 'b', 'c'];
export const NUMBERS = [0, 1, 2, -1, 1.5];

/** A condition text and how it is written in YAML. */
export interface Cond {
  text: string;
  style: 'json' | 'single' | 'plain' | 'folded' | 'literal';
}

/** The paths a condition may read: subject and context always, the resource's attributes when given. */
export function pathsOf(resource: Record<string, AttrType> | undefined): Record<AttrType, string[]> {
  const out: Record<AttrType, string[]> = {
    string: ['subject.id', 'subject.set'],
    number: [],
    boolean: [],
    'string[]': [],
  };
  for (const [n, t] of Object.entries(SUBJECT)) out[t].push(`subject.${n}`);
  for (const [n, t] of Object.entries(CONTEXT)) out[t].push(`context.${n}`);
  for (const [n, t] of Object.entries(resource ?? {})) out[t].push(`resource.${n}`);
  return out;
}

/** The union of every resource type's attributes (what a scope's `when` may read). */
export const ANY_RESOURCE: Record<string, AttrType> = Object.assign({}, ...Object.values(RESOURCES)) as Record<
  string,
  AttrType
>;

/** A random well-typed boolean condition over `paths`. */
export function conditionText(paths: Record<AttrType, string[]>, maxDepth = 2): fc.Arbitrary<string> {
  const pick = (xs: string[]) => fc.constantFrom(...xs);
  const str = fc.oneof(pick(paths.string), fc.constantFrom(...STRINGS.map((s) => `'${s}'`), '"a"'));
  const num = fc.oneof(...(paths.number.length ? [pick(paths.number)] : []), fc.constantFrom(...NUMBERS.map(String)));
  const all = [...paths.string, ...paths.number, ...paths.boolean, ...paths['string[]']];
  const leaves: fc.Arbitrary<string>[] = [
    fc.constantFrom('true', 'false'),
    pick(all).map((p) => `has(${p})`),
    fc.tuple(pick(paths.string), str, fc.constantFrom('==', '!=')).map(([a, b, op]) => `${a} ${op} ${b}`),
    fc.tuple(num, num, fc.constantFrom('==', '!=', '<', '<=', '>', '>=')).map(([a, b, op]) => `${a} ${op} ${b}`),
    fc
      .tuple(
        str,
        fc.oneof(...(paths['string[]'].length ? [pick(paths['string[]'])] : []), fc.constantFrom("['a', 'b']", '[]')),
      )
      .map(([e, l]) => `${e} in ${l}`),
  ];
  if (paths.boolean.length)
    leaves.push(
      pick(paths.boolean),
      fc.tuple(pick(paths.boolean), fc.constantFrom('true', 'false')).map(([a, b]) => `${a} == ${b}`),
    );
  const { expr } = fc.letrec<{ expr: string }>((tie) => ({
    expr: fc.oneof(
      { maxDepth, depthIdentifier: 'cond' },
      fc.oneof(...leaves),
      fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => `(${a}) and (${b})`),
      fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => `${a} or ${b}`),
      tie('expr').map((a) => `not (${a})`),
    ),
  }));
  return expr;
}

/** A condition with a YAML style. */
export function cond(paths: Record<AttrType, string[]>): fc.Arbitrary<Cond> {
  return fc.record({
    text: conditionText(paths),
    style: fc.constantFrom('json', 'json', 'single', 'plain', 'folded', 'literal'),
  });
}

/** The resource attributes a condition reads (`resource.type` is built in, never generated). */
export function resourceReads(text: string): string[] {
  return [...text.matchAll(/resource\.(\w+)/g)].map((m) => m[1]!);
}

/**
 * The YAML for a condition after `key: `, in block context at `indent` spaces (block scalars put
 * the text on the next lines, split at `and`/`or` so both styles really span several lines).
 * `flow` forces a double-quoted scalar (inside `{ }` or `[ ]`).
 */
export function renderCond(c: Cond, indent: number, flow = false): string {
  const style = flow ? 'json' : c.style;
  const plainOk =
    /^[a-z(]/.test(c.text) &&
    c.text !== 'true' &&
    c.text !== 'false' &&
    !c.text.includes(': ') &&
    !c.text.includes(' #');
  if (style === 'single') return `'${c.text.replace(/'/g, "''")}'`;
  if (style === 'plain' && plainOk) return c.text;
  if (style === 'folded' || style === 'literal') {
    const pad = ' '.repeat(indent + 2);
    const lines = c.text.split(/ (?=and |or )/);
    return `${style === 'folded' ? '>-' : '|-'}\n${lines.map((l) => pad + l).join('\n')}`;
  }
  return JSON.stringify(c.text);
}
