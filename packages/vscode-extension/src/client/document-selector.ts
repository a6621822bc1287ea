import type { DocumentSelector } from 'vscode-languageclient';

/** The YAML files of a policy folder, as a glob relative to it. */
export const POLICY_FILES_GLOB = '**/*.{yaml,yml}';

/**
 * Which documents VS Code hands to the language server: YAML files under each workspace's
 * policy folder (on disk, saved or not), plus untitled YAML buffers.
 *
 * The language id stays `yaml` on purpose: a `permset-policy` language would take the files
 * away from other YAML tooling (Red Hat's YAML extension, formatters, linters) and from the
 * user's YAML settings. The server itself decides which of these files are policy files (a
 * top-level `kind` of permset's), so a CI workflow in the folder gets nothing.
 */
export function policyDocumentSelector(policyFolderUris: readonly string[]): DocumentSelector {
  const unique = [...new Set(policyFolderUris)];
  return [
    ...unique.map((baseUri) => ({
      scheme: 'file',
      language: 'yaml',
      pattern: { baseUri, pattern: POLICY_FILES_GLOB },
    })),
    { scheme: 'untitled', language: 'yaml' },
  ];
}
