import type { Diagnostic, Problem } from '../diagnostics/index.js';
import { type SourceFile, compareDiagnostics, onePerSpan, toDiagnostic } from '../diagnostics/index.js';
import type { LoadOptions, LoadedFile, SourceInput } from '../load/index.js';
import { loadFile } from '../load/index.js';
import type { EntityDef } from '../entities/index.js';
import { buildEntity } from '../entities/index.js';
import { CatalogIndex, indexProject, resolveSets, type ProjectIndex, type Resolution } from '../resolve/index.js';
import { checkProject } from '../check/index.js';
import { validateDocument } from '../validate/index.js';
import { CompileCache } from './compile-cache.js';
import { quietBrokenDocuments, sayWhatIsSkipped, type BrokenDocument } from './broken-documents.js';
import type { OnProgress } from './progress.js';

/** Options of a compilation. */
export interface CompileOptions {
  load?: LoadOptions;
  /**
   * Keep each file's YAML tree after its entities are built (default `true`): editor features
   * need them (`Program.loaded`). A one-shot compilation drops them, so the trees die young and
   * a 10,000-file check spends far less time in the garbage collector.
   */
  retainTrees?: boolean;
  /**
   * The name problems about the project as a whole are reported under (e.g. "no policy files
   * found"): the policy directory in the CLI, the workspace folder in an editor.
   */
  projectUri?: string;
  /** Told after each file and before the whole-project checks ({@link compile} only). */
  onProgress?: OnProgress;
}

/**
 * The resolved, checked project: the entities indexed, the catalog indexed and every set's
 * effective grants with provenance. Editor features read it directly; back ends read the plain
 * data `PolicyModel` built from it (`buildPolicyModel`), which is what "model" means in
 * permset.
 */
export interface ResolvedProject {
  project: ProjectIndex;
  catalog: CatalogIndex;
  resolution: Resolution;
}

/** The result of a compilation. */
export interface CompileResult {
  /** Every diagnostic, sorted by file and position. */
  diagnostics: Diagnostic[];
  /** Whether any diagnostic is an error (back ends refuse to emit then). */
  hasErrors: boolean;
  /** The resolved project (partial when there are errors: back ends decide). */
  resolved: ResolvedProject;
  /** Every file compiled, by uri. */
  files: ReadonlyMap<string, SourceFile>;
}

/** One file after `load` and `validate`: cached until the file changes. */
interface FileUnit {
  loaded: LoadedFile;
  entities: EntityDef[];
  problems: Problem[];
  /** Its documents whose YAML does not parse (see `quietBrokenDocuments`). */
  broken: BrokenDocument[];
}

/**
 * A compilation that can be updated file by file: `setFile` re-loads and re-validates only that
 * file; `compile` re-runs `resolve` and `check` (which are whole-project by nature) over the
 * cached per-file results. The language server keeps one per workspace; the CLI uses
 * {@link compile}. The program does no I/O: sources come in as text or bytes.
 */
export class Program {
  private readonly units = new Map<string, FileUnit>();
  private cached: CompileResult | undefined;
  /** What `resolve` and `check` reuse from the previous compilation: this program's alone. */
  private readonly cache = new CompileCache();

  constructor(private readonly options: CompileOptions = {}) {}

  /** Adds or replaces a file (load + validate of that file only). */
  setFile(input: SourceInput): void {
    this.units.set(input.uri, unitOf(input, this.options.load, this.options.retainTrees ?? true));
    this.cached = undefined;
  }

  /** Forgets a file. */
  removeFile(uri: string): boolean {
    this.cached = undefined;
    return this.units.delete(uri);
  }

  /** Whether a file is part of the program. */
  hasFile(uri: string): boolean {
    return this.units.has(uri);
  }

  /** The uris of all files, sorted. */
  fileUris(): string[] {
    return [...this.units.keys()].sort();
  }

  /** A file's loaded form (tree and text), for editor features that need only `load`. */
  loaded(uri: string): LoadedFile | undefined {
    return this.units.get(uri)?.loaded;
  }

  /** Resolves and checks the whole project; the result is cached until a file changes. */
  compile(): CompileResult {
    if (this.cached) return this.cached;
    const uris = this.fileUris();
    const problems: Problem[] = [];
    const entities: EntityDef[] = [];
    const files = new Map<string, SourceFile>();
    const broken: BrokenDocument[] = [];
    for (const uri of uris) {
      const unit = this.units.get(uri)!;
      files.set(uri, unit.loaded.source);
      problems.push(...unit.problems);
      entities.push(...unit.entities);
      broken.push(...unit.broken);
    }
    const project = indexProject(entities, problems, this.options.projectUri ?? '.');
    const catalog = new CatalogIndex(project.catalog, problems);
    const resolution = resolveSets(project, catalog, problems, { cache: this.cache.resolve });
    checkProject({
      project,
      catalog,
      resolution,
      problems,
      fileText: (uri) => files.get(uri)?.text,
      cache: this.cache.check,
    });
    const diagnostics = onePerSpan(quietBrokenDocuments(problems, broken))
      .map((p) => toDiagnostic(p, (uri) => files.get(uri)))
      .sort(compareDiagnostics);
    this.cached = {
      diagnostics,
      hasErrors: diagnostics.some((d) => d.severity === 1),
      resolved: { project, catalog, resolution },
      files,
    };
    return this.cached;
  }
}

function unitOf(input: SourceInput, options: LoadOptions | undefined, retainTrees: boolean): FileUnit {
  const loaded = loadFile(input, options);
  const problems = [...loaded.problems];
  const entities: EntityDef[] = [];
  const broken: BrokenDocument[] = [];
  for (const doc of loaded.documents) {
    const validated = validateDocument(input.uri, doc);
    problems.push(...validated.problems);
    if (doc.hasSyntaxErrors) {
      const isCatalog = validated.kind === 'Catalog';
      broken.push({ uri: input.uri, span: doc.span, isCatalog });
      sayWhatIsSkipped(problems, input.uri, doc, isCatalog, loaded.documents.length);
      // A half-read catalog would make every reference to what it lost "unknown".
      if (isCatalog) continue;
    }
    if (!validated.kind) continue;
    const entity = buildEntity(input.uri, doc, validated.kind);
    if (entity) entities.push(entity);
  }
  return { loaded: retainTrees ? loaded : { ...loaded, documents: [] }, entities, problems, broken };
}

/** Compiles a set of sources in one go (the CLI's entry point). */
export function compile(sources: readonly SourceInput[], options: CompileOptions = {}): CompileResult {
  const program = new Program({ retainTrees: false, ...options });
  const { onProgress } = options;
  const total = sources.length;
  onProgress?.({ stage: 'compile', done: 0, total });
  for (let i = 0; i < total; i++) {
    program.setFile(sources[i]!);
    onProgress?.({ stage: 'compile', done: i + 1, total });
  }
  onProgress?.({ stage: 'check', done: 0, total: 1 });
  const result = program.compile();
  onProgress?.({ stage: 'check', done: 1, total: 1 });
  return result;
}
