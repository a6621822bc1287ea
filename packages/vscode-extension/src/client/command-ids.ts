/**
 * The server's code-lens command (`SHOW_EFFECTIVE_PERMISSIONS` in packages/lsp's code-lens.ts;
 * a unit test keeps the two equal). Its arguments are `[documentUri, setId]`.
 */
export const SHOW_EFFECTIVE_PERMISSIONS = 'permset.showEffectivePermissions';

/** The extension's commands (contributed in package.json, registered in register-commands.ts). */
export const COMMANDS = {
  showAccessMatrix: 'permset.showAccessMatrix',
  previewSet: 'permset.previewSet',
  explain: 'permset.explain',
  compareWithHead: 'permset.compareWithHead',
  compareWithRef: 'permset.compareWithRef',
  showOutput: 'permset.showOutput',
  restartServer: 'permset.restartServer',
  newCustomSet: 'permset.newCustomSet',
  openInBuilder: 'permset.openInBuilder',
} as const;
