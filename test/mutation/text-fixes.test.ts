import { describe, expect, it } from 'vitest';
import { removeEntryFix, setGrantFix, wholeLines, yamlScopes } from '../../packages/compiler/src/check/index.js';
import { CATALOG, compileTexts } from './helpers.js';

/** The set `s` of a one-set project whose file is `text`. */
function setOf(text: string) {
  const result = compileTexts({ 'policies/catalog.yaml': CATALOG, 'policies/s.yaml': text });
  return result.resolved.project.sets.get('s')!;
}

function apply(text: string, edit: { span?: readonly [number, number]; newText: string }): string {
  return text.slice(0, edit.span![0]) + edit.newText + text.slice(edit.span![1]);
}

describe('wholeLines', () => {
  const text = 'a: 1\n  b: 2 # note\n  c: 3 d\r\ne: 4';
  it('spans the whole line, line break included, when the entry is alone on it', () => {
    const b = text.indexOf('b');
    expect(wholeLines(text, [b, b + 4])).toEqual([5, 19]);
  });
  it('stops at a CR as well as an LF, and swallows CRLF', () => {
    const t = 'x: 1\r  b: 2\r\ny: 3';
    const b = t.indexOf('b');
    expect(wholeLines(t, [b, b + 4])).toEqual([5, 13]);
  });
  it('refuses when other text shares the line before or after', () => {
    const c = text.indexOf('c');
    expect(wholeLines(text, [c, c + 4])).toBeUndefined();
    expect(wholeLines('{ a: 1, b: 2 }', [8, 12])).toBeUndefined();
  });
  it('refuses an entry that follows other text on its line, even with nothing after it', () => {
    const t = 'k: v\nfoo a: 1\n';
    expect(wholeLines(t, [8, 12])).toBeUndefined();
  });
  it('spans an object-form entry whose value ends after its line break, trailing spaces included', () => {
    const t = 'grants:\n  a:\n    scope: all\n  \nb: 1\n';
    expect(wholeLines(t, [10, t.indexOf('b: 1')])).toEqual([8, t.indexOf('  \nb')]);
  });
  it('handles an entry on the first and on the last line', () => {
    expect(wholeLines('a: 1\nb: 2', [0, 4])).toEqual([0, 5]);
    expect(wholeLines('a: 1\nb: 2', [5, 9])).toEqual([5, 9]);
    expect(wholeLines('a: 1\rb: 2', [5, 9])).toEqual([5, 9]);
    expect(wholeLines('a: 1\r', [0, 4])).toEqual([0, 5]);
  });
});

describe('removeEntryFix and setGrantFix', () => {
  const block =
    'kind: PermissionSet\nid: s\nname: S\nseat: employee\ngrants:\n    budgets.view: all\n    settings.manage: all   # keep\n';

  it('removes a block entry with its line', () => {
    const set = setOf(block);
    const fix = removeEntryFix(block, set.grants[1]!, 'Remove it')!;
    expect(fix.title).toBe('Remove it');
    expect(fix.edits).toHaveLength(1);
    expect(apply(block, fix.edits[0]!)).toBe(block.replace('    settings.manage: all   # keep\n', ''));
  });

  it('removes a flow entry with the comma after it, or before it when it is the last', () => {
    const flow =
      'kind: PermissionSet\nid: s\nname: S\nseat: employee\ngrants: { budgets.view: all, settings.manage: all }\n';
    const set = setOf(flow);
    expect(apply(flow, removeEntryFix(flow, set.grants[0]!, 'x')!.edits[0]!)).toBe(
      flow.replace('budgets.view: all, ', ''),
    );
    expect(apply(flow, removeEntryFix(flow, set.grants[1]!, 'x')!.edits[0]!)).toBe(
      flow.replace(', settings.manage: all', ''),
    );
    const one = 'kind: PermissionSet\nid: s\nname: S\nseat: employee\ngrants: { budgets.view: all }\n';
    expect(apply(one, removeEntryFix(one, setOf(one).grants[0]!, 'x')!.edits[0]!)).toBe(
      one.replace('budgets.view: all', ''),
    );
  });

  it('removes a flow entry between tabs as between spaces', () => {
    const tabs =
      'kind: PermissionSet\nid: s\nname: S\nseat: employee\ngrants: {\tbudgets.view: all,\tsettings.manage: all\t}\n';
    const set = setOf(tabs);
    expect(apply(tabs, removeEntryFix(tabs, set.grants[0]!, 'x')!.edits[0]!)).toBe(
      tabs.replace('budgets.view: all,\t', ''),
    );
    expect(apply(tabs, removeEntryFix(tabs, set.grants[1]!, 'x')!.edits[0]!)).toBe(
      tabs.replace(',\tsettings.manage: all', ''),
    );
  });

  it('gives no removal fix in a flow mapping spread over lines', () => {
    const lines =
      'kind: PermissionSet\nid: s\nname: S\nseat: employee\ngrants: { budgets.view: all,\n  settings.manage: all }\n';
    expect(removeEntryFix(lines, setOf(lines).grants[0]!, 'x')).toBeUndefined();
  });

  it('removes an entry in object form (key, then its mapping on the lines below) with all its lines', () => {
    const object =
      'kind: PermissionSet\nid: s\nname: S\nseat: employee\ngrants:\n  budgets.view:\n    scope: all\n  settings.manage: all\n';
    const fix = removeEntryFix(object, setOf(object).grants[0]!, 'x')!;
    expect(apply(object, fix.edits[0]!)).toBe(object.replace('  budgets.view:\n    scope: all\n', ''));
  });

  it('replaces the value of an existing entry', () => {
    const set = setOf(block);
    const fix = setGrantFix(block, set, 'budgets.view', ['own'], 'T')!;
    expect(fix.title).toBe('T');
    expect(apply(block, fix.edits[0]!)).toBe(block.replace('budgets.view: all', 'budgets.view: own'));
  });

  it('appends to a block mapping with its indentation, after the last entry', () => {
    const set = setOf(block);
    const fix = setGrantFix(block, set, 'budgets.manage', ['member', 'all'], 'T')!;
    expect(apply(block, fix.edits[0]!)).toBe(
      block.replace('   # keep\n', '   # keep\n    budgets.manage: [member, all]\n'),
    );
  });

  it('keeps CRLF line breaks and quotes keys that are not plain ids', () => {
    const crlf = block.replace(/\n/g, '\r\n');
    const set = setOf(crlf);
    const fix = setGrantFix(crlf, set, 'Budgets.Manage', ['all'], 'T')!;
    expect(fix.edits[0]!.newText).toBe('\r\n    "Budgets.Manage": all');
    expect(apply(crlf, fix.edits[0]!)).toBe(
      crlf.replace('   # keep\r\n', '   # keep\r\n    "Budgets.Manage": all\r\n'),
    );
  });

  it('adds a grants block at the end of a document without one', () => {
    const none = 'kind: PermissionSet\nid: s\nname: S\nseat: employee';
    const set = setOf(none);
    const fix = setGrantFix(none, set, 'budgets.view', ['all'], 'T')!;
    expect(apply(none, fix.edits[0]!)).toBe(none + '\ngrants:\n  budgets.view: all\n');
    const withEol = none + '\n';
    const fix2 = setGrantFix(withEol, setOf(withEol), 'budgets.view', ['all'], 'T')!;
    expect(apply(withEol, fix2.edits[0]!)).toBe(withEol + 'grants:\n  budgets.view: all\n');
  });

  it('adds to a one-line flow mapping before its closing brace', () => {
    const flow = 'kind: PermissionSet\nid: s\nname: S\nseat: employee\ngrants: { budgets.view: all }\n';
    expect(apply(flow, setGrantFix(flow, setOf(flow), 'settings.manage', ['all'], 'T')!.edits[0]!)).toBe(
      flow.replace('all }', 'all, settings.manage: all }'),
    );
    const empty = 'kind: PermissionSet\nid: s\nname: S\nseat: employee\ngrants: {}\n';
    expect(apply(empty, setGrantFix(empty, setOf(empty), 'settings.manage', ['all'], 'T')!.edits[0]!)).toBe(
      empty.replace('{}', '{settings.manage: all}'),
    );
  });

  it('gives no fix for a flow mapping whose brace closes on a line of its own', () => {
    const lines = 'kind: PermissionSet\nid: s\nname: S\nseat: employee\ngrants: {\n  budgets.view: all\n}\n';
    expect(setGrantFix(lines, setOf(lines), 'settings.manage', ['all'], 'T')).toBeUndefined();
  });

  it('yamlScopes writes one scope bare and several as a flow list', () => {
    expect(yamlScopes(['all'])).toBe('all');
    expect(yamlScopes(['own', 'member'])).toBe('[own, member]');
  });
});
