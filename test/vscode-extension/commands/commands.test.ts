import { describe, expect, it } from 'vitest';
import { explainParams, parseJsonObject } from '../../../packages/vscode-extension/src/commands/json-input.js';

describe('parseJsonObject', () => {
  it('reads an object, or nothing from an empty box', () => {
    expect(parseJsonObject(' {"id": "u1", "reports": ["u2"]} ', 'subject')).toEqual({
      ok: true,
      value: { id: 'u1', reports: ['u2'] },
    });
    expect(parseJsonObject('   ', 'subject')).toEqual({ ok: true, value: undefined });
  });

  it('says what is wrong with anything else', () => {
    expect(parseJsonObject('[1]', 'resource')).toEqual({
      ok: false,
      error: 'The resource must be a JSON object, like {"id": "u1"}.',
    });
    expect(parseJsonObject('null', 'resource')).toEqual({
      ok: false,
      error: 'The resource must be a JSON object, like {"id": "u1"}.',
    });
    expect(parseJsonObject('"u1"', 'subject')).toEqual({
      ok: false,
      error: 'The subject must be a JSON object, like {"id": "u1"}.',
    });
    const bad = parseJsonObject('{id: 1}', 'context');
    expect(bad.ok).toBe(false);
    expect((bad as { error: string }).error).toMatch(/^The context is not valid JSON: /);
  });
});

describe('explainParams', () => {
  it('builds the request of a form, leaving out empty fields', () => {
    expect(
      explainParams('file:///ws', {
        set: 'a',
        permission: 'p.view',
        subject: '{"id":"u1"}',
        resource: '',
        context: '{"plan":"x"}',
      }),
    ).toEqual({
      uri: 'file:///ws',
      set: 'a',
      permission: 'p.view',
      subject: { id: 'u1' },
      context: { plan: 'x' },
    });
  });

  it('throws the first field problem', () => {
    expect(() =>
      explainParams('file:///ws', { set: 'a', permission: 'p', subject: '', resource: '5', context: '' }),
    ).toThrow('The resource must be a JSON object, like {"id": "u1"}.');
  });
});
