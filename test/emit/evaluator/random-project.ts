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
 */

type AttrType = 'string' | 'number' | 'boolean' | 'string[]' | 'number[]';
type Attrs = Record<string, AttrType>;

export const SUBJECT: Attrs = { id: 'string', dept: 'string', level: 'number', admin: 'boolean', teams: 'string[]', scores: 'number[]' };
export const CONTEXT: Attrs = { plan: 'string', hour: 'number', trusted: 'boolean' };
export const RESOURCES: Record<string, Attrs> = {
  doc: { owner: 'string', members: 'string[]', level: 'number', open: 'boolean', dept: 'string' },
  item: { owner: 'string', tags: 'string[]', level: 'number', scores: 'number[]' },
  note: { dept: 'string', open: 'boolean' },
};
const AREAS: { id: string; resource?: string }[] = [{ id: 'docs', resource: 'doc' }, { id: 'items', resource: 'item' }, { id: 'notes', resource: 'note' }, { id: 'misc' }];

/** The string, number pools of attribute values and literals: small, so equalities often hold. */
export const STRINGS = ['a', 'b', 'c'];
export const NUMBERS = [0, 1, 2];

/** Paths by type, e.g. `string: ['subject.id', 'resource.owner']`. */
export type Pools = Record<AttrType, string[]>;

/**
 * The paths of each type a condition may read (the resource's only when given). `resource.type`
 * only with `withType`: the compiler's scope pairing check does not know it is built in.
 */
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

const strLit = fc.constantFrom(...STRINGS.map((s) => `'${s}'`), `'it\\'s'`, '"a"');
const numLit = fc.constantFrom('0', '1', '2', '-1', '1.5');

/** A random well-typed boolean condition over the paths of `p`. */
export function condition(p: Pools, maxDepth = 3): fc.Arbitrary<string> {
  const pick = (xs: string[]) => fc.constantFrom(...xs);
  const leaves: fc.Arbitrary<string>[] = [fc.constantFrom('true', 'false')];
  const all = [...p.string, ...p.number, ...p.boolean, ...p['string[]'], ...p['number[]']];
  leaves.push(pick(all).map((x) => `has(${x})`));
  if (p.string.length) leaves.push(fc.tuple(pick(p.string), fc.oneof(pick(p.string), strLit), fc.constantFrom('==', '!=')).map(([a, b, op]) => `${a} ${op} ${b}`));
  if (p.number.length) leaves.push(fc.tuple(pick(p.number), fc.oneof(pick(p.number), numLit), fc.constantFrom('==', '!=', '<', '<=', '>', '>=')).map(([a, b, op]) => `${a} ${op} ${b}`));
  if (p.boolean.length) {
    leaves.push(pick(p.boolean));
    leaves.push(fc.tuple(pick(p.boolean), fc.constantFrom('true', 'false')).map(([a, b]) => `${a} == ${b}`));
  }
  const strList = fc.oneof(...[p['string[]'].length ? pick(p['string[]']) : undefined, fc.constantFrom("['a', 'b']", '[]', "['c']")].filter((x) => x !== undefined));
  const numList = fc.oneof(...[p['number[]'].length ? pick(p['number[]']) : undefined, fc.constantFrom('[0, 2]', '[]')].filter((x) => x !== undefined));
  leaves.push(fc.tuple(fc.oneof(...[p.string.length ? pick(p.string) : undefined, strLit].filter((x) => x !== undefined)), strList).map(([e, l]) => `${e} in ${l}`));
  leaves.push(fc.tuple(fc.oneof(...[p.number.length ? pick(p.number) : undefined, numLit].filter((x) => x !== undefined)), numList).map(([e, l]) => `${e} in ${l}`));
  const { expr } = fc.letrec<{ expr: string }>((tie) => ({
    expr: fc.oneof(
      { maxDepth, depthIdentifier: 'condition' },
      fc.oneof(...leaves),
      fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => `(${a}) and (${b})`),
      fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => `(${a}) or (${b})`),
      tie('expr').map((a) => `not (${a})`),
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

/** Random projects (mostly compiling without errors). */
export function randomProject(): fc.Arbitrary<RandomProject> {
  const scopePools = pools(Object.assign({}, ...Object.values(RESOURCES)) as Attrs, false);
  const scopeArb = fc.record({ when: fc.option(condition(scopePools), { nil: undefined, freq: 4 }), includes: fc.nat() });
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
          return !when || resourceReads(when).every((a) => resource?.[a] !== undefined);
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
              .chain((ss) => fc.tuple(...ss.map((s) => fc.option(condition(pools(perm.resource ? RESOURCES[perm.resource] : undefined)), { nil: undefined, freq: 2 }).map((w) => ({ scope: s, when: w })))))
              .map((items) => `[${items.map((it) => (it.when === undefined ? it.scope : `{ scope: ${it.scope}, when: ${yamlString(it.when)} }`)).join(', ')}]`),
          },
        );
      const grantsArb = (allowedPerms: typeof permissions) =>
        fc.subarray(allowedPerms).chain((ps) => fc.tuple(...ps.map((p) => grantArb(p).map((v) => [p.id, v] as const))));
      const fragmentPerms = [permissions.filter((_, i) => i % 2 === 0), permissions.filter((_, i) => i % 2 === 1)];
      return fc
        .record({
          fragments: fc.tuple(grantsArb(fragmentPerms[0]!), grantsArb(fragmentPerms[1]!)),
          sets: fc.array(
            fc.record({ base: fc.nat(), include: fc.nat({ max: 3 }), restrict: fc.option(fc.constantFrom(...names), { nil: undefined, freq: 4 }), grants: grantsArb(permissions) }),
            { minLength: 1, maxLength: 4 },
          ),
          labels: fc.constantFrom('Plain', 'Quote \' and "', 'Back`tick ${x}', '</script><script>globalThis.__pwned=1</script>'),
        })
        .map(({ fragments, sets, labels }) => {
          let catalog = 'kind: Catalog\nsubject:\n  attributes:\n';
          for (const [n, t] of Object.entries(SUBJECT)) catalog += `    ${n}: ${yamlString(t)}\n`;
          catalog += 'context:\n  attributes:\n';
          for (const [n, t] of Object.entries(CONTEXT)) catalog += `    ${n}: ${yamlString(t)}\n`;
          catalog += 'resources:\n';
          for (const [r, attrs] of Object.entries(RESOURCES)) {
            catalog += `  ${r}:\n    attributes:\n`;
            for (const [n, t] of Object.entries(attrs)) catalog += `      ${n}: ${yamlString(t)}\n`;
          }
          catalog += 'scopes:\n';
          scopes.forEach((s, i) => {
            const includes = scopeNames.slice(0, i).filter((_, j) => (s.includes >> j) & 1);
            catalog += `  sc${i}:\n    label: ${yamlString(`Scope ${i} ${labels}`)}\n`;
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
            for (const p of ps) catalog += `      ${p.id}: { label: ${yamlString(`Permission ${p.id} ${labels}`)}, scopes: [${p.allowed.join(', ')}] }\n`;
          }
          const files = [{ uri: 'policies/catalog.yaml', text: catalog }];
          const grantsYaml = (grants: readonly (readonly [string, string])[]) =>
            grants.length ? `grants:\n${grants.map(([p, v]) => `  ${p}: ${v}\n`).join('')}` : 'grants: {}\n';
          fragments.forEach((g, i) => files.push({ uri: `policies/fragments/f${i}.yaml`, text: `kind: Fragment\nid: f${i}\n${grantsYaml(g)}` }));
          const setIds: string[] = [];
          sets.forEach((s, i) => {
            const id = `s${i}`;
            let text = `kind: PermissionSet\nid: ${id}\nname: ${yamlString(`Set ${i} ${labels}`)}\n`;
            const base = seed[i]! % (i + 1); // == i: no base
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
