import type { LoadedFile } from '@permset/compiler';
import { KINDS, didYouMean, entryOf } from '@permset/compiler';

/**
 * Whether a YAML file is a policy file: one of its documents has a top-level `kind` that is one of
 * permset's kinds, or a misspelling of one (`kind: PermisionSet` is a policy file with a typo, and
 * gets `unknown-kind`). A GitHub workflow, a Kubernetes manifest or a YAML file with no `kind`
 * is not: the server leaves such files alone, without a diagnostic.
 */
export function isPolicyFile(loaded: LoadedFile): boolean {
  for (const doc of loaded.documents) {
    const kind = entryOf(doc.root, 'kind')?.value;
    if (!kind || kind.kind !== 'scalar' || typeof kind.value !== 'string') continue;
    if ((KINDS as string[]).includes(kind.value) || didYouMean(kind.value, KINDS).length > 0) return true;
  }
  return false;
}

/** Whether a path names a YAML file (the extensions `permset check` loads). */
export function isYamlPath(path: string): boolean {
  return /\.ya?ml$/i.test(path);
}
