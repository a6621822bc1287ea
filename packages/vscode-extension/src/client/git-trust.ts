/**
 * Workspace trust and git. *Compare with git* runs `git` in the workspace (the language server's
 * `permset/diff` reads the base revision with it), and a repository's own configuration can make
 * git run programs (`core.fsmonitor`, hooks, filters): so, as VS Code's own git extension does,
 * it stays off in Restricted Mode. Everything else the extension does reads the policy YAML and
 * runs no code of the workspace, so it works untrusted. package.json says the same to VS Code
 * (`capabilities.untrustedWorkspaces`, and `isWorkspaceTrusted` on the compare commands).
 *
 * This file has no `vscode` import, so it is unit-tested as is.
 */

/** VS Code's command that opens the Workspace Trust editor. */
export const MANAGE_TRUST_COMMAND = 'workbench.trust.manage';

/** The button of {@link UNTRUSTED_GIT_MESSAGE}. */
export const MANAGE_TRUST_ACTION = 'Manage Workspace Trust';

/** What a compare command says in an untrusted folder. */
export const UNTRUSTED_GIT_MESSAGE =
  'Permset: Compare with Git runs git, which a repository can configure to run programs, so it is off in Restricted Mode. Trust this folder to compare.';

/** Whether git may run: only in a trusted workspace. */
export function gitAllowed(isTrusted: boolean): boolean {
  return isTrusted;
}
