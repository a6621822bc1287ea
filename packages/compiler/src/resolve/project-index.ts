import type { Problem } from '../diagnostics/index.js';
import { makeProblem } from '../diagnostics/index.js';
import type {
  CatalogDef,
  EntityDef,
  FragmentDef,
  GuardDef,
  PermissionSetDef,
  TestSuiteDef,
} from '../entities/index.js';

/** Every entity of a project, indexed by id (the first definition of an id wins). */
export interface ProjectIndex {
  catalog: CatalogDef | undefined;
  sets: Map<string, PermissionSetDef>;
  fragments: Map<string, FragmentDef>;
  guards: Map<string, GuardDef>;
  testSuites: TestSuiteDef[];
}

/**
 * Indexes the entities of all files (in the given, deterministic order) and reports project-level
 * problems: no catalog, several catalogs, an id defined twice.
 */
export function indexProject(
  entities: readonly EntityDef[],
  problems: Problem[],
  emptyProjectUri: string,
): ProjectIndex {
  const index: ProjectIndex = {
    catalog: undefined,
    sets: new Map(),
    fragments: new Map(),
    guards: new Map(),
    testSuites: [],
  };
  const catalogs = addEntities(index, entities, problems);
  index.catalog = catalogs[0];
  for (const extra of catalogs.slice(1)) {
    problems.push(
      makeProblem(
        'multiple-catalogs',
        'A project has exactly one Catalog; this is a second one and is ignored.',
        { uri: extra.origin.uri, span: extra.origin.kindSpan },
        {
          related: [
            { at: { uri: catalogs[0]!.origin.uri, span: catalogs[0]!.origin.kindSpan }, message: 'the Catalog in use' },
          ],
        },
      ),
    );
  }
  if (!index.catalog) {
    // Point at the first policy document there is, so the problem shows in an editor; with no
    // documents at all, at the project itself.
    const first = entities[0];
    const at = first
      ? { uri: first.origin.uri, span: first.origin.kindSpan }
      : { uri: emptyProjectUri, span: [0, 0] as const };
    problems.push(
      makeProblem(
        'missing-catalog',
        first
          ? 'The project has no Catalog (a document with `kind: Catalog`): permissions, scopes and seats cannot be checked.'
          : 'No policy documents found: a project needs a Catalog (a YAML document with `kind: Catalog`) and permission sets.',
        at,
      ),
    );
  }
  return index;
}

/**
 * A project of `base` (already indexed, not changed) plus `entities` (custom sets defined at run
 * time): the same duplicate-id rule as {@link indexProject}, an entity of `entities` being the
 * later definition. Only sets, fragments and guards are taken from `entities`.
 */
export function extendProject(base: ProjectIndex, entities: readonly EntityDef[], problems: Problem[]): ProjectIndex {
  const index: ProjectIndex = {
    catalog: base.catalog,
    sets: new Map(base.sets),
    fragments: new Map(base.fragments),
    guards: new Map(base.guards),
    testSuites: base.testSuites,
  };
  addEntities(
    index,
    entities.filter((e) => e.kind !== 'Catalog' && e.kind !== 'TestSuite'),
    problems,
  );
  return index;
}

/** Adds entities in order, reporting an id defined twice at the later definition; returns the catalogs seen. */
function addEntities(index: ProjectIndex, entities: readonly EntityDef[], problems: Problem[]): CatalogDef[] {
  const catalogs: CatalogDef[] = [];
  const dup = (
    what: string,
    id: string,
    first: { origin: { uri: string }; id: { span: readonly [number, number] } },
    second: { origin: { uri: string }; id: { span: readonly [number, number] } },
  ) =>
    problems.push(
      makeProblem(
        'duplicate-id',
        `The ${what} id '${id}' is already defined; ids must be unique.`,
        { uri: second.origin.uri, span: second.id.span },
        {
          related: [{ at: { uri: first.origin.uri, span: first.id.span }, message: `'${id}' is first defined here` }],
        },
      ),
    );
  for (const e of entities) {
    switch (e.kind) {
      case 'Catalog':
        catalogs.push(e);
        break;
      case 'PermissionSet': {
        const first = index.sets.get(e.id.value);
        if (first) dup('permission set', e.id.value, first, e);
        else index.sets.set(e.id.value, e);
        break;
      }
      case 'Fragment': {
        const first = index.fragments.get(e.id.value);
        if (first) dup('fragment', e.id.value, first, e);
        else index.fragments.set(e.id.value, e);
        break;
      }
      case 'Guard': {
        const first = index.guards.get(e.id.value);
        if (first) dup('guard', e.id.value, first, e);
        else index.guards.set(e.id.value, e);
        break;
      }
      case 'TestSuite':
        index.testSuites.push(e);
        break;
    }
  }
  return catalogs;
}
