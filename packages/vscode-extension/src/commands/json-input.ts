import type { ExplainParams } from '../../../lsp/src/server/custom-protocol.js';
import type { ExplainForm } from '../views/explain-html.js';

/** What a JSON input box or text area holds: an object, nothing, or a problem to show. */
export type JsonObjectInput = { ok: true; value: Record<string, unknown> | undefined } | { ok: false; error: string };

/**
 * Reads the subject, resource or context of an explanation as typed: empty means none; else it
 * must be one JSON object (`{"id": "u1"}`). The error says what is wrong in words, for an input
 * box's validation message.
 */
export function parseJsonObject(text: string, what: string): JsonObjectInput {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: undefined };
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch (e) {
    return { ok: false, error: `The ${what} is not valid JSON: ${(e as Error).message}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, error: `The ${what} must be a JSON object, like {"id": "u1"}.` };
  return { ok: true, value: value as Record<string, unknown> };
}

/** The `permset/explain` request of an explain form; throws with the problem when a field is not a JSON object. */
export function explainParams(folderUri: string, form: ExplainForm): ExplainParams {
  const params: ExplainParams = { uri: folderUri, set: form.set, permission: form.permission };
  for (const key of ['subject', 'resource', 'context'] as const) {
    const parsed = parseJsonObject(form[key], key);
    if (!parsed.ok) throw new Error(parsed.error);
    if (parsed.value) params[key] = parsed.value;
  }
  return params;
}
