import type { Problem, SourceFile } from '../diagnostics/index.js';
import type { SourceInput } from '../load/index.js';
import { loadFile } from '../load/index.js';
import type { EntityDef } from '../entities/index.js';
import { buildEntity } from '../entities/index.js';
import { CatalogIndex, indexProject, resolveSets, type ProjectIndex, type Resolution } from '../resolve/index.js';
import { validateDocument } from '../validate/index.js';

/**
 * The built policies as custom sets see them: the catalog, the sets to extend, the fragments to
 * include and the guards to obey, resolved once and shared (read-only) by every call.
 */
export interface PolicyContext {
  project: ProjectIndex;
  catalog: CatalogIndex;
  resolution: Resolution;
  /** The built policies' files (for the locations a preview shows). */
  files: ReadonlyMap<string, SourceFile>;
  /** Problems in the built policies themselves (none for policies `permset build` accepted). */
  problems: readonly Problem[];
}

/**
 * Reads the built policies' sources through the compiler's `load`, `validate`, `entities` and
 * `resolve` stages (`check` already passed when they were built). The sources are data embedded
 * in custom-sets.js; nothing here runs any of it.
 */
export function policyContext(sources: readonly SourceInput[]): PolicyContext {
  const problems: Problem[] = [];
  const entities: EntityDef[] = [];
  const files = new Map<string, SourceFile>();
  for (const input of [...sources].sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0))) {
    const loaded = loadFile(input);
    files.set(input.uri, loaded.source);
    problems.push(...loaded.problems);
    for (const doc of loaded.documents) {
      const validated = validateDocument(input.uri, doc);
      problems.push(...validated.problems);
      if (!validated.kind || validated.kind === 'TestSuite') continue;
      const entity = buildEntity(input.uri, doc, validated.kind);
      if (entity) entities.push(entity);
    }
  }
  const project = indexProject(entities, problems, '.');
  const catalog = new CatalogIndex(project.catalog, problems);
  const resolution = resolveSets(project, catalog, problems);
  return { project, catalog, resolution, files, problems };
}

/** The context of a compilation already done (the CLI checks definitions against a policy folder). */
export function policyContextOf(
  resolved: { project: ProjectIndex; catalog: CatalogIndex; resolution: Resolution },
  files: ReadonlyMap<string, SourceFile>,
): PolicyContext {
  return { project: resolved.project, catalog: resolved.catalog, resolution: resolved.resolution, files, problems: [] };
}
