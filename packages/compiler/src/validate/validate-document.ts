import type { Problem } from '../diagnostics/index.js';
import { didYouMean, didYouMeanSuffix, makeProblem } from '../diagnostics/index.js';
import type { ParsedDocument } from '../load/index.js';
import { entryOf, toValue } from '../load/index.js';
import { mapAjvErrors } from './ajv-error-mapper.js';
import { KINDS, type Kind, schemaRegistry } from './schema-registry.js';

/** The result of `validate` for one document. */
export interface ValidatedDocument {
  /** The document's kind, when it names a known one (even if the rest is invalid). */
  kind: Kind | undefined;
  problems: Problem[];
}

/**
 * Stage `validate` for one document: determine its `kind` and check it against that kind's
 * JSON Schema. A document with YAML syntax errors gets no schema diagnostics: the parser's
 * recovery would make them noise on top of the real problem.
 */
export function validateDocument(uri: string, doc: ParsedDocument): ValidatedDocument {
  const root = doc.root;
  if (!root) return { kind: undefined, problems: [] };
  const problems: Problem[] = [];
  if (root.kind !== 'map') {
    if (!doc.hasSyntaxErrors) {
      problems.push(
        makeProblem(
          'schema-type',
          `A policy document must be a mapping with a 'kind' key (one of ${KINDS.join(', ')}).`,
          { uri, span: root.span },
        ),
      );
    }
    return { kind: undefined, problems };
  }
  const kindEntry = entryOf(root, 'kind');
  if (!kindEntry) {
    if (!doc.hasSyntaxErrors) {
      const span = root.entries[0]?.key.span ?? root.span;
      problems.push(
        makeProblem('schema-missing-key', `Missing required key 'kind' (one of ${KINDS.join(', ')}).`, { uri, span }),
      );
    }
    return { kind: undefined, problems };
  }
  const value = kindEntry.value;
  const name = value.kind === 'scalar' && typeof value.value === 'string' ? value.value : undefined;
  if (!name || !(KINDS as string[]).includes(name)) {
    const span = value.span[0] === value.span[1] ? kindEntry.key.span : value.span;
    const suggestions = name ? didYouMean(name, KINDS) : [];
    problems.push(
      makeProblem(
        'unknown-kind',
        `Unknown kind '${name ?? (value.kind === 'scalar' ? String(value.value ?? '') : value.kind)}': expected one of ${KINDS.join(', ')}.${didYouMeanSuffix(suggestions)}`,
        { uri, span },
        {
          fixes: suggestions.map((s, i) => ({
            title: `Replace with '${s}'`,
            isPreferred: i === 0,
            edits: [{ uri, span, newText: s }],
          })),
        },
      ),
    );
    return { kind: undefined, problems };
  }
  const kind = name as Kind;
  if (doc.hasSyntaxErrors) return { kind, problems };
  const registry = schemaRegistry();
  const validate = registry.validator(kind);
  if (!validate(toValue(root))) {
    problems.push(
      ...mapAjvErrors([...(validate.errors ?? [])], { uri, root, registry, rootSchema: registry.rootSchema(kind) }),
    );
  }
  return { kind, problems };
}
