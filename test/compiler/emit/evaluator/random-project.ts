import fc from 'fast-check';

/*
 * Random permset projects for property tests, as YAML text: a catalog with fixed attribute
 * schemas (so values can be generated for them) but random scopes (conditions, `includes`),
 * permissions (resource types, allowed scopes), fragments and sets (extends chains, includes,
 * restrict, grants with several scopes and `when` conditions, `none`). Conditions are random
 * well-typed expressions over every operator of the language. The generator avoids what would
 * not compile (a scope allowed on a permission whose resource type lacks an attribute the
 * scope's own condition reads; two fragments granting the same permission), so few cases are
 * skipped; included scopes are deliberately left unpaired, which exercises conditions that
 * cannot apply to a resource type.
 *
 * One generator serves several suites: each declares a `Vocabulary` (attribute schemas, areas,
 * value and literal pools, labels) and binds it with `projectGenerator`. This file's own
 * vocabulary is the evaluator's; test/compiler/emit/cedar/random-cedar-project.ts declares a hostile one.
 */

/** The attribute types of a catalog. */
export type AttrType = 'string' | 'number' | 'boolean' | 'string[]' | 'number[]';
/** Attribute schemas: name to type. */
export type Attrs = Record<string, AttrType>;

/** What a generated project (and its requests) is made of. */
export interface Vocabulary {
  subject: Attrs;
  context: Attrs;
  resources: Record<string, Attrs>;
  /** Areas in catalog order; an area without `resource` has resource-less permissions. */
  areas: { id: string; resource?: string }[];
  /** Attribute values of requests: small pools, so equalities often hold. */
  strings: string[];
  numbers: number[];
  /** Condition literals, as permset source text. */
  stringLiterals: string[];
  numberLiterals: string[];
  /** List literals a string or number may be tested `in`, as permset source text. */
  stringLists: string[];
  numberLists: string[];
  /** Appended to scope, permission and set labels (and resource types' with `labelResources`). */
  labels: string[];
  labelResources: boolean;
  /**
   * Also literal-to-literal and literal-to-path comparisons, booleans compared with booleans or
   * tested `in` lists, and sub-conditions compared or tested `in` lists: forms an export to
   * another language must translate, which the evaluator compiles like any other.
   */
  booleanAlgebra: boolean;
}

/** Paths by type, e.g. `string: ['subject.id', 'resource.owner']`. */
export type Pools = Record<AttrType, string[]>;

/** A generated project: its files and the ids it declares (for generating requests). */
export interface RandomProject {
  files: { uri: string; text: string }[];
  sets: string[];
  permissions: { id: string; resource?: string }[];
}

/** The generators of one vocabulary. */
export interface ProjectGenerator {
  /**
   * The paths of each type a condition may read (the resource's only when given). `resource.type`
   * only with `withType`: the compiler's scope pairing check does not know it is built in.
   */
  pools(resource: Attrs | undefined, withType?: boolean): Pools;
  /** A random well-typed boolean condition over the paths of `p`, nested up to `maxDepth`. */
  condition(p: Pools, maxDepth?: number): fc.Arbitrary<string>;
  /** Random projects (mostly compiling without errors), conditions nested up to `maxDepth`. */
  randomProject(maxDepth?: number): fc.Arbitrary<RandomProject>;
}

const yamlString = (s: string) => JSON.stringify(s);

function resourceReads(text: string): string[] {
  return [...text.matchAll(/resource\.(\w+)/g)].map((m) => m[1]!);
}

/** Binds the generators to vocabulary `v`. */
export function projectGenerator(v: Vocabulary): ProjectGenerator {
  function pools(resource: Attrs | undefined, withType = true): Pools {
    const out: Pools = { string: [], number: [], boolean: [], 'string[]': [], 'number[]': [] };
    const add = (root: string, attrs: Attrs) => {
      for (const [name, type] of Object.entries(attrs)) out[type].push(`${root}.${name}`);
    };
    add('subject', { ...v.subject, set: 'string' });
    add('context', v.context);
    if (resource) add('resource', withType ? { ...resource, type: 'string' } : resource);
    return out;
  }

  function condition(p: Pools, maxDepth = 3): fc.Arbitrary<string> {
    const pick = (xs: string[]) => fc.constantFrom(...xs);
    const strLit = pick(v.stringLiterals);
    const numLit = pick(v.numberLiterals);
    const bool = fc.constantFrom('true', 'false');
    const boolLists = ['[true]', '[false]', '[true, false]'];
    const leaves: fc.Arbitrary<string>[] = [bool];
    const all = [...p.string, ...p.number, ...p.boolean, ...p['string[]'], ...p['number[]']];
    leaves.push(pick(all).map((x) => `has(${x})`));
    if (p.string.length)
      leaves.push(
        fc
          .tuple(pick(p.string), fc.oneof(pick(p.string), strLit), fc.constantFrom('==', '!='))
          .map(([a, b, op]) => `${a} ${op} ${b}`),
      );
    if (v.booleanAlgebra)
      leaves.push(fc.tuple(strLit, strLit, fc.constantFrom('==', '!=')).map(([a, b, op]) => `${a} ${op} ${b}`));
    if (p.number.length) {
      leaves.push(
        fc
          .tuple(pick(p.number), fc.oneof(pick(p.number), numLit), fc.constantFrom('==', '!=', '<', '<=', '>', '>='))
          .map(([a, b, op]) => `${a} ${op} ${b}`),
      );
      if (v.booleanAlgebra)
        leaves.push(
          fc
            .tuple(numLit, pick(p.number), fc.constantFrom('<', '<=', '>', '>='))
            .map(([a, b, op]) => `${a} ${op} ${b}`),
        );
    }
    if (p.boolean.length) {
      leaves.push(pick(p.boolean));
      leaves.push(
        fc
          .tuple(pick(p.boolean), v.booleanAlgebra ? fc.oneof(pick(p.boolean), bool) : bool)
          .map(([a, b]) => `${a} == ${b}`),
      );
      if (v.booleanAlgebra)
        leaves.push(fc.tuple(pick(p.boolean), pick([...boolLists, '[]'])).map(([a, l]) => `${a} in ${l}`));
    }
    const strList = fc.oneof(
      ...[p['string[]'].length ? pick(p['string[]']) : undefined, pick(v.stringLists)].filter((x) => x !== undefined),
    );
    const numList = fc.oneof(
      ...[p['number[]'].length ? pick(p['number[]']) : undefined, pick(v.numberLists)].filter((x) => x !== undefined),
    );
    leaves.push(
      fc
        .tuple(
          fc.oneof(...[p.string.length ? pick(p.string) : undefined, strLit].filter((x) => x !== undefined)),
          strList,
        )
        .map(([e, l]) => `${e} in ${l}`),
    );
    leaves.push(
      fc
        .tuple(
          fc.oneof(...[p.number.length ? pick(p.number) : undefined, numLit].filter((x) => x !== undefined)),
          numList,
        )
        .map(([e, l]) => `${e} in ${l}`),
    );
    const { expr } = fc.letrec<{ expr: string }>((tie) => {
      const nodes = [
        fc.oneof(...leaves),
        fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => `(${a}) and (${b})`),
        fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => `(${a}) or (${b})`),
        tie('expr').map((a) => `not (${a})`),
      ];
      if (v.booleanAlgebra) {
        // Booleans computed by sub-conditions, compared.
        nodes.push(
          fc.tuple(tie('expr'), tie('expr'), fc.constantFrom('==', '!=')).map(([a, b, op]) => `(${a}) ${op} (${b})`),
        );
        nodes.push(fc.tuple(tie('expr'), pick(boolLists)).map(([a, l]) => `(${a}) in ${l}`));
      }
      return { expr: fc.oneof({ maxDepth, depthIdentifier: 'condition' }, ...nodes) };
    });
    return expr;
  }

  function randomProject(maxDepth = 3): fc.Arbitrary<RandomProject> {
    const scopePools = pools(Object.assign({}, ...Object.values(v.resources)) as Attrs, false);
    const scopeArb = fc.record({
      when: fc.option(condition(scopePools, maxDepth), { nil: undefined, freq: 4 }),
      includes: fc.nat(),
    });
    return fc
      .record({
        scopes: fc.array(scopeArb, { minLength: 1, maxLength: 4 }),
        allIncludes: fc.nat(),
        perms: fc.array(fc.record({ area: fc.nat({ max: v.areas.length - 1 }), scopes: fc.nat() }), {
          minLength: 1,
          maxLength: 6,
        }),
        seed: fc.array(fc.nat(), { minLength: 64, maxLength: 64 }),
      })
      .chain(({ scopes, allIncludes, perms, seed }) => {
        const scopeNames = scopes.map((_, i) => `sc${i}`);
        const names = [...scopeNames, 'all'];
        const permissions = perms.map((p, i) => {
          const area = v.areas[p.area]!;
          const resource = area.resource ? v.resources[area.resource] : undefined;
          const compatible = names.filter((_, j) => {
            const when = j < scopes.length ? scopes[j]!.when : undefined;
            // Own properties only: an attribute may be named `__proto__`.
            return !when || resourceReads(when).every((a) => resource !== undefined && Object.hasOwn(resource, a));
          });
          let allowed = compatible.filter((_, j) => (p.scopes >> j) & 1);
          if (allowed.length === 0) allowed = ['all'];
          return { id: `${area.id}.p${i}`, area: area.id, resource: area.resource, allowed };
        });
        // A grant value for a permission: some of its allowed scopes, each maybe with a condition.
        const grantArb = (perm: (typeof permissions)[number]) =>
          fc.oneof(
            { weight: 1, arbitrary: fc.constant('none') },
            {
              weight: 6,
              arbitrary: fc
                .uniqueArray(fc.constantFrom(...perm.allowed), { minLength: 1, maxLength: perm.allowed.length })
                .chain((ss) =>
                  fc.tuple(
                    ...ss.map((s) =>
                      fc
                        .option(condition(pools(perm.resource ? v.resources[perm.resource] : undefined), maxDepth), {
                          nil: undefined,
                          freq: 2,
                        })
                        .map((w) => ({ scope: s, when: w })),
                    ),
                  ),
                )
                .map(
                  (items) =>
                    `[${items.map((it) => (it.when === undefined ? it.scope : `{ scope: ${it.scope}, when: ${yamlString(it.when)} }`)).join(', ')}]`,
                ),
            },
          );
        const grantsArb = (allowedPerms: typeof permissions) =>
          fc
            .subarray(allowedPerms)
            .chain((ps) => fc.tuple(...ps.map((p) => grantArb(p).map((g) => [p.id, g] as const))));
        const fragmentPerms = [permissions.filter((_, i) => i % 2 === 0), permissions.filter((_, i) => i % 2 === 1)];
        return fc
          .record({
            fragments: fc.tuple(grantsArb(fragmentPerms[0]!), grantsArb(fragmentPerms[1]!)),
            sets: fc.array(
              fc.record({
                base: fc.nat(),
                include: fc.nat({ max: 3 }),
                restrict: fc.option(fc.constantFrom(...names), { nil: undefined, freq: 4 }),
                grants: grantsArb(permissions),
              }),
              { minLength: 1, maxLength: 4 },
            ),
            label: fc.constantFrom(...v.labels),
          })
          .map(({ fragments, sets, label }) => {
            const attrs = (indent: string, a: Attrs) =>
              Object.entries(a)
                .map(([n, t]) => `${indent}${n}: ${yamlString(t)}\n`)
                .join('');
            let catalog = `kind: Catalog\nsubject:\n  attributes:\n${attrs('    ', v.subject)}context:\n  attributes:\n${attrs('    ', v.context)}resources:\n`;
            for (const [r, a] of Object.entries(v.resources)) {
              catalog += `  ${r}:\n${v.labelResources ? `    label: ${yamlString(`Type ${r} ${label}`)}\n` : ''}    attributes:\n${attrs('      ', a)}`;
            }
            catalog += 'scopes:\n';
            scopes.forEach((s, i) => {
              const includes = scopeNames.slice(0, i).filter((_, j) => (s.includes >> j) & 1);
              catalog += `  sc${i}:\n    label: ${yamlString(`Scope ${i} ${label}`)}\n`;
              if (s.when !== undefined) catalog += `    when: ${yamlString(s.when)}\n`;
              if (includes.length) catalog += `    includes: [${includes.join(', ')}]\n`;
            });
            const allInc = scopeNames.filter((_, j) => (allIncludes >> j) & 1);
            catalog += `  all:\n    label: All\n${allInc.length ? `    includes: [${allInc.join(', ')}]\n` : ''}`;
            catalog += 'seats:\n  employee: { label: Employee, paid: true }\nareas:\n';
            for (const area of v.areas) {
              const ps = permissions.filter((p) => p.area === area.id);
              if (!ps.length) continue;
              catalog += `  ${area.id}:\n    label: ${yamlString(`Area ${area.id}`)}\n${area.resource ? `    resource: ${area.resource}\n` : ''}    permissions:\n`;
              for (const p of ps)
                catalog += `      ${p.id}: { label: ${yamlString(`Permission ${p.id} ${label}`)}, scopes: [${p.allowed.join(', ')}] }\n`;
            }
            const files = [{ uri: 'policies/catalog.yaml', text: catalog }];
            const grantsYaml = (grants: readonly (readonly [string, string])[]) =>
              grants.length ? `grants:\n${grants.map(([p, g]) => `  ${p}: ${g}\n`).join('')}` : 'grants: {}\n';
            fragments.forEach((g, i) =>
              files.push({ uri: `policies/fragments/f${i}.yaml`, text: `kind: Fragment\nid: f${i}\n${grantsYaml(g)}` }),
            );
            const setIds: string[] = [];
            sets.forEach((s, i) => {
              const id = `s${i}`;
              let text = `kind: PermissionSet\nid: ${id}\nname: ${yamlString(`Set ${i} ${label}`)}\n`;
              const base = seed[i]! % (i + 1); // == i: no base
              text += base < i ? `extends: s${base}\n` : 'seat: employee\n';
              const include = ['f0', 'f1'].filter((_, j) => (s.include >> j) & 1);
              if (include.length) text += `include: [${include.join(', ')}]\n`;
              if (s.restrict) text += `restrict: ${s.restrict}\n`;
              text += grantsYaml(s.grants);
              files.push({ uri: `policies/sets/${id}.yaml`, text });
              setIds.push(id);
            });
            return {
              files,
              sets: setIds,
              permissions: permissions.map((p) => (p.resource ? { id: p.id, resource: p.resource } : { id: p.id })),
            };
          });
      });
  }

  return { pools, condition, randomProject };
}

export const SUBJECT: Attrs = {
  id: 'string',
  dept: 'string',
  level: 'number',
  admin: 'boolean',
  teams: 'string[]',
  scores: 'number[]',
};
export const CONTEXT: Attrs = { plan: 'string', hour: 'number', trusted: 'boolean' };
export const RESOURCES: Record<string, Attrs> = {
  doc: { owner: 'string', members: 'string[]', level: 'number', open: 'boolean', dept: 'string' },
  item: { owner: 'string', tags: 'string[]', level: 'number', scores: 'number[]' },
  note: { dept: 'string', open: 'boolean' },
};
/** The string, number pools of attribute values and literals: small, so equalities often hold. */
export const STRINGS = ['a', 'b', 'c'];
export const NUMBERS = [0, 1, 2];

/** The evaluator suites' vocabulary: plain names, a few quotes in literals and labels. */
export const EVALUATOR_VOCABULARY: Vocabulary = {
  subject: SUBJECT,
  context: CONTEXT,
  resources: RESOURCES,
  areas: [
    { id: 'docs', resource: 'doc' },
    { id: 'items', resource: 'item' },
    { id: 'notes', resource: 'note' },
    { id: 'misc' },
  ],
  strings: STRINGS,
  numbers: NUMBERS,
  stringLiterals: [...STRINGS.map((s) => `'${s}'`), `'it\\'s'`, '"a"'],
  numberLiterals: ['0', '1', '2', '-1', '1.5'],
  stringLists: ["['a', 'b']", '[]', "['c']"],
  numberLists: ['[0, 2]', '[]'],
  labels: ['Plain', 'Quote \' and "', 'Back`tick ${x}', '</script><script>globalThis.__pwned=1</script>'],
  labelResources: false,
  booleanAlgebra: false,
};

export const { pools, condition, randomProject } = projectGenerator(EVALUATOR_VOCABULARY);
