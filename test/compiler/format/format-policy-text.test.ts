import { describe, expect, it } from 'vitest';
import { formatPolicyText } from '../../../packages/compiler/src/format/index.js';

/** One formatter case: the input, and the exact text it formats to (`null`: left unchanged). */
interface Case {
  name: string;
  input: string;
  expected: string | null;
  skipped?: 'yaml-errors' | 'unsafe';
}

const CASES: Case[] = [
  {
    name: 'orders a set by the schema (kind, id, name, description, system, seat, extends, include, restrict, grants)',
    input:
      'grants:\n  a.view: all\nrestrict: member\ninclude: [f]\nextends: base\nseat: employee\nsystem: true\ndescription: D\nname: X\nid: x\nkind: PermissionSet\n',
    expected:
      'kind: PermissionSet\nid: x\nname: X\ndescription: D\nsystem: true\nseat: employee\nextends: base\ninclude: [f]\nrestrict: member\ngrants:\n  a.view: all\n',
  },
  {
    name: 'keeps the order of grants (a later wildcard wins a tie: order is meaning)',
    input: 'kind: Fragment\nid: f\ngrants:\n  z.view: all\n  "a.*": own\n  m.view: member\n',
    expected: null,
  },
  {
    name: 'orders a fragment, a guard, a test suite and a catalog by their schemas',
    input:
      'grants: {}\nid: f\nkind: Fragment\n---\nnever: ["a.*"]\napplies_to: { seat: client }\nid: g\nkind: Guard\n---\ncases: []\nname: T\nkind: TestSuite\n---\nareas: {}\nseats: {}\nscopes: {}\nresources: {}\nsubject: { attributes: {} }\nkind: Catalog\n',
    expected:
      'kind: Fragment\nid: f\ngrants: {}\n---\nkind: Guard\nid: g\napplies_to: { seat: client }\nnever: ["a.*"]\n---\nkind: TestSuite\nname: T\ncases: []\n---\nkind: Catalog\nsubject: { attributes: {} }\nresources: {}\nscopes: {}\nseats: {}\nareas: {}\n',
  },
  {
    name: 'orders nested objects the schema describes (a conditional grant: scope, then when)',
    input: 'kind: Fragment\nid: f\ngrants:\n  a.view: { when: resource.x, scope: member }\n',
    expected: 'kind: Fragment\nid: f\ngrants:\n  a.view: { scope: member, when: resource.x }\n',
  },
  {
    name: 'puts unknown keys after the known ones, in their written order',
    input: 'zeta: 1\nid: f\nalpha: 2\nkind: Fragment\ngrants: {}\n',
    expected: 'kind: Fragment\nid: f\ngrants: {}\nzeta: 1\nalpha: 2\n',
  },
  {
    name: "keeps the file's header comment at the top and moves other comments with their keys",
    input: '# header\n# two\nid: x\n# about the kind\nkind: Fragment\ngrants: {} # none yet\n',
    expected: '# header\n# two\n# about the kind\nkind: Fragment\nid: x\ngrants: {} # none yet\n',
  },
  {
    name: 'removes needless quotes, keeps needed ones, and double-quotes keys and patterns with *',
    input:
      "kind: Fragment\nid: 'f'\ngrants:\n  'a.view': \"all\"\n  invoices.*: member\n  b.view: \"true\"\n  c.view: 'it''s'\n  '*': none\n",
    expected:
      'kind: Fragment\nid: f\ngrants:\n  a.view: all\n  "invoices.*": member\n  b.view: "true"\n  c.view: it\'s\n  "*": none\n',
  },
  {
    name: 'indents by two spaces, lists under their key',
    input: 'kind: Guard\nid: g\napplies_to:\n    seat: client\nnever:\n- "a.*"\n-   b.view\n',
    expected: 'kind: Guard\nid: g\napplies_to:\n  seat: client\nnever:\n  - "a.*"\n  - b.view\n',
  },
  {
    name: 'pads flow mappings, not flow lists',
    input:
      'kind: PermissionSet\nid: s\nname: S\nseat: e\ninclude: [ a,b ]\ngrants: {a.view: [ own,{scope: member,when: "resource.owner == subject.id"} ]}\n',
    expected:
      'kind: PermissionSet\nid: s\nname: S\nseat: e\ninclude: [a, b]\ngrants: { a.view: [own, { scope: member, when: resource.owner == subject.id }] }\n',
  },
  {
    name: 'keeps the lines of block scalars, re-indented',
    input:
      'kind: Fragment\nid: f\ndescription: |\n      line one\n        indented\n\n      after blank\ngrants:\n  a.view:\n      scope: member\n      when: >-\n            resource.owner == subject.id\n            and resource.client_access\n',
    expected:
      'kind: Fragment\nid: f\ndescription: |\n  line one\n    indented\n\n  after blank\ngrants:\n  a.view:\n    scope: member\n    when: >-\n      resource.owner == subject.id\n      and resource.client_access\n',
  },
  {
    name: 'keeps the lines of a multi-line plain scalar',
    input: 'kind: Fragment\nid: f\ndescription: first part\n        second part\ngrants: {}\n',
    expected: 'kind: Fragment\nid: f\ndescription: first part\n  second part\ngrants: {}\n',
  },
  {
    name: 'aligns the trailing comments of consecutive lines',
    input:
      'kind: Fragment\nid: f\ngrants:\n  a.view: all # one\n  contacts.custom_fields.view: member # two\n\n  b.view: own      # alone\n',
    expected: `kind: Fragment\nid: f\ngrants:\n${'  a.view: all'.padEnd(38)}# one\n  contacts.custom_fields.view: member # two\n\n  b.view: own # alone\n`,
  },
  {
    name: 'keeps at most one blank line in a row',
    input: 'kind: Fragment\nid: f\n\n\n\ngrants: {}\n',
    expected: 'kind: Fragment\nid: f\n\ngrants: {}\n',
  },
  {
    name: 'keeps numbers as written',
    input:
      'kind: TestSuite\nname: T\ncases:\n  - subject: { set: s, level: 1.50 }\n    permission: a.view\n    expect: allow\n',
    expected: null,
  },
  {
    name: 'keeps anchors and aliases',
    input: 'kind: Fragment\nid: f\ngrants:\n  a.view: &s [own, member]\n  b.view: *s\n',
    expected: null,
  },
  {
    name: 'keeps an escaped invisible character escaped (never writes a raw bidi control)',
    input: 'kind: Fragment\nid: \'f\'\ndescription: "abc\\u202E"\ngrants: {}\n',
    expected: 'kind: Fragment\nid: f\ndescription: "abc\\u202E"\ngrants: {}\n',
  },
  {
    name: 'keeps CRLF line endings',
    input: 'id: x\r\nkind: Fragment\r\ngrants: {}\r\n',
    expected: 'kind: Fragment\r\nid: x\r\ngrants: {}\r\n',
  },
  {
    name: 'keeps a byte order mark',
    input: '\ufeffid: x\nkind: Fragment\ngrants: {}\n',
    expected: '\ufeffkind: Fragment\nid: x\ngrants: {}\n',
  },
  {
    name: 'ends the file with a line break',
    input: 'kind: Fragment\nid: x\ngrants: {}',
    expected: 'kind: Fragment\nid: x\ngrants: {}\n',
  },
  {
    name: 'keeps document markers of a multi-document file',
    input: 'id: a\nkind: Fragment\ngrants: {}\n---\n# b\nid: b\nkind: Fragment\ngrants: {}\n',
    expected: 'kind: Fragment\nid: a\ngrants: {}\n---\n# b\nkind: Fragment\nid: b\ngrants: {}\n',
  },
  { name: 'leaves an empty file alone', input: '', expected: null },
  { name: 'leaves a file of comments alone', input: '# just a comment\n', expected: null },
  {
    name: 'leaves a file with a YAML syntax error alone',
    input: 'id: x\nkind: Fragment\ngrants: [\n',
    expected: null,
    skipped: 'yaml-errors',
  },
  {
    name: 'leaves a file with a tab indentation error alone',
    input: 'kind: Fragment\nid: f\n\tgrants: {}\n',
    expected: null,
    skipped: 'yaml-errors',
  },
  {
    name: 'leaves a file with an unknown tag alone',
    input: 'kind: Fragment\nid: !custom f\ngrants: {}\n',
    expected: null,
    skipped: 'yaml-errors',
  },
  {
    name: 'formats a document of an unknown kind without reordering it',
    input: "zeta: 'a'\nalpha:\n- 1\n",
    expected: 'zeta: a\nalpha:\n  - 1\n',
  },
];

describe('formatPolicyText', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const result = formatPolicyText(c.input);
      const expected = c.expected ?? c.input;
      expect(result.text).toBe(expected);
      expect(result.changed).toBe(expected !== c.input);
      expect(result.skipped).toBe(c.skipped);
      // Idempotent: formatting the result changes nothing.
      expect(formatPolicyText(result.text)).toEqual({
        text: result.text,
        changed: false,
        ...(c.skipped ? { skipped: c.skipped } : {}),
      });
    });
  }
});
