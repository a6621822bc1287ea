import type { ProjectStatus } from '../../../lsp/src/server/custom-protocol.js';
import { COMMANDS } from '../client/command-ids.js';
import type { DiagnosticCounts } from './diagnostic-counts.js';

/** Where the language server is. */
export type ServerState = 'starting' | 'ready' | 'stopped' | 'failed';

/** What the status bar item shows. */
export interface StatusPresentation {
  text: string;
  /** Markdown. */
  tooltip: string;
  /** What screen readers say. */
  accessibilityLabel: string;
  /** `error` (the server is not running) gets the theme's error background; problems in the policies do not. */
  tone: 'normal' | 'error';
  /** The command a click runs. */
  command: string;
}

/** The command that opens the Problems view. */
export const OPEN_PROBLEMS_COMMAND = 'workbench.actions.view.problems';
/** The command that shows the server's log. */
export const SHOW_OUTPUT_COMMAND = COMMANDS.showOutput;

const n = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

/**
 * The status bar item for the server's state and the project's problems: a spinner while the
 * workspace is first checked, then the errors and warnings of our diagnostics (click: the
 * Problems view), and a tooltip naming each workspace's policy folder, files and sets.
 */
export function statusPresentation(
  state: ServerState,
  counts: DiagnosticCounts,
  projects: readonly ProjectStatus[] | undefined,
): StatusPresentation {
  if (state === 'starting') {
    return {
      text: '$(sync~spin) Permset',
      tooltip: 'Permset: checking the policies…',
      accessibilityLabel: 'Permset: checking the policies',
      tone: 'normal',
      command: SHOW_OUTPUT_COMMAND,
    };
  }
  if (state === 'failed' || state === 'stopped') {
    const what =
      state === 'failed'
        ? 'The permset language server failed to start or stopped unexpectedly.'
        : 'The permset language server is not running.';
    return {
      text: '$(circle-slash) Permset',
      tooltip: `${what} Click to show its output; *Permset: Restart Language Server* starts it again.`,
      accessibilityLabel: `Permset: ${what}`,
      tone: 'error',
      command: SHOW_OUTPUT_COMMAND,
    };
  }
  const problems = counts.errors + counts.warnings;
  const summary =
    problems === 0
      ? 'no problems'
      : `${n(counts.errors, 'error')}, ${n(counts.warnings, 'warning')} in ${n(counts.files, 'file')}`;
  const text =
    problems === 0
      ? '$(shield) Permset $(check)'
      : `$(shield) Permset $(error) ${counts.errors} $(warning) ${counts.warnings}`;
  const lines = [`**Permset**: ${summary}`, ''];
  for (const p of projects ?? []) {
    const folder = p.policyFolder === '.' ? 'the workspace folder' : `\`${escapeMarkdown(p.policyFolder)}/\``;
    const catalog = p.hasCatalog
      ? `${n(p.sets.length, 'set')}, ${n(p.permissions.length, 'permission')}`
      : 'no catalog yet';
    lines.push(`- ${folder}: ${n(p.files, 'policy file')}, ${catalog}`);
  }
  lines.push('', 'Click to open the Problems view.');
  return {
    text,
    tooltip: lines.join('\n'),
    accessibilityLabel: `Permset: ${summary}`,
    tone: 'normal',
    command: OPEN_PROBLEMS_COMMAND,
  };
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, (c) => `\\${c}`);
}
