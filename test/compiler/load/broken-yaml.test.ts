import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compile } from '../../../packages/compiler/src/program/index.js';
import { REPO } from '../../helpers/cli.js';

const catalog = readFileSync(join(REPO, 'test/fixtures/check/01-clean-project/policies/catalog.yaml'), 'utf8');
const summary = (text: string, files: Record<string, string>) =>
  compile(Object.entries({ 'catalog.yaml': text, ...files }).map(([uri, t]) => ({ uri, text: t }))).diagnostics.map(
    (d) => ({
      at: `${d.uri}:${d.range.start.line}:${d.range.start.character}`,
      code: d.code,
      message: d.message,
    }),
  );

// A document whose YAML does not parse is checked for its syntax only, and its first syntax
// error says so; a broken catalog is one error, not one per reference to it.
describe('a document with YAML syntax errors', () => {
  it('reports only its syntax, says the rest waits, and still counts its ids', () => {
    const broken =
      'kind: PermissionSet\nid: base\nname: Base\nseat: nosuchseat\ngrants:\n  budgets.view: [member, all\n  nosuch.permission: all\n';
    const child = 'kind: PermissionSet\nid: child\nname: Child\nextends: base\n';
    expect(summary(catalog, { 'base.yaml': broken, 'child.yaml': child })).toEqual([
      {
        at: 'base.yaml:6:2',
        code: 'yaml-syntax',
        message:
          'Flow sequence in block collection must be sufficiently indented and end with a ]. Nothing else in this file is checked until its YAML is valid.',
      },
    ]);
  });

  it('in a file of several documents, names the document', () => {
    const two = 'kind: Fragment\nid: a\ngrants: {}\n---\nkind: Fragment\nid: b\ngrants:\n\tbudgets.view: all\n';
    const set = 'kind: PermissionSet\nid: s\nname: S\nseat: employee\ninclude: [a, b]\n';
    expect(summary(catalog, { 'frags.yaml': two, 'set.yaml': set })).toEqual([
      {
        at: 'frags.yaml:7:0',
        code: 'yaml-syntax',
        message:
          'Tabs are not allowed as indentation. Nothing else in this document is checked until its YAML is valid.',
      },
    ]);
  });

  it('a broken catalog is said once; no reference to it is reported as unknown and no catalog is "missing"', () => {
    const text = catalog.replace(/^ {4}reports: string\[\]$/m, '    reports: "string[]"\n  extra: { a: string[] }');
    const set =
      'kind: PermissionSet\nid: s\nname: S\nseat: employee\ngrants:\n  budgets.view: all\n  contacts.view: own\n';
    const out = summary(text, { 'set.yaml': set });
    expect(out.map((d) => [d.at, d.code])).toEqual([['catalog.yaml:6:14', 'yaml-syntax']]);
    expect(out[0]!.message).toBe(
      'Inside a flow mapping `{ … }`, \'[\' starts a list: write the list type quoted, as "string[]". The catalog could not be read: nothing that needs it (permissions, scopes, seats, attributes) is checked until this is fixed.',
    );
  });
});
