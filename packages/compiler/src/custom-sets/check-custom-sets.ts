import type { GrantFixIntent, Problem, ProblemFix, SourceRef } from '../diagnostics/index.js';
import { DiagnosticSeverity, makeProblem, onePerSpan } from '../diagnostics/index.js';
import type { EntityDef, PermissionSetDef } from '../entities/index.js';
import { buildEntity } from '../entities/index.js';
import {
  CatalogIndex,
  describeScopes,
  extendProject,
  resolveSets,
  type EffectiveScope,
  type ProjectIndex,
  type ResolvedSet,
  type Resolution,
} from '../resolve/index.js';
import { CheckCache, checkGuards, checkSet, localOrigin, type CheckContext } from '../check/index.js';
import { validateDocument } from '../validate/index.js';
import type { CustomSetDiagnostic, JsonPatchOperation } from './custom-set-diagnostic.js';
import {
  DEFAULT_DEFINITION_LIMITS,
  pointerOf,
  readDefinition,
  type DefinitionLimits,
  type DefinitionTree,
} from './definition-tree.js';
import { stripForbidden } from './forbidden-keys.js';
import type { PolicyContext } from './policy-context.js';

/** How many definitions one call takes (docs/custom-sets.md). */
export const MAX_DEFINITIONS = 1_000;

/** Options of {@link checkCustomSets}. */
export interface CustomSetsOptions {
  /** The id of the set of the admin who saves the definitions: nothing may exceed it. */
  grantor?: unknown;
  limits?: DefinitionLimits;
}

/** The outcome of checking one call's definitions. */
export interface CustomSetsCheck {
  diagnostics: CustomSetDiagnostic[];
  /** The resolution of the built policies' sets and the call's. */
  resolution: Resolution;
  project: ProjectIndex;
  catalog: CatalogIndex;
  /** The call's sets that can be decided (no error in them or in a custom base), in call order. */
  decidable: ResolvedSet[];
  /** The JSON Pointer of a place in a definition of the call (`/0/grants/deals.view`); undefined elsewhere. */
  pointerAt(ref: SourceRef): string | undefined;
}

/** The uri of definition N is `custom-sets:/N`. */
export const URI_PREFIX = 'custom-sets:/';

/**
 * Checks custom sets defined at run time with the compiler's own stages: each definition is read
 * into the tree `validate` and `entities` read (see {@link readDefinition}), then indexed with the
 * built policies' entities, resolved with `resolveSets` and checked with `checkSet` and
 * `checkGuards`: the same rules, codes and messages as `permset check`, from the same code.
 * Run-time only rules: no `when`, `system` or `seat` in a definition, and (with a grantor) no
 * grant beyond the grantor's own set. Never throws.
 */
export function checkCustomSets(
  context: PolicyContext,
  definitions: unknown,
  options: CustomSetsOptions = {},
): CustomSetsCheck {
  const limits = options.limits ?? DEFAULT_DEFINITION_LIMITS;
  const diagnostics: CustomSetDiagnostic[] = [];
  const list = readList(definitions, diagnostics);
  const trees: { tree: DefinitionTree; id: string | undefined }[] = [];
  const problems: Problem[] = [];
  const entities: EntityDef[] = [];
  const defs: (PermissionSetDef | undefined)[] = [];
  list.forEach((value, i) => {
    if (value === UNREADABLE) {
      trees.push({ tree: readDefinition(null, limits), id: undefined });
      return defs.push(undefined);
    }
    const tree = readDefinition(value, limits);
    const id = idOf(tree);
    trees.push({ tree, id });
    for (const p of tree.problems)
      diagnostics.push({
        code: p.code,
        severity: 'error',
        message: p.message,
        ...(id !== undefined ? { set: id } : {}),
        path: pointerOf([String(i), ...p.path]),
      });
    if (!tree.doc.root) return defs.push(undefined);
    const uri = URI_PREFIX + i;
    stripForbidden(uri, tree, problems);
    const validated = validateDocument(uri, tree.doc);
    problems.push(...validated.problems);
    const entity = validated.kind === 'PermissionSet' ? buildEntity(uri, tree.doc, 'PermissionSet') : undefined;
    if (entity?.kind === 'PermissionSet') entities.push(entity);
    defs.push(entity?.kind === 'PermissionSet' ? entity : undefined);
  });

  const project = extendProject(context.project, entities, problems);
  // The shared catalog index caches what each wildcard matches: a call with wildcards gets its
  // own index, so tenants' patterns never accumulate in memory.
  const wildcards = entities.some((e) => e.kind === 'PermissionSet' && e.grants.some((g) => g.isPattern));
  const catalog = wildcards ? new CatalogIndex(context.catalog.def) : context.catalog;
  const resolution = resolveSets(project, catalog, problems, { prior: context.resolution });
  // A fresh cache per call: nothing of one tenant's definitions outlives the call.
  const ctx: CheckContext = {
    project,
    catalog,
    resolution,
    fileText: () => undefined,
    problems,
    cache: new CheckCache(),
  };
  const custom = new Set<ResolvedSet>();
  for (const def of defs) {
    const set = def && resolution.sets.get(def.id.value);
    if (set && set.def === def) custom.add(set);
  }
  for (const set of custom) checkSet(ctx, set);
  checkGuards(ctx, custom);
  if (options.grantor !== undefined) checkGrantor(ctx, custom, options.grantor, diagnostics);

  const failed = new Set<number>();
  // The rule \`permset check\` applies: one mistake, one diagnostic (diagnostics/one-per-span.ts).
  for (const p of onePerSpan(problems)) {
    if (!p.uri.startsWith(URI_PREFIX)) continue;
    const index = Number(p.uri.slice(URI_PREFIX.length));
    const entry = trees[index];
    if (!entry) continue;
    const d = toCustomDiagnostic(p, index, entry.tree, entry.id);
    if (d.severity === 'error') failed.add(index);
    diagnostics.push(d);
  }
  for (const d of diagnostics) if (d.severity === 'error') failed.add(Number(d.path.split('/')[1]));

  const decidable: ResolvedSet[] = [];
  const broken = new Set<ResolvedSet>();
  defs.forEach((def, i) => {
    const set = def && resolution.sets.get(def.id.value);
    if (set && set.def === def && failed.has(i)) broken.add(set);
  });
  for (const set of custom) {
    let ok = set.complete;
    for (let s: ResolvedSet | undefined = set; s && ok; s = s.base) if (broken.has(s)) ok = false;
    if (ok) decidable.push(set);
  }
  diagnostics.sort((a, b) => orderOf(a.path) - orderOf(b.path) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const pointerAt = (ref: SourceRef): string | undefined => {
    if (!ref.uri.startsWith(URI_PREFIX)) return undefined;
    const index = ref.uri.slice(URI_PREFIX.length);
    const path = trees[Number(index)]?.tree.pointers.get(ref.span[0]);
    return path ? pointerOf([index, ...path]) : undefined;
  };
  return { diagnostics, resolution, project, catalog, decidable, pointerAt };
}

const UNREADABLE = Symbol('unreadable');

function readList(definitions: unknown, diagnostics: CustomSetDiagnostic[]): unknown[] {
  try {
    if (!Array.isArray(definitions)) {
      diagnostics.push({
        code: 'custom-set-value',
        severity: 'error',
        message: 'withCustomSets takes an array of definitions.',
        path: '',
      });
      return [];
    }
    const length = definitions.length;
    if (length > MAX_DEFINITIONS) {
      diagnostics.push({
        code: 'custom-set-limit',
        severity: 'error',
        message: `One call takes at most ${MAX_DEFINITIONS} definitions; this has ${length}.`,
        path: '',
      });
      return [];
    }
    const out: unknown[] = [];
    for (let i = 0; i < length; i++) {
      const d = Reflect.getOwnPropertyDescriptor(definitions, i);
      if (d && !d.get && !d.set) out.push(d.value);
      else {
        const message = d
          ? 'A getter or setter is not a JSON value; it is not called.'
          : `Item ${i} is missing (a sparse list); definitions must be JSON.`;
        diagnostics.push({ code: 'custom-set-value', severity: 'error', message, path: pointerOf([String(i)]) });
        out.push(UNREADABLE);
      }
    }
    return out;
  } catch {
    diagnostics.push({
      code: 'custom-set-value',
      severity: 'error',
      message: 'The definitions could not be read (an object threw when inspected); they must be JSON.',
      path: '',
    });
    return [];
  }
}

function idOf(tree: DefinitionTree): string | undefined {
  const root = tree.doc.root;
  if (!root || root.kind !== 'map') return undefined;
  const id = root.entries.find((e) => e.name === 'id')?.value;
  return id?.kind === 'scalar' && typeof id.value === 'string' ? id.value : undefined;
}

function orderOf(path: string): number {
  const n = Number(path.split('/')[1]);
  return Number.isFinite(n) ? n : -1;
}

function toCustomDiagnostic(
  p: Problem,
  index: number,
  tree: DefinitionTree,
  id: string | undefined,
): CustomSetDiagnostic {
  const path = tree.pointers.get(p.span[0]) ?? [];
  const d: CustomSetDiagnostic = {
    code: p.code,
    severity: p.severity === DiagnosticSeverity.Error ? 'error' : 'warning',
    message: p.message,
    ...(id !== undefined ? { set: id } : {}),
    path: pointerOf([String(index), ...path]),
  };
  const fix = patchOf(p.fixes ?? [], index, tree);
  if (fix) d.fix = fix;
  return d;
}

/**
 * The first of the compiler's fixes that has a JSON form: a grant edit (set or remove a grant,
 * `requires-missing`, `guard-violated`, `redundant-grant`: the same producer's `grant` intent),
 * or text edits replacing a key (a move) or a value (did-you-mean).
 */
function patchOf(fixes: readonly ProblemFix[], index: number, tree: DefinitionTree): CustomSetDiagnostic['fix'] {
  const ordered = [...fixes.filter((f) => f.isPreferred), ...fixes.filter((f) => !f.isPreferred)];
  for (const fix of ordered) {
    if (fix.grant) {
      const patch = grantPatch(fix.grant, index, tree);
      if (patch) return { title: fix.title, patch: [patch] };
      continue;
    }
    const patch: JsonPatchOperation[] = [];
    for (const edit of fix.edits) {
      if (!edit.span) break;
      const path = tree.pointers.get(edit.span[0]);
      if (!path) break;
      const pointer = pointerOf([String(index), ...path]);
      if (tree.keyStarts.has(edit.span[0]))
        patch.push({ op: 'move', from: pointer, path: pointerOf([String(index), ...path.slice(0, -1), edit.newText]) });
      else patch.push({ op: 'replace', path: pointer, value: edit.newText });
    }
    if (patch.length === fix.edits.length && patch.length > 0) return { title: fix.title, patch };
  }
  return undefined;
}

/** A grant intent of definition `index` as one JSON Patch operation (none for another definition). */
function grantPatch(grant: GrantFixIntent, index: number, tree: DefinitionTree): JsonPatchOperation | undefined {
  if (grant.uri !== URI_PREFIX + index) return undefined;
  const root = tree.doc.root;
  const grants = root?.kind === 'map' ? root.entries.find((e) => e.name === 'grants')?.value : undefined;
  const at = pointerOf([String(index), 'grants', grant.key]);
  const has = grants?.kind === 'map' && grants.entries.some((e) => e.name === grant.key);
  if (grant.kind === 'remove') return has ? { op: 'remove', path: at } : undefined;
  if (has) return { op: 'replace', path: at, value: grant.value };
  if (grants?.kind === 'map') return { op: 'add', path: at, value: grant.value };
  // No grants object (or not an object, which is an error of its own): write one.
  return grants
    ? undefined
    : { op: 'add', path: pointerOf([String(index), 'grants']), value: { [grant.key]: grant.value } };
}

/**
 * `exceeds-grantor`: a definition may grant only what the grantor's own set can do: each granted
 * scope must be covered by a scope of the grantor's grant of the permission, with no condition or
 * the same one.
 */
function checkGrantor(
  ctx: CheckContext,
  custom: ReadonlySet<ResolvedSet>,
  grantor: unknown,
  diagnostics: CustomSetDiagnostic[],
): void {
  const own = typeof grantor === 'string' ? ctx.resolution.sets.get(grantor) : undefined;
  if (!own) {
    diagnostics.push({
      code: 'unknown-set',
      severity: 'error',
      message: `Unknown grantor set ${typeof grantor === 'string' ? `'${grantor.slice(0, 200)}'` : `(${typeof grantor})`}: the grantor is the id of a permission set.`,
      path: '',
    });
    for (const set of custom)
      diagnostics.push({
        code: 'exceeds-grantor',
        severity: 'error',
        message: `Set '${set.id}' cannot be checked against an unknown grantor, so it is not saved as valid.`,
        set: set.id,
        path: pointerOf([set.def.origin.uri.slice(URI_PREFIX.length)]),
      });
    return;
  }
  for (const set of custom) {
    for (const [permission, grant] of set.effective) {
      const held = own.effective.get(permission);
      const beyond = grant.scopes.filter((s) => !held || !held.scopes.some((h) => covered(ctx, h, s)));
      if (beyond.length === 0) continue;
      const origin = localOrigin(ctx.resolution, set, permission);
      const at = origin?.at ?? { uri: set.def.origin.uri, span: set.def.id.span };
      const has = held
        ? `it grants '${permission}' only ${describeScopes(held.scopes)}`
        : `it does not grant '${permission}'`;
      ctx.problems.push(
        makeProblem(
          'exceeds-grantor',
          `Set '${set.id}' grants '${permission}' (${describeScopes(beyond)}), more than the grantor's set '${own.id}' can do: ${has}.`,
          at,
        ),
      );
    }
  }
}

function covered(ctx: CheckContext, held: EffectiveScope, wanted: EffectiveScope): boolean {
  if (!ctx.catalog.covers(held.scope, wanted.scope)) return false;
  return held.when === undefined || held.when.text === wanted.when?.text;
}
