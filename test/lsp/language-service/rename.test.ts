import { describe, expect, it } from 'vitest';
import { PROJECT, openAt, textAt, uriOf } from '../helpers.js';

const MANAGER = PROJECT['sets/manager.yaml']!;

/** Applies a rename's edits to the project's texts (the opened file uses its editor text). */
function applied(
  changes: Map<string, { range: never; newText: string }[]>,
  texts: Record<string, string>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [uri, edits] of changes) {
    const rel = uri.replace(uriOf(''), '');
    let text = texts[rel]!;
    const lines = () => text.split('\n');
    const offset = (p: { line: number; character: number }) =>
      lines()
        .slice(0, p.line)
        .reduce((n, l) => n + l.length + 1, 0) + p.character;
    for (const e of [...edits].sort(
      (a, b) => offset((b.range as { start: never }).start) - offset((a.range as { start: never }).start),
    )) {
      const r = e.range as { start: { line: number; character: number }; end: { line: number; character: number } };
      text = text.slice(0, offset(r.start)) + e.newText + text.slice(offset(r.end));
    }
    out[rel] = text;
  }
  return out;
}

describe('rename', () => {
  it('prepares on a set, fragment or permission name, without quotes; not on a wildcard or a plain value', () => {
    const a = openAt('sets/manager.yaml', MANAGER.replace('extends: base', 'extends: ba<|>se'));
    expect(a.service.prepareRename(a.uri, a.position)).toEqual({
      range: { start: { line: 3, character: 9 }, end: { line: 3, character: 13 } },
      placeholder: 'base',
    });
    const b = openAt(
      'guards/no-profit-for-clients.yaml',
      PROJECT['guards/no-profit-for-clients.yaml']!.replace('"budgets.profit.*"', '"budgets.pro<|>fit.*"'),
    );
    expect(b.service.prepareRename(b.uri, b.position)).toBeNull();
    const c = openAt('sets/manager.yaml', MANAGER.replace('name: Manager', 'name: Man<|>ager'));
    expect(c.service.prepareRename(c.uri, c.position)).toBeNull();
    const d = openAt(
      'catalog.yaml',
      PROJECT['catalog.yaml']!.replace('allows: ["budgets.view"', 'allows: ["budgets.v<|>iew"'),
    );
    expect(textAt(d.text, d.service.prepareRename(d.uri, d.position)!.range)).toBe('budgets.view');
  });

  it('renames a set at its id and every extends and test subject', () => {
    const { service, uri, position, text } = openAt(
      'sets/base.yaml',
      PROJECT['sets/base.yaml']!.replace('id: base', 'id: ba<|>se'),
    );
    const result = service.doRename(uri, position, 'employee-base');
    if ('error' in result) throw new Error(result.error);
    const texts = applied(result.changes as never, { ...PROJECT, 'sets/base.yaml': text });
    expect(Object.keys(texts).sort()).toEqual(['sets/base.yaml', 'sets/manager.yaml']);
    expect(texts['sets/base.yaml']).toContain('id: employee-base\n');
    expect(texts['sets/manager.yaml']).toContain('extends: employee-base\n');
  });

  it('renames a permission everywhere it is named exactly, keeping quotes, never in a wildcard', () => {
    const { service, uri, position, text } = openAt(
      'sets/base.yaml',
      PROJECT['sets/base.yaml']!.replace('budgets.view: all', 'budgets.vi<|>ew: all'),
    );
    const result = service.doRename(uri, position, 'budgets.read');
    if ('error' in result) throw new Error(result.error);
    const texts = applied(result.changes as never, { ...PROJECT, 'sets/base.yaml': text });
    expect(Object.keys(texts).sort()).toEqual([
      'catalog.yaml',
      'sets/base.yaml',
      'sets/client.yaml',
      'tests/rules.yaml',
    ]);
    expect(texts['catalog.yaml']).toContain('allows: ["budgets.read", "contacts.*"]');
    expect(texts['catalog.yaml']).toContain('      budgets.read:\n        label: View budgets');
    expect(texts['catalog.yaml']).toContain('requires: [budgets.read] }\n      budgets.profit.view:');
    expect(texts['catalog.yaml']!.match(/budgets\.view/g)).toBeNull();
    expect(texts['sets/base.yaml']).toContain('  budgets.read: all\n');
    expect(texts['sets/client.yaml']).toContain('  budgets.read:\n');
    expect(texts['tests/rules.yaml']).toContain('permission: budgets.read\n');
  });

  it('refuses an invalid name, with what a valid one looks like', () => {
    const { service, uri, position } = openAt(
      'sets/base.yaml',
      PROJECT['sets/base.yaml']!.replace('id: base', 'id: ba<|>se'),
    );
    expect(service.doRename(uri, position, 'Base Set')).toEqual({
      error:
        "'Base Set' is not a valid permission set name: a permission set id: kebab-case, starting with a letter (`manager-restricted`).",
    });
    const p = openAt('sets/base.yaml', PROJECT['sets/base.yaml']!.replace('budgets.view: all', 'budgets.vi<|>ew: all'));
    expect(p.service.doRename(p.uri, p.position, 'budgets.*')).toEqual({
      error:
        "'budgets.*' is not a valid permission name: a permission id: dotted snake_case segments (`contacts.sensitive_fields.view`).",
    });
  });

  it('refuses a name that is taken, saying where', () => {
    const { service, uri, position } = openAt(
      'sets/base.yaml',
      PROJECT['sets/base.yaml']!.replace('id: base', 'id: ba<|>se'),
    );
    expect(service.doRename(uri, position, 'manager')).toEqual({
      error: "A permission set named 'manager' already exists (manager.yaml:2).",
    });
    const p = openAt('sets/base.yaml', PROJECT['sets/base.yaml']!.replace('budgets.view: all', 'budgets.vi<|>ew: all'));
    expect(p.service.doRename(p.uri, p.position, 'budgets.manage')).toEqual({
      error: "A permission named 'budgets.manage' already exists (catalog.yaml:29).",
    });
  });

  it('refuses where nothing can be renamed', () => {
    const { service, uri, position } = openAt(
      'sets/manager.yaml',
      MANAGER.replace('name: Manager', 'name: Man<|>ager'),
    );
    expect(service.doRename(uri, position, 'x')).toEqual({
      error: 'Only a permission set, fragment, permission, scope, seat or resource type can be renamed here.',
    });
  });
});
