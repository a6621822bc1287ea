import { describe, expect, it } from 'vitest';
import { ResponseError } from 'vscode-languageserver';
import { DEFAULT_SETTINGS, readSettings } from '../../../packages/lsp/src/server/settings.js';
import { safe, safeNotification } from '../../../packages/lsp/src/server/safe-handler.js';

describe('settings', () => {
  it('reads the permset section or the section itself, and keeps the current value for bad input', () => {
    expect(readSettings({ permset: { policyFolder: 'rbac', debounceMs: 50 } })).toEqual({
      policyFolder: 'rbac',
      debounceMs: 50,
    });
    expect(readSettings({ policyFolder: 'x' })).toEqual({ policyFolder: 'x', debounceMs: 150 });
    expect(
      readSettings({ permset: { policyFolder: 42, debounceMs: -1 } }, { policyFolder: 'keep', debounceMs: 70 }),
    ).toEqual({ policyFolder: 'keep', debounceMs: 70 });
    expect(
      readSettings({ permset: { policyFolder: '', debounceMs: 1e9 } }, { policyFolder: 'keep', debounceMs: 70 }),
    ).toEqual({ policyFolder: undefined, debounceMs: 70 });
    expect(readSettings(null)).toEqual(DEFAULT_SETTINGS);
    expect(readSettings('garbage')).toEqual(DEFAULT_SETTINGS);
  });
});

describe('safe handlers', () => {
  it('log an exception and answer the empty result instead', () => {
    const logs: string[] = [];
    const handler = safe(
      'hover',
      (m) => logs.push(m),
      null,
      (x: number) => {
        if (x > 0) throw new TypeError('boom');
        return 'ok';
      },
    );
    expect(handler(0)).toBe('ok');
    expect(handler(1)).toBeNull();
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(/^permset: hover failed: TypeError: boom\n/);
  });

  it('pass a deliberate ResponseError on to the client', () => {
    const error = new ResponseError(-32602, 'invalid name');
    expect(
      safe(
        'rename',
        () => undefined,
        null,
        () => {
          throw error;
        },
      )(),
    ).toBe(error);
  });

  it('guard notifications too', () => {
    const logs: string[] = [];
    safeNotification(
      'didChange',
      (m) => logs.push(m),
      () => {
        throw new Error('x');
      },
    )();
    expect(logs[0]).toMatch(/^permset: didChange failed: Error: x/);
  });
});
