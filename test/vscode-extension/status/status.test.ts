import { describe, expect, it } from 'vitest';
import type { ProjectStatus } from '../../../packages/lsp/src/server/custom-protocol.js';
import { Severity } from '../../../packages/vscode-extension/src/client/limit-warnings.js';
import { countDiagnostics } from '../../../packages/vscode-extension/src/status/diagnostic-counts.js';
import {
  OPEN_PROBLEMS_COMMAND,
  SHOW_OUTPUT_COMMAND,
  statusPresentation,
} from '../../../packages/vscode-extension/src/status/status-presentation.js';

const diag = (severity: number, source = 'permset') => ({ severity, source });

describe('countDiagnostics', () => {
  it('counts only permset errors and warnings, and the files that have them', () => {
    const entries = [
      ['a', [diag(Severity.Error), diag(Severity.Warning), diag(Severity.Error, 'yaml')]],
      ['b', [diag(Severity.Information), diag(Severity.Hint)]],
      ['c', [diag(Severity.Warning), diag(Severity.Warning)]],
      ['d', [diag(Severity.Error, 'eslint')]],
      ['e', []],
    ] as const;
    expect(countDiagnostics(entries)).toEqual({ errors: 1, warnings: 3, files: 2 });
    expect(countDiagnostics([])).toEqual({ errors: 0, warnings: 0, files: 0 });
    expect(countDiagnostics(entries, 'yaml')).toEqual({ errors: 1, warnings: 0, files: 1 });
  });
});

const project = (over: Partial<ProjectStatus> = {}): ProjectStatus => ({
  folderUri: 'file:///ws',
  policyFolderUri: 'file:///ws/policies',
  policyFolder: 'policies',
  files: 28,
  hasCatalog: true,
  errors: 0,
  warnings: 0,
  sets: [
    { id: 'a', name: 'A', system: true },
    { id: 'b', name: 'B', system: false },
  ],
  permissions: [{ id: 'x.view', label: 'View x', area: 'x' }],
  ...over,
});

describe('statusPresentation', () => {
  it('spins while the workspace is first checked', () => {
    expect(statusPresentation('starting', { errors: 0, warnings: 0, files: 0 }, undefined)).toEqual({
      text: '$(sync~spin) Permset',
      tooltip: 'Permset: checking the policies…',
      accessibilityLabel: 'Permset: checking the policies',
      tone: 'normal',
      command: SHOW_OUTPUT_COMMAND,
    });
  });

  it('shows the counts, opens the Problems view, and names each policy folder', () => {
    const p = statusPresentation('ready', { errors: 2, warnings: 1, files: 2 }, [
      project(),
      project({ policyFolder: '.', files: 1, hasCatalog: false, sets: [] }),
    ]);
    expect(p).toEqual({
      text: '$(shield) Permset $(error) 2 $(warning) 1',
      tooltip:
        '**Permset**: 2 errors, 1 warning in 2 files\n\n- `policies/`: 28 policy files, 2 sets, 1 permission\n- the workspace folder: 1 policy file, no catalog yet\n\nClick to open the Problems view.',
      accessibilityLabel: 'Permset: 2 errors, 1 warning in 2 files',
      tone: 'normal',
      command: OPEN_PROBLEMS_COMMAND,
    });
  });

  it('is quiet when clean, and escapes folder names in the Markdown tooltip', () => {
    const p = statusPresentation('ready', { errors: 0, warnings: 0, files: 0 }, [
      project({ policyFolder: 'config/[rbac]_*' }),
    ]);
    expect(p.text).toBe('$(shield) Permset $(check)');
    expect(p.tooltip).toBe(
      '**Permset**: no problems\n\n- `config/\\[rbac\\]\\_\\*/`: 28 policy files, 2 sets, 1 permission\n\nClick to open the Problems view.',
    );
  });

  it('says when the server is not running, and offers its output', () => {
    const failed = statusPresentation('failed', { errors: 3, warnings: 0, files: 1 }, undefined);
    expect([failed.text, failed.tone, failed.command, failed.accessibilityLabel]).toEqual([
      '$(circle-slash) Permset',
      'error',
      SHOW_OUTPUT_COMMAND,
      'Permset: The permset language server failed to start or stopped unexpectedly.',
    ]);
    expect(statusPresentation('stopped', { errors: 0, warnings: 0, files: 0 }, undefined).tooltip).toBe(
      'The permset language server is not running. Click to show its output; *Permset: Restart Language Server* starts it again.',
    );
  });
});
