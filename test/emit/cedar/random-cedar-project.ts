import fc from 'fast-check';

/*
 * Random permset projects for the Cedar differential tests, as YAML text. Modelled on
 * test/emit/evaluator/random-project.ts (random scopes with `includes`, permissions, fragments,
 * sets with `extends`, `include`, `restrict`, multi-scope grants with `when`, `none`), with what
 * stresses an export to another language on top:
 *
 * - names that are Cedar keywords or JavaScript traps: a resource type `in`, attributes `if`,
 *   `like`, `has`, `in`, `__proto__`;
 * - string literals with quotes, backslashes, `*\/`, newlines, non-ASCII, an astral character
 *   and a lone surrogate; number literals that Cedar's integers do not hold (1.5, 2^53 + 2,
 *   1e300);
 * - labels and set names with quotes, newlines, `*\/`, zero-width and NUL characters, `</script>`.
 *
 * Conditions are random well-typed expressions over every operator, nested up to `maxDepth`.
 */

export type AttrType = 'string' | 'number' | 'boolean' | 'string[]' | 'number[]';
export type Attrs = Record<string, AttrType>;

export const SUBJECT: Attrs = { id: 'string', dept: 'string', level: 'number', admin: 'boolean', teams: 'string[]', scores: 'number[]', if: 'string' };
export const CONTEXT: Attrs = { plan: 'string', hour: 'number', trusted: 'boolean', in: 'boolean' };
export const RESOURCES: Record<string, Attrs> = {
  doc: { owner: 'string', members: 'string[]', level: 'number', open: 'boolean', dept: 'string', like: 'number' },
  // A computed key: `__proto__: …` in a literal would set the prototype instead.
  in: Object.fromEntries([['owner', 'string'], ['tags', 'string[]'], ['level', 'number'], ['scores', 'number[]'], ['__proto__', 'string'], ['has', 'boolean']]) as Attrs,
  note: { dept: 'string', open: 'boolean' },
};
const AREAS: { id: string; resource?: string }[] = [{ id: 'docs', resource: 'doc' }, { id: 'ins', resource: 'in' }, { id: 'notes', resource: 'note' }, { id: 'misc' }];

/**
 * Attribute values of requests (and, as literals, of conditions): small pools so equalities
 * often hold, with the hostile strings in them. Every value here is one Cedar represents.
 */
export const STRINGS = ['a', 'b', "it's", 'q"uote', 'back\\slash', '*/', 'new\nline', 'é', '😀'];
export const NUMBERS = [0, 1, 2, -1];

/** Condition literals: the strings above as permset writes them, plus ones Cedar cannot hold. */
const STRING_LITERALS = ["'a'", "'b'", "'it\\'s'", '"q\\"uote"', "'back\\\\slash'", "'*/'", "'new\\nline'", "'\\u00e9'", "'\\uD83D\\uDE00'", "'\\uD800'", "'zz'"];
const NUMBER_LITERALS = ['0', '1', '2', '-1', '1.5', '-0.5', '9007199254740994', '100000000000000000000000', '-100000000000000000000000'];

/** Paths by type, e.g. `string: ['subject.id', 'resource.owner']`. */
export type Pools = Record<AttrType, string[]>;

/** The paths of each type a condition may read (the resource's only when given). */
export function pools(resource: Attrs | undefined, withType = true): Pools {
  const out: Pools = { string: [], number: [], boolean: [], 'string[]': [], 'number[]': [] };
  const add = (root: string, attrs: Attrs) => {
    for (const [name, type] of Object.entries(attrs)) out[type].push(`${root}.${name}`);
  };
  add('subject', { ...SUBJECT, set: 'string' });
  add('context', CONTEXT);
  if (resource) add('resource', withType ? { ...resource, type: 'string' } : resource);
  return out;
}

/** A random well-typed boolean condition over the paths of `p`. */
export function condition(p: Pools, maxDepth = 3): fc.Arbitrary<string> {
  const pick = (xs: string[]) => fc.constantFrom(...xs);
  const strLit = pick(STRING_LITERALS);
  const numLit = pick(NUMBER_LITERALS);
  const leaves: fc.Arbitrary<string>[] = [fc.constantFrom('true', 'false')];
  const all = [...p.string, ...p.number, ...p.boolean, ...p['string[]'], ...p['number[]']];
  leaves.push(pick(all).map((x) => `has(${x})`));
  if (p.string.length) leaves.push(fc.tuple(pick(p.string), fc.oneof(pick(p.string), strLit), fc.constantFrom('==', '!=')).map(([a, b, op]) => `${a} ${op} ${b}`));
  leaves.push(fc.tuple(strLit, strLit, fc.constantFrom('==', '!=')).map(([a, b, op]) => `${a} ${op} ${b}`));
  if (p.number.length) {
    leaves.push(fc.tuple(pick(p.number), fc.oneof(pick(p.number), numLit), fc.constantFrom('==', '!=', '<', '<=', '>', '>=')).map(([a, b, op]) => `${a} ${op} ${b}`));
    leaves.push(fc.tuple(numLit, pick(p.number), fc.constantFrom('<', '<=', '>', '>=')).map(([a, b, op]) => `${a} ${op} ${b}`));
  }
  if (p.boolean.length) {
    leaves.push(pick(p.boolean));
    leaves.push(fc.tuple(pick(p.boolean), fc.oneof(pick(p.boolean), fc.constantFrom('true', 'false'))).map(([a, b]) => `${a} == ${b}`));
    leaves.push(fc.tuple(pick(p.boolean), fc.constantFrom('[true]', '[false]', '[true, false]', '[]')).map(([a, l]) => `${a} in ${l}`));
  }
  const strList = fc.oneof(...[p['string[]'].length ? pick(p['string[]']) : undefined, fc.constantFrom("['a', 'b']", '[]', "['*/', '\\uD800']", "['it\\'s']")].filter((x) => x !== undefined));
  const numList = fc.oneof(...[p['number[]'].length ? pick(p['number[]']) : undefined, fc.constantFrom('[0, 2]', '[]', '[1.5, -1]', '[100000000000000000000000]')].filter((x) => x !== undefined));
  leaves.push(fc.tuple(fc.oneof(...[p.string.length ? pick(p.string) : undefined, strLit].filter((x) => x !== undefined)), strList).map(([e, l]) => `${e} in ${l}`));
  leaves.push(fc.tuple(fc.oneof(...[p.number.length ? pick(p.number) : undefined, numLit].filter((x) => x !== undefined)), numList).map(([e, l]) => `${e} in ${l}`));
  const { expr } = fc.letrec<{ expr: string }>((tie) => ({
    expr: fc.oneof(
      { maxDepth, depthIdentifier: 'condition' },
      fc.oneof(...leaves),
      fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => `(${a}) and (${b})`),
      fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => `(${a}) or (${b})`),
      tie('expr').map((a) => `not (${a})`),
      // Booleans computed by sub-conditions, compared.
      fc.tuple(tie('expr'), tie('expr'), fc.constantFrom('==', '!=')).map(([a, b, op]) => `(${a}) ${op} (${b})`),
      fc.tuple(tie('expr'), fc.constantFrom('[true]', '[false]', '[true, false]')).map(([a, l]) => `(${a}) in ${l}`),
    ),
  }));
  return expr;
}

function resourceReads(text: string): string[] {
  return [...text.matchAll(/resource\.(\w+)/g)].map((m) => m[1]!);
}

/** A generated project: its files and the ids it declares (for generating requests). */
export interface RandomProject {
  files: { uri: string; text: string }[];
  sets: string[];
  permissions: { id: string; resource?: string }[];
}

const yamlString = (s: string) => JSON.stringify(s);

const LABELS = ['Plain', 'Quote \' and " and \\', 'New\nline */ end', 'Zero\u200bwidth \u0000 nul', '</script><script>globalThis.__pwned=1</script>', 'Uni é 😀 \u2028 sep'];

/** Random projects (mostly compiling without errors). */
export function randomProject(maxDepth = 3): fc.Arbitrary<RandomProject> {
  const scopePools = pools(Object.assign({}, ...Object.values(RESOURCES)) as Attrs, false);
  const scopeArb = fc.record({ when: fc.option(condition(scopePools, maxDepth), { nil: undefined, freq: 4 }), includes: fc.nat() });
  return fc
    .record({
      scopes: fc.array(scopeArb, { minLength: 1, maxLength: 4 }),
      allIncludes: fc.nat(),
      perms: fc.array(fc.record({ area: fc.nat({ max: AREAS.length - 1 }), scopes: fc.nat() }), { minLength: 1, maxLength: 6 }),
      seed: fc.array(fc.nat(), { minLength: 64, maxLength: 64 }),
    })
    .chain(({ scopes, allIncludes, perms, seed }) => {
      const scopeNames = scopes.map((_, i) => `sc${i}`);
      const names = [...scopeNames, 'all'];
      const permissions = perms.map((p, i) => {
        const area = AREAS[p.area]!;
        const resource = area.resource ? RESOURCES[area.resource] : undefined;
        const compatible = names.filter((n, j) => {
          const when = j < scopes.length ? scopes[j]!.when : undefined;
          return !when || resourceReads(when).every((a) => resource !== undefined && Object.prototype.hasOwnProperty.call(resource, a));
        });
        let allowed = compatible.filter((_, j) => (p.scopes >> j) & 1);
        if (allowed.length === 0) allowed = ['all'];
        return { id: `${area.id}.p${i}`, area: area.id, resource: area.resource, allowed };
      });
      const grantArb = (perm: (typeof permissions)[number]) =>
        fc.oneof(
          { weight: 1, arbitrary: fc.constant('none') },
          {
            weight: 6,
            arbitrary: fc
              .uniqueArray(fc.constantFrom(...perm.allowed), { minLength: 1, maxLength: perm.allowed.length })
              .chain((ss) => fc.tuple(...ss.map((s) => fc.option(condition(pools(perm.resource ? RESOURCES[perm.resource] : undefined), maxDepth), { nil: undefined, freq: 2 }).map((w) => ({ scope: s, when: w })))))
              .map((items) => `[${items.map((it) => (it.when === undefined ? it.scope : `{ scope: ${it.scope}, when: ${yamlString(it.when)} }`)).join(', ')}]`),
          },
        );
      const grantsArb = (allowedPerms: typeof permissions) => fc.subarray(allowedPerms).chain((ps) => fc.tuple(...ps.map((p) => grantArb(p).map((v) => [p.id, v] as const))));
      const fragmentPerms = [permissions.filter((_, i) => i % 2 === 0), permissions.filter((_, i) => i % 2 === 1)];
      return fc
        .record({
          fragments: fc.tuple(grantsArb(fragmentPerms[0]!), grantsArb(fragmentPerms[1]!)),
          sets: fc.array(fc.record({ base: fc.nat(), include: fc.nat({ max: 3 }), restrict: fc.option(fc.constantFrom(...names), { nil: undefined, freq: 4 }), grants: grantsArb(permissions) }), { minLength: 1, maxLength: 4 }),
          label: fc.constantFrom(...LABELS),
        })
        .map(({ fragments, sets, label }) => {
          const attrs = (indent: string, a: Attrs) => Object.entries(a).map(([n, t]) => `${indent}${n}: ${yamlString(t)}\n`).join('');
          let catalog = `kind: Catalog\nsubject:\n  attributes:\n${attrs('    ', SUBJECT)}context:\n  attributes:\n${attrs('    ', CONTEXT)}resources:\n`;
          for (const [r, a] of Object.entries(RESOURCES)) catalog += `  ${r}:\n    label: ${yamlString(`Type ${r} ${label}`)}\n    attributes:\n${attrs('      ', a)}`;
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
          for (const area of AREAS) {
            const ps = permissions.filter((p) => p.area === area.id);
            if (!ps.length) continue;
            catalog += `  ${area.id}:\n    label: ${yamlString(`Area ${area.id}`)}\n${area.resource ? `    resource: ${area.resource}\n` : ''}    permissions:\n`;
            for (const p of ps) catalog += `      ${p.id}: { label: ${yamlString(`Permission ${p.id} ${label}`)}, scopes: [${p.allowed.join(', ')}] }\n`;
          }
          const files = [{ uri: 'policies/catalog.yaml', text: catalog }];
          const grantsYaml = (grants: readonly (readonly [string, string])[]) => (grants.length ? `grants:\n${grants.map(([p, v]) => `  ${p}: ${v}\n`).join('')}` : 'grants: {}\n');
          fragments.forEach((g, i) => files.push({ uri: `policies/fragments/f${i}.yaml`, text: `kind: Fragment\nid: f${i}\n${grantsYaml(g)}` }));
          const setIds: string[] = [];
          sets.forEach((s, i) => {
            const id = `s${i}`;
            let text = `kind: PermissionSet\nid: ${id}\nname: ${yamlString(`Set ${i} ${label}`)}\n`;
            const base = seed[i]! % (i + 1);
            text += base < i ? `extends: s${base}\n` : 'seat: employee\n';
            const include = ['f0', 'f1'].filter((_, j) => (s.include >> j) & 1);
            if (include.length) text += `include: [${include.join(', ')}]\n`;
            if (s.restrict) text += `restrict: ${s.restrict}\n`;
            text += grantsYaml(s.grants);
            files.push({ uri: `policies/sets/${id}.yaml`, text });
            setIds.push(id);
          });
          return { files, sets: setIds, permissions: permissions.map((p) => (p.resource ? { id: p.id, resource: p.resource } : { id: p.id })) };
        });
    });
}
