import type { Problem, ProblemFix, SourceRef } from '../diagnostics/index.js';
import { didYouMean, didYouMeanSuffix, makeProblem } from '../diagnostics/index.js';
import { newConditionParseCache, type ConditionParseCache } from '../conditions/index.js';
import type { CatalogDef, FragmentDef, PermissionSetDef } from '../entities/index.js';
import type { CatalogIndex } from './catalog-index.js';
import type { EffectiveGrant, LayerDecision } from './effective-grant.js';
import { dedupeScopes, describeScopes, sameDecision } from './effective-grant.js';
import { computeLayer } from './grant-layer.js';
import type { ProjectIndex } from './project-index.js';
import { SCHEMAS } from '../validate/generated/schemas.js';

/** A valid set id, as the schema says: a file is offered only for a name that could be one. */
const SET_ID = new RegExp(SCHEMAS['common.schema.json'].$defs.setId.pattern);

/** A permission set after inheritance. */
export interface ResolvedSet {
  id: string;
  def: PermissionSetDef;
  /** The resolved base; undefined without `extends`, for an unknown base, or inside a cycle. */
  base: ResolvedSet | undefined;
  /** The included fragments that exist, in order. */
  fragments: FragmentDef[];
  /** The set's seat: its own, else its base's. */
  seat: string | undefined;
  /** Permission id to effective grant; a permission without an entry is not granted. */
  effective: ReadonlyMap<string, EffectiveGrant>;
  /** The set's own decisions, with what the set held before each (for redundancy checks). */
  own: ReadonlyMap<string, { decision: LayerDecision; previous: EffectiveGrant | undefined }>;
  /** Permissions its included fragments disagree on: the set's own grant of one decides, never restates. */
  contested: ReadonlySet<string>;
  /** Whether the set is part of an `extends` cycle. */
  inCycle: boolean;
  /**
   * False when the set or an ancestor has an `extends` that did not resolve (unknown base or a
   * cycle): its effective grants are then partial, and rules over them (`requires`, redundancy)
   * would only echo that one error.
   */
  complete: boolean;
}

/** The sets of a project with their effective grants. */
export interface Resolution {
  sets: Map<string, ResolvedSet>;
  /** Each fragment's decisions (computed once, shared by every set that includes it). */
  fragmentLayers: Map<string, Map<string, LayerDecision>>;
}

/** Options of {@link resolveSets}. */
export interface ResolveOptions {
  /** Sets already resolved (the built policies, when custom sets are added at run time). */
  prior?: Resolution;
  /** The program's cache of earlier resolutions. */
  cache?: ResolveCache;
}

/**
 * Stage `resolve` for permission sets: a set's effective grants are its base's, then each
 * fragment's in order, then its own grants, then its `restrict`. Reports unknown bases and
 * fragments, `extends` cycles (each member once, at its `extends`), and fragments that
 * disagree on a permission the set does not decide itself.
 *
 * Chains are walked iteratively, so a 10,000-deep inheritance chain cannot overflow the stack.
 * With `prior`, the sets it holds are reused as they are and only the others are resolved;
 * `cache` carries unchanged sets over from the program's previous compilation (without one,
 * every set is resolved afresh).
 */
export function resolveSets(
  project: ProjectIndex,
  catalog: CatalogIndex,
  problems: Problem[],
  options: ResolveOptions = {},
): Resolution {
  const { prior, cache = new ResolveCache() } = options;
  // With `prior` (the built policies, for custom sets defined at run time), its sets are taken
  // as resolved: only the sets `project` adds are resolved here.
  const sets = new Map<string, ResolvedSet>(prior?.sets);
  const fragmentLayers = new Map<string, Map<string, LayerDecision>>(prior?.fragmentLayers);
  const cycleMembers = new Set<string>();
  const layerOf = (f: FragmentDef) => {
    let layer = fragmentLayers.get(f.id.value);
    if (!layer) {
      layer = computeLayer({ kind: 'fragment', id: f.id.value, grants: f.grants }, catalog);
      fragmentLayers.set(f.id.value, layer);
    }
    return layer;
  };

  for (const startId of project.sets.keys()) {
    if (sets.has(startId)) continue;
    const path: string[] = [];
    const onPath = new Map<string, number>();
    let current: string | undefined = startId;
    while (current !== undefined && !sets.has(current)) {
      const at = onPath.get(current);
      if (at !== undefined) {
        reportCycle(path.slice(at), project, problems);
        for (const id of path.slice(at)) cycleMembers.add(id);
        break;
      }
      onPath.set(current, path.length);
      path.push(current);
      const next: string | undefined = project.sets.get(current)!.extends?.value;
      current = next !== undefined && project.sets.has(next) ? next : undefined;
    }
    for (let i = path.length - 1; i >= 0; i--) {
      const def = project.sets.get(path[i]!)!;
      const inCycle = cycleMembers.has(def.id.value);
      const base = !inCycle && def.extends ? sets.get(def.extends.value) : undefined;
      const fragments = def.include.map((inc) => project.fragments.get(inc.value));
      const previous = cache.sets.get(def);
      if (
        previous &&
        previous.base === base &&
        previous.inCycle === inCycle &&
        previous.catalog === catalog.def &&
        sameItems(previous.fragments, fragments)
      ) {
        for (const f of previous.result.fragments) layerOf(f);
        sets.set(def.id.value, previous.result);
        continue;
      }
      const before = problems.length;
      const result = resolveOne(def, base, inCycle, project, catalog, layerOf, problems, cache.conditions);
      // Only a set resolved without problems is kept: the problems' suggestions and fixes read
      // the whole project (other ids, where files go), which the inputs above do not cover.
      if (problems.length === before) cache.sets.set(def, { base, inCycle, catalog: catalog.def, fragments, result });
      sets.set(def.id.value, result);
    }
  }
  return { sets, fragmentLayers };
}

/** A set's last resolution with what it was computed from. */
export interface ResolvedBefore {
  base: ResolvedSet | undefined;
  inCycle: boolean;
  catalog: CatalogDef | undefined;
  fragments: (FragmentDef | undefined)[];
  result: ResolvedSet;
}

/**
 * What `resolveSets` remembers from one compilation to the next of the same program: each set's
 * last resolution with what it was computed from (the set as written, where every edit of its
 * file makes a new object; its resolved base; its fragments; the catalog). A set is a function
 * of these alone, so when they are the same objects the result is reused, and with it its
 * identity: the language server, recompiling on each keystroke, re-resolves only the sets an
 * edit can reach (and the sets below them), not the whole workspace.
 *
 * Owned by a `Program` (its `CompileCache`), never by the module: two programs in one process
 * share nothing.
 */
export class ResolveCache {
  /** Keyed weakly by the set as written: a replaced file's sets are dropped with it. */
  readonly sets = new WeakMap<PermissionSetDef, ResolvedBefore>();

  /** @param conditions Parsed conditions, to compare grant conditions by meaning (shared with `check`). */
  constructor(readonly conditions: ConditionParseCache = newConditionParseCache()) {}
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function resolveOne(
  def: PermissionSetDef,
  base: ResolvedSet | undefined,
  inCycle: boolean,
  project: ProjectIndex,
  catalog: CatalogIndex,
  layerOf: (f: FragmentDef) => Map<string, LayerDecision>,
  problems: Problem[],
  conditions: ConditionParseCache,
): ResolvedSet {
  const id = def.id.value;
  const uri = def.origin.uri;
  if (def.extends && !project.sets.has(def.extends.value)) {
    // Never the set itself: extending itself is a cycle, not a fix.
    const suggestions = didYouMean(
      def.extends.value,
      [...project.sets.keys()].filter((k) => k !== id),
    );
    const base = def.extends.value;
    const seat = def.seat?.value ?? [...(catalog.def?.seats.keys() ?? [])][0] ?? 'employee';
    problems.push(
      makeProblem(
        'unknown-base',
        `Set '${id}' extends '${base}', but no permission set has that id.${didYouMeanSuffix(suggestions)}`,
        { uri, span: def.extends.span },
        {
          fixes: [
            ...suggestions.map((s, i) => ({
              title: `Replace with '${s}'`,
              isPreferred: i === 0 && suggestions.length === 1,
              edits: [{ uri, span: def.extends!.span, newText: s }],
            })),
            ...(SET_ID.test(base)
              ? [
                  createFileFix(
                    siblingUri(uri, base),
                    `Create permission set '${base}'`,
                    `kind: PermissionSet\nid: ${base}\nname: ${titleOf(base)}\nseat: ${seat}\ngrants: {}\n`,
                  ),
                ]
              : []),
          ],
        },
      ),
    );
  }
  const effective = new Map<string, EffectiveGrant>(base?.effective);

  // Fragments, in order; remember who decided what to find disagreements.
  const fragments: FragmentDef[] = [];
  const byFragment = new Map<string, { index: number; decision: LayerDecision }>();
  const conflicts = new Map<
    string,
    { earlier: number; later: number; permissions: string[]; examples: [LayerDecision, LayerDecision] }
  >();
  const named = new Set<string>();
  def.include.forEach((inc) => {
    const fragment = project.fragments.get(inc.value);
    // A fragment listed twice is the schema's duplicate item; its unknown id is reported once.
    if (!fragment && named.has(inc.value)) return;
    named.add(inc.value);
    if (!fragment) {
      const suggestions = didYouMean(inc.value, project.fragments.keys());
      const home = [...project.fragments.values()][0]?.origin.uri;
      problems.push(
        makeProblem(
          'unknown-fragment',
          `Set '${id}' includes '${inc.value}', but no fragment has that id.${didYouMeanSuffix(suggestions)}`,
          { uri, span: inc.span },
          {
            fixes: [
              ...suggestions.map((s, i) => ({
                title: `Replace with '${s}'`,
                isPreferred: i === 0 && suggestions.length === 1,
                edits: [{ uri, span: inc.span, newText: s }],
              })),
              createFileFix(
                siblingUri(home ?? uri, inc.value),
                `Create fragment '${inc.value}'`,
                `kind: Fragment\nid: ${inc.value}\ndescription: ${titleOf(inc.value)}.\ngrants: {}\n`,
              ),
            ],
          },
        ),
      );
      return;
    }
    const index = fragments.length;
    fragments.push(fragment);
    for (const [permission, decision] of layerOf(fragment)) {
      const prev = byFragment.get(permission);
      if (prev && !sameDecision(prev.decision, decision, conditions)) {
        const key = `${prev.index}:${index}`;
        const c = conflicts.get(key) ?? {
          earlier: prev.index,
          later: index,
          permissions: [],
          examples: [prev.decision, decision],
        };
        c.permissions.push(permission);
        conflicts.set(key, c);
      }
      byFragment.set(permission, { index, decision });
      apply(effective, permission, decision);
    }
  });

  const ownLayer = computeLayer({ kind: 'set', id, grants: def.grants }, catalog);
  for (const c of conflicts.values()) {
    const unresolved = c.permissions.filter((p) => !ownLayer.has(p));
    if (unresolved.length === 0) continue;
    const a = fragments[c.earlier]!;
    const b = fragments[c.later]!;
    const include = def.include.find((x) => x.value === b.id.value)!;
    const first = unresolved[0]!;
    const [da, db] = [layerOf(a).get(first)!, layerOf(b).get(first)!];
    const more =
      unresolved.length > 1
        ? ` (and ${unresolved.length - 1} more: ${unresolved.slice(1, 6).join(', ')}${unresolved.length > 6 ? ', …' : ''})`
        : '';
    problems.push(
      makeProblem(
        'include-conflict',
        `Fragments '${a.id.value}' and '${b.id.value}' give '${first}' different values (${words(da)} vs ${words(db)})${more}. Name the permission in this set's grants to decide.`,
        { uri, span: include.span },
        {
          related: [
            { at: sourceOf(da), message: `'${a.id.value}' grants ${words(da)} here` },
            { at: sourceOf(db), message: `'${b.id.value}' grants ${words(db)} here` },
          ],
        },
      ),
    );
  }

  const own = new Map<string, { decision: LayerDecision; previous: EffectiveGrant | undefined }>();
  for (const [permission, decision] of ownLayer) {
    own.set(permission, { decision, previous: effective.get(permission) });
    apply(effective, permission, decision);
  }

  if (def.restrict && catalog.scope(def.restrict.value)) {
    const to = def.restrict.value;
    const at: SourceRef = { uri, span: def.restrict.span };
    for (const [permission, grant] of effective) {
      if (!catalog.allows(permission, to)) continue;
      if (!grant.scopes.some((s) => s.scope !== to && catalog.covers(s.scope, to))) continue;
      const narrowed = dedupeScopes(
        grant.scopes.map((s) => (s.scope !== to && catalog.covers(s.scope, to) ? { scope: to, when: s.when } : s)),
        conditions,
      );
      // `member` and `member (when c)` once `all (when c)` is narrowed: the unconditional term
      // already grants everything the conditional one does, so only it is kept.
      const scopes = narrowed.filter(
        (t) => !t.when || !narrowed.some((u) => !u.when && (u.scope === t.scope || catalog.covers(u.scope, t.scope))),
      );
      effective.set(permission, {
        permission,
        scopes,
        source: grant.source,
        restrictedBy: { setId: id, at, original: grant },
      });
    }
  }

  const contested = new Set<string>();
  for (const c of conflicts.values()) for (const p of c.permissions) contested.add(p);
  const complete = !inCycle && (def.extends ? base !== undefined && base.complete : true);
  return {
    id,
    def,
    base,
    fragments,
    seat: def.seat?.value ?? base?.seat,
    effective,
    own,
    contested,
    inCycle,
    complete,
  };
}

/** `<folder of uri>/<id>.yaml`: where a new set or fragment file goes (uris and paths alike use `/`). */
function siblingUri(uri: string, id: string): string {
  const slash = uri.lastIndexOf('/');
  return `${slash >= 0 ? uri.slice(0, slash + 1) : ''}${id}.yaml`;
}

/** `manager-restricted` → `Manager restricted`, a starting name for a new file. */
function titleOf(id: string): string {
  const words = id.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function createFileFix(uri: string, title: string, newText: string): ProblemFix {
  return { title, edits: [{ uri, create: true, newText }] };
}

function apply(effective: Map<string, EffectiveGrant>, permission: string, decision: LayerDecision): void {
  if (decision.kind === 'remove') effective.delete(permission);
  else effective.set(permission, decision.grant);
}

function words(d: LayerDecision): string {
  return d.kind === 'remove' ? 'none' : describeScopes(d.grant.scopes);
}

function sourceOf(d: LayerDecision): SourceRef {
  const entry = d.kind === 'remove' ? d.source.entry : d.grant.source.entry;
  return { uri: entry.uri, span: entry.entrySpan };
}

function reportCycle(cycle: string[], project: ProjectIndex, problems: Problem[]): void {
  const defs = cycle.map((id) => project.sets.get(id)!);
  const path = [...cycle, cycle[0]!].join(' → ');
  defs.forEach((def) => {
    const related = defs
      .filter((other) => other !== def && other.extends)
      .map((other) => ({
        at: { uri: other.origin.uri, span: other.extends!.span },
        message: `'${other.id.value}' extends '${other.extends!.value}' here`,
      }));
    const message =
      cycle.length === 1
        ? `Set '${def.id.value}' extends itself.`
        : `Permission sets extend each other in a cycle: ${path}. Inheritance must end at a set without \`extends\`.`;
    problems.push(makeProblem('extends-cycle', message, { uri: def.origin.uri, span: def.extends!.span }, { related }));
  });
}
