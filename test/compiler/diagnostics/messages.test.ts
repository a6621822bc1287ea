import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compile } from '../../../packages/compiler/src/program/index.js';
import { REPO } from '../../helpers/cli.js';
import { permissionSet } from '../../helpers/policy-builder.js';

const catalog = readFileSync(join(REPO, 'test/fixtures/check/07-schema-value/policies/catalog.yaml'), 'utf8');

/** The diagnostics of a project of the shared catalog and `files`, as `file:line:col code message` (1-based, as the CLI prints). */
function messages(files: Record<string, string>, catalogText = catalog): string[] {
  return diagnostics(files, catalogText).map(
    (d) => `${d.uri}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code} ${d.message}`,
  );
}

function diagnostics(files: Record<string, string>, catalogText = catalog) {
  return compile(Object.entries({ 'catalog.yaml': catalogText, ...files }).map(([uri, text]) => ({ uri, text })))
    .diagnostics;
}

/** Each fix of a project's only diagnostic as `title -> newText @ line:col` (1-based). */
function fixesOf(files: Record<string, string>, catalogText = catalog): string[] {
  const [only, ...rest] = diagnostics(files, catalogText);
  expect(rest).toEqual([]);
  return (only!.data?.fixes ?? []).map((f) => {
    const e = f.edits[0]!;
    return `${f.title} -> ${e.newText}${e.range ? ` @ ${e.range.start.line + 1}:${e.range.start.character + 1}` : ''}`;
  });
}

const set = (body: string, id = 's') => permissionSet(id, { name: 'S', seat: 'employee' }, body);

describe('messages in words', () => {
  it('an over-long id says the limit and the length', () => {
    const id = `a${'-long'.repeat(26)}`;
    expect(messages({ 'long.yaml': set('', id) })).toEqual([
      'long.yaml:2:5 schema-value Permission set ids are at most 128 characters; this one has 131.',
    ]);
  });
});

describe('a bare word compared with a string offers the string literal', () => {
  const grant = (when: string) => ({ 's.yaml': set(`grants:\n  contacts.view: { scope: all, when: ${when} }\n`) });
  const hint =
    "Unknown name 'x_public': a path starts with 'subject', 'resource' or 'context'. To compare with the text x_public, quote it: \"x_public\".";

  it('in a plain scalar, as "…"', () => {
    expect(messages(grant('resource.owner == x_public'))).toEqual([`s.yaml:6:56 expr-unknown-attribute ${hint}`]);
    expect(fixesOf(grant('resource.owner == x_public'))).toEqual(['Replace with "x_public" -> "x_public" @ 6:56']);
  });

  it("in a double-quoted scalar, as '…'", () => {
    expect(fixesOf(grant('"resource.owner != x_public"'))).toEqual(["Replace with 'x_public' -> 'x_public' @ 6:57"]);
  });

  it('at the start of a plain scalar, in the message only (a leading quote would end the YAML string)', () => {
    expect(messages(grant('x_public == resource.owner'))).toEqual([`s.yaml:6:38 expr-unknown-attribute ${hint}`]);
    expect(fixesOf(grant('x_public == resource.owner'))).toEqual([]);
  });

  it('not when the other side is no string', () => {
    expect(
      fixesOf({ 's.yaml': set('grants:\n  budgets.view: { scope: all, when: resource.client_access == yes }\n') }),
    ).toEqual([]);
  });
});

describe('did-you-mean offers only close names, closest first', () => {
  const repos = catalog.replace(
    '  settings:\n',
    '  repos:\n    label: Repos\n    permissions:\n      repos.write: { label: W, scopes: [all] }\n      repos.create: { label: C, scopes: [all] }\n      repos.delete: { label: D, scopes: [all] }\n  settings:\n',
  );
  it('repos.wirte: repos.write only', () => {
    expect(messages({ 's.yaml': set('grants:\n  repos.wirte: all\n') }, repos)).toEqual([
      "s.yaml:6:3 unknown-permission Unknown permission 'repos.wirte'. Did you mean 'repos.write'?",
    ]);
  });
  it('contacts.veiw: contacts.view, not contacts.manage', () => {
    expect(messages({ 's.yaml': set('grants:\n  contacts.veiw: all\n') })).toEqual([
      "s.yaml:6:3 unknown-permission Unknown permission 'contacts.veiw'. Did you mean 'contacts.view'?",
    ]);
  });
  it('two equally close names are both offered, a farther one not', () => {
    expect(
      messages({ 's.yaml': set('grants:\n  repos.crete: all\n') }, repos.replace('repos.delete:', 'repos.crate:')),
    ).toEqual([
      "s.yaml:6:3 unknown-permission Unknown permission 'repos.crete'. Did you mean 'repos.create' or 'repos.crate'?",
    ]);
  });
});

describe('articles', () => {
  it('"an Outside collaborator set", "a Client set"', () => {
    const outside = catalog.replace('client: { label: Client,', 'outside: { label: Outside collaborator,');
    expect(
      messages(
        { 's.yaml': 'kind: PermissionSet\nid: s\nname: S\nseat: outside\ngrants:\n  settings.manage: all\n' },
        outside,
      ),
    ).toEqual([
      "s.yaml:6:3 seat-disallows Seat 'outside' does not allow 'settings.manage': an Outside collaborator set may grant only 'budgets.view', 'contacts.*'.",
    ]);
    expect(
      messages({ 's.yaml': 'kind: PermissionSet\nid: s\nname: S\nseat: client\ngrants:\n  settings.manage: all\n' }),
    ).toEqual([
      "s.yaml:6:3 seat-disallows Seat 'client' does not allow 'settings.manage': a Client set may grant only 'budgets.view', 'contacts.*'.",
    ]);
  });
});

describe('a guard that reaches a set through its base says so', () => {
  const guard = 'kind: Guard\nid: g\napplies_to: { sets: [maintainer] }\nnever: [settings.manage]\n';
  const files = {
    'guard.yaml': guard,
    'maintainer.yaml': set('grants:\n  budgets.view: all\n', 'maintainer'),
    'lead.yaml': 'kind: PermissionSet\nid: lead\nname: L\nextends: maintainer\n',
    'deputy.yaml': 'kind: PermissionSet\nid: deputy\nname: D\nextends: lead\ngrants:\n  settings.manage: all\n',
    'own.yaml': set('grants:\n  settings.manage: all\n', 'maintainer').replace('maintainer', 'other'),
  };
  it('"because it extends \'maintainer\'", with the sets in between; a listed set is not told', () => {
    expect(messages(files)).toEqual([
      "deputy.yaml:6:3 guard-violated Set 'deputy' breaks guard 'g', which applies to it because it extends 'maintainer' (through 'lead'): it grants 'settings.manage' (all), but the set must never grant 'settings.manage'.",
    ]);
    expect(
      messages({
        ...files,
        'lead.yaml': files['lead.yaml'] + 'grants:\n  settings.manage: all\n',
        'deputy.yaml': 'kind: PermissionSet\nid: deputy\nname: D\nextends: lead\n',
      }),
    ).toEqual([
      "deputy.yaml:4:10 guard-violated Set 'deputy' breaks guard 'g', which applies to it because it extends 'maintainer' (through 'lead'): it grants 'settings.manage' (all), but the set must never grant 'settings.manage'.",
      "lead.yaml:6:3 guard-violated Set 'lead' breaks guard 'g', which applies to it because it extends 'maintainer': it grants 'settings.manage' (all), but the set must never grant 'settings.manage'.",
    ]);
    expect(
      messages({
        ...files,
        'maintainer.yaml': set('grants:\n  settings.manage: all\n', 'maintainer'),
        'deputy.yaml': 'kind: PermissionSet\nid: deputy\nname: D\nextends: lead\n',
      }),
    ).toEqual([
      "deputy.yaml:4:10 guard-violated Set 'deputy' breaks guard 'g', which applies to it because it extends 'maintainer' (through 'lead'): it grants 'settings.manage' (all), but the set must never grant 'settings.manage'.",
      "lead.yaml:4:10 guard-violated Set 'lead' breaks guard 'g', which applies to it because it extends 'maintainer': it grants 'settings.manage' (all), but the set must never grant 'settings.manage'.",
      "maintainer.yaml:6:3 guard-violated Set 'maintainer' breaks guard 'g': it grants 'settings.manage' (all), but the set must never grant 'settings.manage'.",
    ]);
  });
});
