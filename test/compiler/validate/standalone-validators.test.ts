import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { compile } from '../../../packages/compiler/src/program/index.js';
import { schemaRegistry } from '../../../packages/compiler/src/validate/index.js';
import { toExpected } from '../../helpers/fixtures.js';

const broken = 'kind: PermissionSet\nid: s\nname: S\nseat: employee\ngrants:\n  a.b: [own, 3]\nextra: 1\n';

describe('precompiled (standalone) schema validators', () => {
  it('validate with the same diagnostics as before: unknown key, a wrong item type in a grant', () => {
    const ds = toExpected(compile([{ uri: 'set.yaml', text: broken }]).diagnostics).filter(
      (d) => d.code !== 'missing-catalog',
    );
    expect(ds.map((d) => [d.code, d.range[0], d.range[1]])).toEqual([
      ['schema-type', 5, 13],
      ['schema-unknown-key', 6, 0],
    ]);
  });

  it('has a validator for every kind and for every $defs entry the error mapper may re-validate against', () => {
    const registry = schemaRegistry();
    for (const kind of ['Catalog', 'PermissionSet', 'Fragment', 'Guard', 'TestSuite'] as const)
      expect(typeof registry.validator(kind)).toBe('function');
    expect(registry.validatorAt('https://permset.dev/schemas/v1/common.schema.json#/$defs/grantValue')).toBeTypeOf(
      'function',
    );
    expect(registry.validatorAt('https://permset.dev/schemas/v1/common.schema.json#/$defs/__proto__')).toBeUndefined();
  });

  it('compile with code generation from strings disabled (no eval, no new Function: a strict CSP)', () => {
    const dist = fileURLToPath(new URL('../../../packages/compiler/dist/index.js', import.meta.url));
    const script = `import(${JSON.stringify(dist)}).then((m) => { const r = m.compile([{ uri: 'set.yaml', text: ${JSON.stringify(broken)} }]); console.log(r.diagnostics.map((d) => d.code).join(',')); });`;
    const out = execFileSync(
      process.execPath,
      ['--disallow-code-generation-from-strings', '--input-type=module', '-e', script],
      { encoding: 'utf8' },
    );
    expect(out.trim()).toBe('missing-catalog,schema-type,schema-unknown-key');
  });
});
