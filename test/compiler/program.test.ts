import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Program } from '../../packages/compiler/src/program/index.js';
import { REPO } from '../helpers/cli.js';

const catalog = readFileSync(join(REPO, 'test/fixtures/check/01-clean-project/policies/catalog.yaml'), 'utf8');
const base = 'kind: PermissionSet\nid: base\nname: Base\nseat: employee\ngrants:\n  budgets.view: all\n';
const child = 'kind: PermissionSet\nid: child\nname: Child\nextends: base\ngrants:\n  budgets.profit.view: all\n';

describe('Program (incremental compilation)', () => {
  it('re-loads only the changed file and re-checks the sets that depend on it', () => {
    const program = new Program();
    program.setFile({ uri: 'catalog.yaml', text: catalog });
    program.setFile({ uri: 'base.yaml', text: base });
    program.setFile({ uri: 'child.yaml', text: child });
    expect(program.compile().diagnostics).toEqual([]);
    const catalogTree = program.loaded('catalog.yaml');
    const childTree = program.loaded('child.yaml');

    // Narrowing the base breaks the child's `requires` (closed file, not edited).
    program.setFile({ uri: 'base.yaml', text: base.replace('budgets.view: all', 'budgets.view: member') });
    const after = program.compile();
    expect(program.loaded('catalog.yaml')).toBe(catalogTree);
    expect(program.loaded('child.yaml')).toBe(childTree);
    expect(after.diagnostics.map((d) => [d.uri, d.code, d.range.start.line])).toEqual([['child.yaml', 'requires-missing', 5]]);
  });

  it('caches the result until a file changes, and forgets removed files', () => {
    const program = new Program();
    program.setFile({ uri: 'catalog.yaml', text: catalog });
    program.setFile({ uri: 'child.yaml', text: child });
    const first = program.compile();
    expect(program.compile()).toBe(first);
    expect(first.diagnostics.map((d) => d.code)).toEqual(['unknown-base']);
    program.setFile({ uri: 'base.yaml', text: base });
    expect(program.compile().diagnostics).toEqual([]);
    expect(program.removeFile('base.yaml')).toBe(true);
    expect(program.compile().diagnostics.map((d) => d.code)).toEqual(['unknown-base']);
    expect(program.fileUris()).toEqual(['catalog.yaml', 'child.yaml']);
  });
});
