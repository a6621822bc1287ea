import {
  VERSION,
  buildPolicyModel,
  builderData,
  builderModule,
  builderPage,
  compile,
  customSetsOutputs,
  customSetsSourceUris,
  definitionInText,
  definitionYaml,
  generateEvaluator,
  type CompileResult,
  type PolicyModel,
  type RulesSource,
} from '@permset/compiler';
import { ErrorCodes, ResponseError } from 'vscode-languageserver';
import { normalizeUri } from '../language-service/uri.js';
import type { BuilderParams, BuilderResult, DefinitionTextParams, DefinitionTextResult } from './custom-protocol.js';
import type { CompiledWorkspace } from './compiled-workspace.js';
import type { StateKey } from '../language-service/workspace-state.js';

// An id that is safe as a file name and is a valid set id (kebab-case, as the language wants).
const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

// One page per compilation (and set edited): reopening the builder without an edit between
// builds nothing again.
const BUILDER_PAGES: StateKey<WeakMap<CompileResult, Map<string, BuilderPage>>> = {
  name: 'builder pages',
  create: () => new WeakMap(),
};

/** A builder page, and the bases it offers. */
interface BuilderPage {
  html: string;
  live: boolean;
  bases: BuilderResult['bases'];
}

/** The custom set a builder edits: its definition and where its document is. */
interface EditedSet {
  definition: Record<string, unknown>;
  uri: string;
  span: readonly [number, number];
  range: NonNullable<BuilderResult['existing']>['range'];
}

/**
 * {@link BuilderParams} → the builder's webview page for the project, and a custom set to edit.
 * The page carries the workspace's own evaluator.js and custom-sets.js (as builder.html does),
 * so the element shows the diagnostics of `withCustomSets` live, with the rules `permset check`
 * runs. For an existing set they are the rules of the workspace without that set's document (a
 * set is not a duplicate of itself). While the workspace has errors, or without a custom-sets
 * run time, the page carries no rules: the element checks nothing live (it says so) and the
 * saved file is checked like any other.
 */
export function builderRequest(
  project: CompiledWorkspace,
  params: BuilderParams | undefined,
  customSetsRuntime: () => string | undefined = () => undefined,
): BuilderResult {
  const edited = editedSet(project, params);
  const key = edited ? `${edited.uri}#${edited.span[0]}-${edited.span[1]}` : '';
  const pages = project.ws.state.get(BUILDER_PAGES);
  let cached = pages.get(project.result);
  if (!cached) pages.set(project.result, (cached = new Map()));
  let page = cached.get(key);
  if (!page) cached.set(key, (page = builderPageFor(project, edited, customSetsRuntime)));
  const result: BuilderResult = {
    folderUri: project.ws.folderUri,
    errors: project.errors,
    html: page.html,
    liveDiagnostics: page.live,
    bases: page.bases,
  };
  if (edited) result.existing = { definition: edited.definition, uri: edited.uri, range: edited.range };
  return result;
}

/** The set `params` asks to edit (`set`, or the one defined in the file `uri` with `edit`). */
function editedSet(project: CompiledWorkspace, params: BuilderParams | undefined): EditedSet | undefined {
  let id = params?.set;
  if (id === undefined && params?.edit === true) {
    const file = typeof params.uri === 'string' ? normalizeUri(params.uri) : '';
    const custom = [...project.result.resolved.resolution.sets.values()].filter((s) => s.def.origin.uri === file);
    if (!custom.length)
      throw new ResponseError(
        ErrorCodes.InvalidParams,
        "This file defines no permission set: open a custom set's file (policies/sets/custom/…) to edit it in the builder.",
      );
    id = custom[0]!.id;
  }
  if (id === undefined) return undefined;
  const set = typeof id === 'string' ? project.result.resolved.resolution.sets.get(id) : undefined;
  if (!set) throw new ResponseError(ErrorCodes.InvalidParams, `Unknown permission set ${JSON.stringify(id)}.`);
  if (set.def.system)
    throw new ResponseError(ErrorCodes.InvalidParams, `${id} is a system set: the builder edits custom sets only.`);
  const uri = set.def.origin.uri;
  const source = project.ws.sourceFile(uri);
  const found = source ? definitionInText(source.text, id) : undefined;
  if (!source || !found)
    throw new ResponseError(ErrorCodes.InvalidParams, `The document of ${id} in ${uri} could not be read as data.`);
  return {
    definition: found.definition,
    uri,
    span: found.span,
    range: { start: source.positionAt(found.span[0]), end: source.positionAt(found.span[1]) },
  };
}

/** The page of the builder: on the workspace without the edited set's document, if any. */
function builderPageFor(
  project: CompiledWorkspace,
  edited: EditedSet | undefined,
  customSetsRuntime: () => string | undefined,
): BuilderPage {
  let result = project.result;
  let model = project.model;
  if (edited) {
    // The files custom-sets.js embeds (test suites may name the set: they are not rules).
    const sources = customSetsSourceUris(project.result).map((uri) => {
      const text = project.result.files.get(uri)?.text ?? '';
      return { uri, text: uri === edited.uri ? text.slice(0, edited.span[0]) + text.slice(edited.span[1]) : text };
    });
    result = compile(sources);
    model = buildPolicyModel(result, { fileName: project.fileName });
  }
  const rules = builderRules(result, model, project, customSetsRuntime);
  const data = builderData(rules.kind === 'none' ? project.model : model);
  return {
    html: builderPage(
      builderModule(data, { version: VERSION, rules }),
      'vscode',
      rules.kind === 'none' ? 'external' : 'live',
    ),
    live: rules.kind !== 'none',
    bases: data.sets.filter((s) => s.system).map((s) => ({ id: s.id, name: s.name, customizable: s.customizable })),
  };
}

/** The evaluator.js and custom-sets.js of a compilation, inline, or none (errors, or no run time). */
function builderRules(
  result: CompileResult,
  model: PolicyModel,
  project: CompiledWorkspace,
  customSetsRuntime: () => string | undefined,
): RulesSource {
  const runtime = result.hasErrors || project.errors > 0 ? undefined : customSetsRuntime();
  if (runtime === undefined) return { kind: 'none' };
  const evaluatorJs = generateEvaluator(model, { version: VERSION })['evaluator.js'];
  const customSetsJs = customSetsOutputs(result, model, {
    fileName: project.fileName,
    evaluatorJs,
    runtime,
    version: VERSION,
  })['custom-sets.js'];
  return { kind: 'inline', evaluatorJs, customSetsJs };
}

/** {@link DefinitionTextParams} → the canonical file of a saved definition and where a new one goes. */
export function definitionTextRequest(
  project: CompiledWorkspace,
  params: DefinitionTextParams | undefined,
): DefinitionTextResult {
  const definition = params?.definition;
  if (!definition || typeof definition !== 'object' || Array.isArray(definition))
    throw new ResponseError(ErrorCodes.InvalidParams, 'permset/definitionText needs a definition (an object).');
  const id = definition['id'];
  if (typeof id !== 'string' || !ID.test(id))
    throw new ResponseError(
      ErrorCodes.InvalidParams,
      `A custom set's id must be kebab-case (like regional-lead), not ${JSON.stringify(id ?? null)}.`,
    );
  const policyFolder = project.ws.rootUri.replace(/\/+$/, '');
  return { text: definitionYaml(definition), uri: `${policyFolder}/sets/custom/${id}.yaml` };
}
