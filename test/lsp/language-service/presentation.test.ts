import { describe, expect, it } from 'vitest';
import { PROJECT, openAt, serviceFor, textAt, uriOf } from '../helpers.js';
import { TOKEN_TYPES } from '../../../packages/lsp/src/language-service/semantic-tokens.js';

const WHOLE = { start: { line: 0, character: 0 }, end: { line: 1000, character: 0 } };

/** Decodes LSP semantic tokens into `line:char text type`. */
function decode(text: string, data: number[]): string[] {
  const lines = text.split('\n');
  const out: string[] = [];
  let line = 0;
  let char = 0;
  for (let i = 0; i < data.length; i += 5) {
    line += data[i]!;
    char = data[i] === 0 ? char + data[i + 1]! : data[i + 1]!;
    out.push(`${line}:${char} ${lines[line]!.slice(char, char + data[i + 2]!)} ${TOKEN_TYPES[data[i + 3]!]}`);
  }
  return out;
}

describe('code lens', () => {
  it('shows each set’s permission count, inherited count and seat, and a preview', () => {
    const service = serviceFor();
    const lenses = service.codeLenses(uriOf('sets/manager.yaml'));
    expect(lenses.map((l) => l.command!.title)).toEqual(['5 permissions · 1 inherited · Employee seat', 'Preview']);
    expect(lenses[0]!.command).toEqual({
      title: '5 permissions · 1 inherited · Employee seat',
      command: 'permset.showEffectivePermissions',
      arguments: [uriOf('sets/manager.yaml'), 'manager'],
    });
    expect(lenses[0]!.range).toEqual({ start: { line: 0, character: 0 }, end: { line: 0, character: 4 } });
    expect(service.codeLenses(uriOf('fragments/budget-admin.yaml'))).toEqual([]);
  });

  it('shows nothing while the last compilation is older than the text (no stale counts)', () => {
    const { service, uri } = openAt(
      'sets/manager.yaml',
      PROJECT['sets/manager.yaml']!.replace('settings.manage: all', 'settings.manage: all<|>'),
    );
    service.workspaces.forUri(uri)!.compile();
    expect(service.codeLenses(uri)).toHaveLength(2);
    service.workspaces.forUri(uri)!.changeDocument(uri, PROJECT['sets/manager.yaml']! + '\n', 3);
    expect(service.codeLenses(uri)).toEqual([]);
  });

  it('the preview command lists every effective permission with where it comes from', () => {
    const md = serviceFor().effectivePermissions(uriOf('sets/manager.yaml'), 'manager')!;
    expect(md.split('\n')).toEqual([
      '**Manager** `manager`',
      'seat `employee` (Employee) · extends `base` · includes `budget-admin` · restrict `member`',
      '5 effective permissions: 4 own, 1 inherited',
      '',
      '**Own grants**',
      '',
      '- `budgets.view` member — View budgets (manager.yaml:8), narrowed from all by `restrict` of `manager`',
      '- `budgets.manage` member — Manage budgets (manager.yaml:8), narrowed from all by `restrict` of `manager`',
      '- `budgets.profit.view` member — View budget profit (manager.yaml:8), narrowed from all by `restrict` of `manager`',
      '- `settings.manage` all — Manage settings (manager.yaml:9)',
      '',
      '**Inherited from base**',
      '',
      '- `contacts.view` all — View Contacts (base.yaml:7)',
    ]);
    expect(serviceFor().effectivePermissions(uriOf('sets/manager.yaml'), 'nobody')).toBeUndefined();
  });
});

describe('inlay hints', () => {
  it('shows what a wildcard grants and what restrict narrows', () => {
    const service = serviceFor();
    const text = PROJECT['sets/manager.yaml']!;
    const hints = service.inlayHints(uriOf('sets/manager.yaml'), WHOLE);
    expect(hints.map((h) => `${h.position.line}:${h.position.character} ${h.label}`)).toEqual([
      '5:16 narrows 3 grants',
      '7:18 → 3 permissions, 3 narrowed to member',
    ]);
    expect(hints[1]!.tooltip).toBe('budgets.view, budgets.manage, budgets.profit.view');
    expect(text.split('\n')[7]!.length).toBe(18);
  });

  it('shows the effective scope of an explicit grant that restrict narrows', () => {
    const text = PROJECT['sets/manager.yaml']!.replace('  "budgets.*": all\n', '  budgets.view: all\n');
    const { service, uri } = openAt('sets/manager.yaml', text + '<|>');
    service.workspaces.forUri(uri)!.compile();
    expect(service.inlayHints(uri, WHOLE).map((h) => `${h.position.line}:${h.position.character} ${h.label}`)).toEqual([
      '5:16 narrows 1 grant',
      '7:19 → member (restrict)',
    ]);
  });

  it('only in the requested range', () => {
    expect(
      serviceFor()
        .inlayHints(uriOf('sets/manager.yaml'), { start: { line: 7, character: 0 }, end: { line: 8, character: 0 } })
        .map((h) => h.label),
    ).toEqual(['→ 3 permissions, 3 narrowed to member']);
  });
});

describe('semantic tokens', () => {
  it('highlights conditions inside YAML strings, in file coordinates', () => {
    const text = PROJECT['sets/client.yaml']!;
    const tokens = decode(text, serviceFor().semanticTokens(uriOf('sets/client.yaml')).data);
    expect(tokens).toEqual([
      '7:10 resource variable',
      '7:19 client_access property',
      '7:33 and keyword',
      '7:37 subject variable',
      '7:45 can_access_budgets property',
    ]);
  });

  it('follows quotes, escapes and block scalars, splitting nothing across lines', () => {
    const text = `kind: Fragment
id: f
grants:
  budgets.view:
    scope: member
    when: >-
      resource.owner == "u\\x31"
      or has(resource.client_access)
  contacts.view: { scope: all, when: "subject.id != 'x'" }
`;
    const { service, uri } = openAt('fragments/f.yaml', text + '<|>');
    expect(decode(text, service.semanticTokens(uri).data)).toEqual([
      '6:6 resource variable',
      '6:15 owner property',
      '6:21 == operator',
      '6:24 "u\\x31" string',
      '7:6 or keyword',
      '7:9 has function',
      '7:13 resource variable',
      '7:22 client_access property',
      '8:38 subject variable',
      '8:46 id property',
      '8:49 != operator',
      "8:52 'x' string",
    ]);
  });

  it('colours a long one-line condition token by token, and leaves one over the length limit uncoloured', () => {
    // About 1,250 terms on one line (just under the compiler's 10,000-character limit): every
    // token is found without rescanning the line per token (that made 8,000 terms take seconds).
    const when = Array.from({ length: 1_300 }, () => 'x.ab')
      .join(' or ')
      .slice(0, 9_990);
    expect(when.length).toBe(9_990);
    const text = `kind: Fragment\nid: f\ngrants:\n  budgets.view: { scope: all, when: "${when}" }\n`;
    const { service, uri } = openAt('fragments/f.yaml', text + '<|>');
    const tokens = decode(text, service.semanticTokens(uri).data);
    expect(tokens.length).toBe(
      when
        .split(/\s+/)
        .flatMap((w) => (w === 'or' ? ['or'] : w.split('.')))
        .filter((w) => w !== '').length,
    );
    expect(tokens.slice(0, 3)).toEqual(['3:37 x variable', '3:39 ab property', '3:42 or keyword']);
    const tooLong = text.replace(when, `${when} or x.ab or x.ab`);
    const long = openAt('fragments/g.yaml', tooLong + '<|>');
    expect(long.service.semanticTokens(long.uri).data).toEqual([]);
  });

  it('catalog scope conditions too', () => {
    const tokens = decode(PROJECT['catalog.yaml']!, serviceFor().semanticTokens(uriOf('catalog.yaml')).data);
    expect(tokens.slice(0, 4)).toEqual([
      '12:27 resource variable',
      '12:36 owner property',
      '12:42 == operator',
      '12:45 subject variable',
    ]);
  });
});

describe('formatting', () => {
  it('formats a file with the canonical formatter as one whole-document edit', () => {
    const text = "id: x\nkind: Fragment\ngrants:\n    'budgets.view': all\n";
    const { service, uri } = openAt('fragments/x.yaml', text + '<|>');
    const edits = service.format(uri);
    expect(edits).toEqual([
      {
        range: { start: { line: 0, character: 0 }, end: { line: 4, character: 0 } },
        newText: 'kind: Fragment\nid: x\ngrants:\n  budgets.view: all\n',
      },
    ]);
    expect(textAt(text, edits[0]!.range)).toBe(text);
  });

  it('changes nothing in a formatted file or one with YAML errors', () => {
    expect(serviceFor().format(uriOf('sets/base.yaml'))).toEqual([]);
    const { service, uri } = openAt('fragments/x.yaml', 'kind: Fragment\nid: [<|>\n');
    expect(service.format(uri)).toEqual([]);
  });
});
