import type { Command } from '../command-table.js';

/**
 * A command of the table as `main` first sees it: its name, with its definition (options, help,
 * run) loaded when it is used. In the bundle each command is its own chunk, so `permset
 * --version` loads no command and `permset check` only what checking needs.
 */
export interface CommandEntry {
  name: string;
  load(): Promise<Command>;
}

/** Every `permset` command, in the order `permset --help` lists them. */
export const COMMANDS: readonly CommandEntry[] = [
  { name: 'init', load: async () => (await import('./init-command.js')).initCommand },
  { name: 'check', load: async () => (await import('./check-command.js')).checkCommand },
  { name: 'build', load: async () => (await import('./build-command.js')).buildCommand },
  { name: 'matrix', load: async () => (await import('./matrix-command.js')).matrixCommand },
  { name: 'fmt', load: async () => (await import('./fmt-command.js')).fmtCommand },
  { name: 'explain', load: async () => (await import('./explain-command.js')).explainCommand },
  { name: 'preview', load: async () => (await import('./preview-command.js')).previewCommand },
  { name: 'test', load: async () => (await import('./test-command.js')).testCommand },
  { name: 'diff', load: async () => (await import('./diff-command.js')).diffCommand },
  { name: 'ci', load: async () => (await import('./ci-command.js')).ciCommand },
];

/** Every command's definition, in the table's order (`permset --help` lists them all). */
export function loadCommands(): Promise<Command[]> {
  return Promise.all(COMMANDS.map((c) => c.load()));
}
