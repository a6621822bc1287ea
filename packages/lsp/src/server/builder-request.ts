import { VERSION, builderData, builderModule, builderPage, customSetsOutputs, definitionInText, definitionYaml, generateEvaluator, type CompileResult, type RulesSource } from '@permset/compiler';
import { ErrorCodes, ResponseError } from 'vscode-languageserver';
import { normalizeUri } from '../language-service/uri.js';
import type { BuilderParams, BuilderResult, DefinitionTextParams, DefinitionTextResult } from './custom-protocol.js';
import type { CompiledWorkspace } from './compiled-workspace.js';

// An id that is safe as a file name and is a valid set id (kebab-case, as the language wants).
const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

// One page per compilation: reopening the builder without an edit between builds nothing again.
const pages = new WeakMap<CompileResult, { html: string; live: boolean }>();

/**
 * {@link BuilderParams} → the builder's webview page for the project, and a custom set to edit.
 * The page carries the workspace's own evaluator.js and custom-sets.js (as builder.html does),
 * so the element shows the diagnostics of `withCustomSets` live, with the rules `permset check`
 * runs. While the workspace has errors, or without a custom-sets run time, it carries no rules:
 * the element checks nothing live (it says so) and the saved file is checked like any other.
 */
export function builderRequest(project: CompiledWorkspace, params: BuilderParams | undefined, customSetsRuntime: () => string | undefined = () => undefined): BuilderResult {
  const data = builderData(project.model);
  let page = pages.get(project.result);
  if (!page) {
    const rules = builderRules(project, customSetsRuntime);
    page = { html: builderPage(builderModule(data, { version: VERSION, rules }), 'vscode', rules.kind === 'none' ? 'external' : 'live'), live: rules.kind !== 'none' };
    pages.set(project.result, page);
  }
  const result: BuilderResult = {
    folderUri: project.ws.folderUri,
    errors: project.errors,
    html: page.html,
    liveDiagnostics: page.live,
    bases: data.sets.filter((s) => s.system).map((s) => ({ id: s.id, name: s.name, customizable: s.customizable })),
  };
  let id = params?.set;
  if (id === undefined && params?.edit === true) {
    const file = typeof params.uri === 'string' ? normalizeUri(params.uri) : '';
    const custom = [...project.result.resolved.resolution.sets.values()].filter((s) => s.def.origin.uri === file);
    if (!custom.length) throw new ResponseError(ErrorCodes.InvalidParams, 'This file defines no permission set: open a custom set\'s file (policies/sets/custom/…) to edit it in the builder.');
    id = custom[0]!.id;
  }
  if (id === undefined) return result;
  const set = typeof id === 'string' ? project.result.resolved.resolution.sets.get(id) : undefined;
  if (!set) throw new ResponseError(ErrorCodes.InvalidParams, `Unknown permission set ${JSON.stringify(id)}.`);
  if (set.def.system) throw new ResponseError(ErrorCodes.InvalidParams, `${id} is a system set: the builder edits custom sets only.`);
  const uri = set.def.origin.uri;
  const source = project.ws.sourceFile(uri);
  const found = source ? definitionInText(source.text, id) : undefined;
  if (!source || !found) throw new ResponseError(ErrorCodes.InvalidParams, `The document of ${id} in ${uri} could not be read as data.`);
  const start = source.positionAt(found.span[0]);
  const end = source.positionAt(found.span[1]);
  result.existing = { definition: found.definition, uri, range: { start, end } };
  return result;
}

/** The workspace's evaluator.js and custom-sets.js, inline, or none (errors, or no run time). */
function builderRules(project: CompiledWorkspace, customSetsRuntime: () => string | undefined): RulesSource {
  const runtime = project.result.hasErrors || project.errors > 0 ? undefined : customSetsRuntime();
  if (runtime === undefined) return { kind: 'none' };
  const evaluatorJs = generateEvaluator(project.model, { version: VERSION })['evaluator.js'];
  const customSetsJs = customSetsOutputs(project.result, project.model, { fileName: project.fileName, evaluatorJs, runtime, version: VERSION })['custom-sets.js'];
  return { kind: 'inline', evaluatorJs, customSetsJs };
}

/** {@link DefinitionTextParams} → the canonical file of a saved definition and where a new one goes. */
export function definitionTextRequest(project: CompiledWorkspace, params: DefinitionTextParams | undefined): DefinitionTextResult {
  const definition = params?.definition;
  if (!definition || typeof definition !== 'object' || Array.isArray(definition)) throw new ResponseError(ErrorCodes.InvalidParams, 'permset/definitionText needs a definition (an object).');
  const id = definition['id'];
  if (typeof id !== 'string' || !ID.test(id)) throw new ResponseError(ErrorCodes.InvalidParams, `A custom set's id must be kebab-case (like regional-lead), not ${JSON.stringify(id ?? null)}.`);
  const policyFolder = project.ws.rootUri.replace(/\/+$/, '');
  return { text: definitionYaml(definition), uri: `${policyFolder}/sets/custom/${id}.yaml` };
}
