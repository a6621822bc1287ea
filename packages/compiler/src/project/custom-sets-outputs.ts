import { generateCustomSets, type CustomSetsFiles } from '../emit/index.js';
import type { PolicyModel } from '../policy-model/index.js';
import type { CompileResult } from '../program/index.js';

/** What {@link customSetsOutputs} needs besides the compilation. */
export interface CustomSetsOutputOptions {
  /** Names a policy file as the model does (`policies/sets/x.yaml`). */
  fileName: (uri: string) => string;
  /** The evaluator.js generated from the same model (custom-sets.js imports it; its header hash is reused). */
  evaluatorJs: string;
  /** The bundled run time (scripts/bundle-custom-sets.mjs); the caller reads it, this does no I/O. */
  runtime: string;
  /** Stamped into the header. */
  version: string;
}

/**
 * custom-sets.js and its companions for a compiled policy folder: what `permset build` writes
 * and what the editor's builder view embeds, so both check definitions with the same rules.
 * The policy sources are embedded with LF line breaks: the same policies checked out with CRLF
 * give the same bytes.
 */
export function customSetsOutputs(
  result: CompileResult,
  model: PolicyModel,
  options: CustomSetsOutputOptions,
): CustomSetsFiles {
  const sources = customSetsSourceUris(result).map((uri) => ({
    uri: options.fileName(uri),
    text: (result.files.get(uri)?.text ?? '').replace(/\r\n?/g, '\n'),
  }));
  const modelHash = /from the policy model (\S+)\./.exec(options.evaluatorJs)?.[1] ?? '';
  return generateCustomSets({
    model,
    compiled: result.resolved,
    sources,
    runtime: options.runtime,
    header: { version: options.version, modelHash },
  });
}

/** The files custom-sets.js re-reads: those of the catalog, sets, fragments and guards (not test suites). */
export function customSetsSourceUris(result: CompileResult): string[] {
  const { project } = result.resolved;
  const uris = new Set<string>();
  if (project.catalog) uris.add(project.catalog.origin.uri);
  for (const e of [...project.sets.values(), ...project.fragments.values(), ...project.guards.values()])
    uris.add(e.origin.uri);
  return [...uris];
}
