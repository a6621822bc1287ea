import { builderData, builderModule, builderPage, definitionInText, definitionYaml } from '@permset/compiler';
import { ErrorCodes, ResponseError } from 'vscode-languageserver';
import { normalizeUri } from '../language-service/uri.js';
import type { BuilderParams, BuilderResult, DefinitionTextParams, DefinitionTextResult } from './custom-protocol.js';
import type { CompiledWorkspace } from './compiled-workspace.js';

// An id that is safe as a file name and is a valid set id (kebab-case, as the language wants).
const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** {@link BuilderParams} → the builder's webview page for the project, and a custom set to edit. */
export function builderRequest(project: CompiledWorkspace, params: BuilderParams | undefined): BuilderResult {
  const data = builderData(project.model);
  const result: BuilderResult = {
    folderUri: project.ws.folderUri,
    errors: project.errors,
    html: builderPage(builderModule(data), 'vscode'),
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

/** {@link DefinitionTextParams} → the canonical file of a saved definition and where a new one goes. */
export function definitionTextRequest(project: CompiledWorkspace, params: DefinitionTextParams | undefined): DefinitionTextResult {
  const definition = params?.definition;
  if (!definition || typeof definition !== 'object' || Array.isArray(definition)) throw new ResponseError(ErrorCodes.InvalidParams, 'permset/definitionText needs a definition (an object).');
  const id = definition['id'];
  if (typeof id !== 'string' || !ID.test(id)) throw new ResponseError(ErrorCodes.InvalidParams, `A custom set's id must be kebab-case (like regional-lead), not ${JSON.stringify(id ?? null)}.`);
  const policyFolder = project.ws.rootUri.replace(/\/+$/, '');
  return { text: definitionYaml(definition), uri: `${policyFolder}/sets/custom/${id}.yaml` };
}
