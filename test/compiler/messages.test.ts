import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compile } from '../../packages/compiler/src/program/index.js';
import { REPO } from '../helpers/cli.js';

const catalog = readFileSync(join(REPO, 'test/fixtures/check/07-schema-value/policies/catalog.yaml'), 'utf8');

/** The diagnostics of a project of the shared catalog and `files`, as `file:line:col code message` (1-based, as the CLI prints). */
function messages(files: Record<string, string>, catalogText = catalog): string[] {
  const sources = Object.entries({ 'catalog.yaml': catalogText, ...files }).map(([uri, text]) => ({ uri, text }));
  return compile(sources).diagnostics.map((d) => `${d.uri}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code} ${d.message}`);
}

const set = (body: string, id = 's') => `kind: PermissionSet\nid: ${id}\nname: S\nseat: employee\n${body}`;

describe('messages in words', () => {
  it('an over-long id says the limit and the length', () => {
    const id = `a${'-long'.repeat(26)}`;
    expect(messages({ 'long.yaml': set('', id) })).toEqual(['long.yaml:2:5 schema-value Permission set ids are at most 128 characters; this one has 131.']);
  });
});
