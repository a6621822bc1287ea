import fc from 'fast-check';
import { ANY_RESOURCE, RESOURCES, cond, pathsOf, resourceReads } from './random-condition.js';
import {
  AREAS,
  PERM_NAMES,
  WILDCARDS,
  matches,
  type FragmentSpec,
  type GrantSpec,
  type PermSpec,
  type ProjectSpec,
  type ScopeSpec,
  type SetSpec,
  type TextEdit,
} from './project-spec.js';

/*
 * fast-check arbitraries of whole policy projects (as ProjectSpec; render-project.ts writes the
 * YAML): random scopes with conditions and `includes`, permissions with allowed scopes and
 * `requires`, fragments, and up to 12 sets in `extends` trees up to 10 deep (a quarter of the
 * projects are one long chain) with `include`, `restrict`, explicit and wildcard grants, `none`
 * and `when` conditions in every YAML spelling.
 *
 * The generator avoids what it can see would not compile (scopes a permission does not allow,
 * conditions reading attributes the resource type lacks, wildcards matching nothing), so most
 * projects build; `requires` and fragments that overlap still produce some `requires-missing`
 * and `include-conflict` errors, on purpose. With `errors: true`, one to three errors are
 * injected: dangling references, cycles, bad conditions, and raw text damage.
 */

const SCOPE_NAMES = ['own', 'member', 'team', 'unit'];

/** Options of {@link randomProjectSpec}. */
export interface RandomProjectOptions {
  /** Inject errors (and raw text damage) into the project. */
  errors?: boolean;
}

const scopeArb = fc.record({
  when: fc.option(cond(pathsOf(ANY_RESOURCE)), { nil: undefined, freq: 4 }),
  includes: fc.nat(15),
});

/** The catalog part: scopes (plus `all`) and permissions. */
function catalogArb(): fc.Arbitrary<Pick<ProjectSpec, 'scopes' | 'perms'>> {
  return fc
    .record({
      scopes: fc.array(scopeArb, { minLength: 1, maxLength: SCOPE_NAMES.length }),
      allIncludes: fc.nat(15),
      perms: fc.tuple(...AREAS.map(() => fc.subarray(PERM_NAMES, { minLength: 0, maxLength: 3 }))),
      masks: fc.array(fc.nat(31), { minLength: 15, maxLength: 15 }),
      requires: fc.array(fc.nat(9), { minLength: 15, maxLength: 15 }),
    })
    .map(({ scopes, allIncludes, perms, masks, requires }) => {
      const named: ScopeSpec[] = scopes.map((s, i) => ({
        name: SCOPE_NAMES[i]!,
        ...(s.when ? { when: s.when } : {}),
        includes: SCOPE_NAMES.slice(0, i).filter((_, j) => (s.includes >> j) & 1),
      }));
      named.push({ name: 'all', includes: named.map((s) => s.name).filter((_, j) => (allIncludes >> j) & 1) });
      const out: PermSpec[] = [];
      AREAS.forEach((area, a) => {
        for (const name of perms[a]!) {
          const attrs = area.resource ? RESOURCES[area.resource]! : {};
          // The compiler checks a scope's own `when` against every permission allowing the scope.
          const compatible = named
            .filter((s) => !s.when || resourceReads(s.when.text).every((x) => x in attrs))
            .map((s) => s.name);
          const n = out.length;
          let scopes = compatible.filter((_, j) => (masks[n % 15]! >> j) & 1);
          if (scopes.length === 0) scopes = ['all'];
          const earlier = out.filter((p) => p.area === area.id);
          const r = requires[n % 15]!;
          out.push({
            id: `${area.id}.${name}`,
            area: area.id,
            ...(area.resource ? { resource: area.resource } : {}),
            scopes,
            requires: r < earlier.length && r < 2 ? [earlier[r]!.id] : [],
          });
        }
      });
      if (out.length === 0) out.push({ id: 'misc.view', area: 'misc', scopes: ['all'], requires: [] });
      return { scopes: named, perms: out };
    });
}

/** Grant entries (unique keys) that compile against the catalog. */
function grantsArb(perms: PermSpec[], allScopes: string[], maxLength: number): fc.Arbitrary<GrantSpec[]> {
  const wildcards = WILDCARDS.filter((w) => perms.some((p) => matches(w, p.id)));
  const explicit = (p: PermSpec): fc.Arbitrary<GrantSpec> =>
    fc.record({
      key: fc.constant(p.id),
      form: fc.nat(7),
      value: fc.oneof(
        { weight: 1, arbitrary: fc.constant('none' as const) },
        {
          weight: 7,
          arbitrary: fc.uniqueArray(
            fc.record({
              scope: fc.constantFrom(...p.scopes),
              when: fc.option(cond(pathsOf(p.resource ? RESOURCES[p.resource] : undefined)), {
                nil: undefined,
                freq: 3,
              }),
            }),
            { minLength: 1, maxLength: 2, selector: (i) => i.scope },
          ),
        },
      ),
    });
  const wildcard = (w: string): fc.Arbitrary<GrantSpec> => {
    // Only scopes some matched permission allows (else `wildcard-no-match`); conditions read no
    // resource, since they are checked against every permission the wildcard reaches.
    const usable = allScopes.filter((s) => perms.some((p) => matches(w, p.id) && p.scopes.includes(s)));
    return fc.record({
      key: fc.constant(w),
      form: fc.nat(7),
      value: fc.oneof(
        { weight: 1, arbitrary: fc.constant('none' as const) },
        {
          weight: 4,
          arbitrary: fc.uniqueArray(
            fc.record({
              scope: fc.constantFrom(...usable),
              when: fc.option(cond(pathsOf(undefined)), { nil: undefined, freq: 4 }),
            }),
            { minLength: 1, maxLength: 2, selector: (i) => i.scope },
          ),
        },
      ),
    });
  };
  const entry = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...perms).chain(explicit) },
    ...(wildcards.length ? [{ weight: 1, arbitrary: fc.constantFrom(...wildcards).chain(wildcard) }] : []),
  );
  return fc.uniqueArray(entry, { maxLength, selector: (g) => g.key });
}

/** Sets in `extends` trees at most 10 deep; a `deep` project is one chain. */
function setsArb(catalog: Pick<ProjectSpec, 'scopes' | 'perms'>, fragments: string[]): fc.Arbitrary<SetSpec[]> {
  const scopes = catalog.scopes.map((s) => s.name);
  const one = fc.record({
    base: fc.nat(),
    seat: fc.constantFrom('employee', 'employee', 'guest'),
    repeatSeat: fc.boolean(),
    include: fc.shuffledSubarray(fragments),
    restrict: fc.option(fc.constantFrom(...scopes), { nil: undefined, freq: 5 }),
    grants: grantsArb(catalog.perms, scopes, 5),
  });
  return fc
    .tuple(fc.boolean(), fc.nat(3), fc.array(one, { minLength: 1, maxLength: 12 }))
    .map(([deepFlag, deepPick, raw]) => {
      const deep = deepFlag && deepPick === 0;
      const depth: number[] = [];
      const seatOf: string[] = [];
      return raw.map((r, i) => {
        let base = deep ? i - 1 : r.base % (i + 1);
        if (base === i || base < 0 || depth[base]! >= 10) base = -1;
        depth.push(base < 0 ? 0 : depth[base]! + 1);
        seatOf.push(base < 0 ? r.seat : seatOf[base]!);
        const set: SetSpec = { id: `set-${i}`, include: r.include, grants: r.grants };
        if (base < 0 || r.repeatSeat) set.seat = seatOf[i]!;
        if (base >= 0) set.extends = `set-${base}`;
        if (r.restrict) set.restrict = r.restrict;
        return set;
      });
    });
}

const JUNK = [
  ':',
  '- ',
  '{',
  '}',
  '[',
  '"',
  "'",
  '\t',
  '*a',
  '&a ',
  '---\n',
  '\u202e',
  '#',
  '\n  x: 1\n',
  '\r\n',
  ' and (',
  '\0',
  '🙂',
  'kind: Fragment\n',
  '\uFEFF',
  '\\',
];

/** One injected error: a spec-level mistake or raw damage to a file. */
function injectArb(): fc.Arbitrary<(spec: ProjectSpec) => void> {
  const pickSet = (s: ProjectSpec, n: number) => s.sets[n % s.sets.length]!;
  return fc
    .tuple(
      fc.nat(9),
      fc.nat(),
      fc.nat(),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.constantFrom(...JUNK),
      fc.nat(8),
    )
    .map(([kind, n, m, at, junk, remove]) => (spec: ProjectSpec) => {
      const set = pickSet(spec, n);
      const text: TextEdit = { file: m, at, remove, insert: junk };
      switch (kind) {
        case 0:
          set.extends = m % 2 ? 'set-missing' : pickSet(spec, m).id;
          break; // dangling base or a possible cycle
        case 1:
          set.include = [...set.include, m % 2 ? 'frag-missing' : 'frag-0'];
          break;
        case 2:
          set.grants = [...set.grants, { key: m % 2 ? 'docs.nope' : 'nope.*', value: [{ scope: 'all' }], form: m }];
          break;
        case 3:
          set.grants = [
            ...set.grants,
            {
              key: spec.perms[m % spec.perms.length]!.id + '.x',
              value: [
                {
                  scope: m % 2 ? 'nowhere' : 'all',
                  when: {
                    text: ['subject.level >', 'subject.nope == 1', "subject.level == 'a'", 'resource.owner', '(((x'][
                      m % 5
                    ]!,
                    style: 'json',
                  },
                },
              ],
              form: m,
            },
          ];
          break;
        case 4:
          spec.scopes[m % spec.scopes.length]!.includes.push(spec.scopes[spec.scopes.length - 1]!.name);
          break; // includes cycle via `all`
        case 5:
          set.seat = m % 2 ? 'guest' : 'astronaut';
          break;
        case 6:
          set.restrict = 'nowhere';
          break;
        default:
          spec.textEdits.push(text);
      }
    });
}

/** Random projects; with `errors`, each has one to three injected errors. */
export function randomProjectSpec(options: RandomProjectOptions = {}): fc.Arbitrary<ProjectSpec> {
  return catalogArb().chain((catalog) => {
    const scopes = catalog.scopes.map((s) => s.name);
    return fc.nat(3).chain((nf) => {
      const fragIds = Array.from({ length: nf }, (_, i) => `frag-${i}`);
      return fc
        .record({
          fragments: fc.tuple(
            ...fragIds.map((id) => grantsArb(catalog.perms, scopes, 3).map((grants): FragmentSpec => ({ id, grants }))),
          ),
          sets: setsArb(catalog, fragIds),
          inject: options.errors ? fc.array(injectArb(), { minLength: 1, maxLength: 3 }) : fc.constant([]),
        })
        .map(({ fragments, sets, inject }) => {
          // A copy: injections mutate, and fast-check's generated values must stay untouched for shrinking.
          const spec: ProjectSpec = structuredClone({ ...catalog, fragments, sets, textEdits: [] });
          for (const f of inject) f(spec);
          return spec;
        });
    });
  });
}
