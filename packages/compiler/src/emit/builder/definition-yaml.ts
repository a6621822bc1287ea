import { Document, isMap, isSeq, parseAllDocuments, visit } from 'yaml';
import { formatPolicyText } from '../../format/index.js';

/**
 * A run-time definition (what `<permset-builder>` emits) as a `PermissionSet` file in the
 * canonical format of `permset fmt`: `kind` first, then the schema's key order. Keys and values
 * are written as data (YAML quotes what needs quoting); a definition is never read as code.
 */
export function definitionYaml(definition: Record<string, unknown>): string {
  const { kind: _kind, ...rest } = definition;
  const doc = new Document({ kind: 'PermissionSet', ...rest });
  // Lists of scopes and fragments in flow style, as the shipped policies write them: `[own, member]`.
  visit(doc, {
    Seq(_key, node) {
      if (isSeq(node)) node.flow = true;
    },
  });
  const text = doc.toString({ lineWidth: 0, indentSeq: true });
  return formatPolicyText(text).text;
}

/** A `PermissionSet` document found in a policy file, as data, with where it is. */
export interface DefinitionInFile {
  definition: Record<string, unknown>;
  /** The document's text span `[start, end)` in the file, for an edit that replaces it. */
  span: [number, number];
}

/**
 * The `PermissionSet` document with id `id` in a policy file's text, as data without `kind`
 * (what the builder loads to edit an existing custom set); undefined when the file has no such
 * document or it does not parse.
 */
export function definitionInText(text: string, id: string): DefinitionInFile | undefined {
  let docs;
  try {
    docs = parseAllDocuments(text, { prettyErrors: false });
  } catch {
    return undefined;
  }
  if (!Array.isArray(docs)) return undefined;
  for (const doc of docs) {
    if (doc.errors.length || !isMap(doc.contents)) continue;
    const value = doc.toJS({ maxAliasCount: 100 }) as Record<string, unknown> | null;
    if (!value || value.kind !== 'PermissionSet' || value.id !== id) continue;
    const { kind: _kind, ...definition } = value;
    const [start, , end] = doc.range;
    return { definition, span: [start, end] };
  }
  return undefined;
}
