import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildPolicyModel,
  compile,
  type CompileResult,
  type SourceInput,
} from '../../../packages/compiler/src/index.js';
import { formatPolicyText } from '../../../packages/compiler/src/format/index.js';
import { REPO } from '../../helpers/cli.js';
import { catalogText } from '../../helpers/policy-builder.js';

/** What formatting must never change: each file's diagnostic codes, and every set's effective grants. */
function meaning(result: CompileResult): { codes: string[]; grants: Record<string, string[]> } {
  const codes = result.diagnostics.map((d) => `${d.uri} ${d.code}`).sort();
  const grants: Record<string, string[]> = {};
  for (const set of buildPolicyModel(result).sets) {
    grants[set.id] = set.grants.map(
      (g) =>
        `${g.permission}=${g.scopes.map((s) => s.scope + (s.when ? `?${s.when}` : '')).join('|')} from ${g.source.kind}:${g.source.id}`,
    );
  }
  return { codes, grants };
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      continue; // a broken link: the CLI reports it, there is nothing to format
    }
    if (isDir) out.push(...filesUnder(path));
    else if (/\.ya?ml$/.test(name)) out.push(path);
  }
  return out;
}

const PROJECTS = [
  join(REPO, 'policies'),
  ...readdirSync(join(REPO, 'test', 'fixtures', 'check'))
    .map((d) => join(REPO, 'test', 'fixtures', 'check', d, 'policies'))
    .filter((d) => {
      try {
        return statSync(d).isDirectory();
      } catch {
        return false;
      }
    }),
];

describe('formatting keeps meaning', () => {
  for (const project of PROJECTS) {
    it(`${relative(REPO, project)}: same diagnostics codes and effective grants, idempotent`, () => {
      const before: SourceInput[] = [];
      const after: SourceInput[] = [];
      for (const path of filesUnder(project)) {
        const bytes = readFileSync(path);
        const uri = relative(project, path);
        before.push({ uri, bytes });
        const text = new TextDecoder().decode(bytes);
        // Files that are not valid UTF-8 are the CLI's to skip; the formatter sees only text.
        if (!isUtf8(bytes)) {
          after.push({ uri, bytes });
          continue;
        }
        const formatted = formatPolicyText(text);
        expect(
          formatted.skipped === undefined || formatted.skipped === 'yaml-errors',
          `${uri}: ${formatted.skipped}`,
        ).toBe(true);
        expect(formatPolicyText(formatted.text).text, `${uri} is not idempotent`).toBe(formatted.text);
        after.push({ uri, text: formatted.text });
      }
      expect(meaning(compile(after))).toEqual(meaning(compile(before)));
    });
  }
});

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

// --- random documents -----------------------------------------------------------------------

const CATALOG = catalogText({
  subject: { id: 'string', flag: 'boolean' },
  resources: { thing: { attributes: { owner: 'string', members: 'string[]', shared: 'boolean' } } },
  scopes: {
    own: { label: 'Own', when: 'resource.owner == subject.id' },
    member: { label: 'Member', when: 'subject.id in resource.members', includes: ['own'] },
    all: { label: 'All', includes: ['own', 'member'] },
  },
  seats: { employee: { label: 'Employee', paid: true } },
  areas: {
    a: {
      label: 'A',
      resource: 'thing',
      permissions: {
        'a.view': { label: 'View', scopes: ['own', 'member', 'all'] },
        'a.manage': { label: 'Manage', scopes: ['member', 'all'], requires: ['a.view'] },
        'a.export.view': { label: 'Export', scopes: ['all'] },
      },
    },
  },
});

type Style = 'plain' | 'single' | 'double';
const quote = (s: string, style: Style): string =>
  style === 'plain' && !/: |^[[{*&!|>'"%@`#-]/.test(s)
    ? s
    : style === 'single'
      ? `'${s.replace(/'/g, "''")}'`
      : JSON.stringify(s);

/** A permission set written in a random but valid layout: key order, quotes, indentation, flow or block, comments. */
const setText = fc
  .record({
    order: fc.shuffledSubarray(['kind', 'id', 'name', 'description', 'seat', 'restrict', 'grants'], {
      minLength: 7,
      maxLength: 7,
    }),
    styles: fc.array(fc.constantFrom<Style>('plain', 'single', 'double'), { minLength: 12, maxLength: 12 }),
    indent: fc.constantFrom(2, 3, 4),
    flowGrants: fc.boolean(),
    restrict: fc.constantFrom('member', 'own', null),
    grants: fc.uniqueArray(
      fc.record({
        key: fc.constantFrom('a.view', 'a.manage', 'a.export.view', 'a.*', '*'),
        value: fc.constantFrom('all', 'member', 'own', 'none', '[own, member]', 'when'),
      }),
      { selector: (g) => g.key, maxLength: 5 },
    ),
    comments: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
    description: fc.constantFrom(
      'Short.',
      'A longer text: with a colon',
      'multi\n  line text',
      '>-\n  folded text\n  over lines',
    ),
  })
  .map((r) => {
    const pad = ' '.repeat(r.indent);
    let i = 0;
    const q = (s: string) => quote(s, r.styles[i++ % r.styles.length]!);
    const c = (k: number) => (r.comments[k] ? `  # note ${k}` : '');
    const grantValue = (v: string) =>
      v === 'when' ? '{ scope: member, when: resource.shared and subject.flag }' : v === '[own, member]' ? v : q(v);
    const lines: Record<string, string> = {
      kind: `kind: PermissionSet${c(0)}`,
      id: `id: ${q('s1')}${c(1)}`,
      name: `name: ${q('Set one')}`,
      description: r.description.includes('\n')
        ? `description: ${r.description.replace(/\n {2}/g, `\n${pad}`)}`
        : `description: ${q(r.description)}`,
      seat: `seat: ${q('employee')}${c(2)}`,
      restrict: r.restrict ? `restrict: ${q(r.restrict)}` : `# no restrict${c(3)}`,
      grants:
        r.grants.length === 0
          ? 'grants: {}'
          : r.flowGrants
            ? `grants: { ${r.grants.map((g) => `${JSON.stringify(g.key)}: ${grantValue(g.value)}`).join(', ')} }${c(4)}`
            : `grants:${c(5)}\n${r.grants.map((g, k) => `${pad}${g.key.includes('*') ? q(g.key).replace(/^([^'"].*)$/, '"$1"') : q(g.key)}: ${grantValue(g.value)}${c(6 + (k % 2))}`).join('\n')}`,
    };
    return r.order.map((k) => lines[k]).join('\n') + '\n';
  });

describe('formatting random set files', () => {
  it('never skips a valid file, is idempotent, and keeps diagnostics codes and effective grants', () => {
    fc.assert(
      fc.property(setText, (text) => {
        const formatted = formatPolicyText(text);
        expect(formatted.skipped).toBeUndefined();
        expect(formatPolicyText(formatted.text)).toEqual({ text: formatted.text, changed: false });
        const keys = formatted.text.split('\n').flatMap((l) => /^([a-z_]+):/.exec(l)?.[1] ?? []);
        expect(keys).toEqual(
          ['kind', 'id', 'name', 'description', 'seat', 'restrict', 'grants'].filter((k) => keys.includes(k)),
        );
        const project = (t: string) =>
          compile([
            { uri: 'catalog.yaml', text: CATALOG },
            { uri: 's1.yaml', text: t },
          ]);
        expect(meaning(project(formatted.text))).toEqual(meaning(project(text)));
      }),
      { numRuns: 300 },
    );
  });
});
