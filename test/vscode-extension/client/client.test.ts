import { describe, expect, it } from 'vitest';
import { SHOW_EFFECTIVE_PERMISSIONS as SERVER_COMMAND } from '../../../packages/lsp/src/language-service/code-lens.js';
import { SHOW_EFFECTIVE_PERMISSIONS } from '../../../packages/vscode-extension/src/client/command-ids.js';
import {
  POLICY_FILES_GLOB,
  policyDocumentSelector,
} from '../../../packages/vscode-extension/src/client/document-selector.js';
import {
  hiddenWarningsMessage,
  limitWarnings,
  Severity,
} from '../../../packages/vscode-extension/src/client/limit-warnings.js';
import { parsePolicyFolderSetting } from '../../../packages/vscode-extension/src/client/policy-folder-setting.js';

describe('parsePolicyFolderSetting', () => {
  it.each([
    [undefined, { kind: 'auto' }],
    [null, { kind: 'auto' }],
    [42, { kind: 'auto' }],
    ['', { kind: 'auto' }],
    ['   ', { kind: 'auto' }],
    ['.', { kind: 'relative', path: '.' }],
    ['./', { kind: 'relative', path: '.' }],
    ['policies', { kind: 'relative', path: 'policies' }],
    ['./config/rbac/', { kind: 'relative', path: 'config/rbac' }],
    ['config\\rbac', { kind: 'relative', path: 'config/rbac' }],
    ['config//./rbac', { kind: 'relative', path: 'config/rbac' }],
    ['/srv/policies/', { kind: 'absolute', path: '/srv/policies' }],
    ['C:\\work\\policies', { kind: 'absolute', path: 'C:/work/policies' }],
    ['/', { kind: 'absolute', path: '/' }],
  ])('%j → %j', (raw, expected) => {
    expect(parsePolicyFolderSetting(raw)).toEqual(expected);
  });
});

describe('policyDocumentSelector', () => {
  it('selects YAML under each policy folder (once each) and untitled YAML, keeping the yaml language', () => {
    expect(policyDocumentSelector(['file:///a/policies', 'file:///b', 'file:///a/policies'])).toEqual([
      { scheme: 'file', language: 'yaml', pattern: { baseUri: 'file:///a/policies', pattern: '**/*.{yaml,yml}' } },
      { scheme: 'file', language: 'yaml', pattern: { baseUri: 'file:///b', pattern: '**/*.{yaml,yml}' } },
      { scheme: 'untitled', language: 'yaml' },
    ]);
    expect(POLICY_FILES_GLOB).toBe('**/*.{yaml,yml}');
  });

  it('still takes untitled YAML without any folder', () => {
    expect(policyDocumentSelector([])).toEqual([{ scheme: 'untitled', language: 'yaml' }]);
  });
});

describe('limitWarnings', () => {
  const d = (severity: number, name: string) => ({ severity, name });
  const note = (hidden: number, first: { name: string }) => ({
    severity: Severity.Information,
    name: `+${hidden} from ${first.name}`,
  });
  const list = [
    d(Severity.Warning, 'w1'),
    d(Severity.Error, 'e1'),
    d(Severity.Warning, 'w2'),
    d(Severity.Hint, 'h1'),
    d(Severity.Warning, 'w3'),
    d(Severity.Error, 'e2'),
  ];

  it('keeps every error and other diagnostic, the first N warnings, and notes the rest once', () => {
    expect(limitWarnings(list, 1, note).map((x) => x.name)).toEqual(['w1', 'e1', 'h1', 'e2', '+2 from w2']);
    expect(limitWarnings(list, 0, note).map((x) => x.name)).toEqual(['e1', 'h1', 'e2', '+3 from w1']);
    expect(limitWarnings(list, 3, note).map((x) => x.name)).toEqual(['w1', 'e1', 'w2', 'h1', 'w3', 'e2']);
  });

  it('keeps everything for -1 or a value that is not a whole number', () => {
    for (const max of [-1, -5, 1.5, Number.NaN, Number.POSITIVE_INFINITY])
      expect(limitWarnings(list, max, note)).toEqual(list);
  });

  it('says how many were left out and why', () => {
    expect(hiddenWarningsMessage(1, 0)).toBe(
      '1 more permset warning in this file not shown (permset.maxWarnings is 0).',
    );
    expect(hiddenWarningsMessage(12, 5)).toBe(
      '12 more permset warnings in this file not shown (permset.maxWarnings is 5).',
    );
  });
});

describe('command ids', () => {
  it('intercepts the very command the server puts on its code lenses', () => {
    expect(SHOW_EFFECTIVE_PERMISSIONS).toBe(SERVER_COMMAND);
  });
});
