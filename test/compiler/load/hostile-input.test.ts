import { describe, expect, it } from 'vitest';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compile } from '../../../packages/compiler/src/program/index.js';
import { collectSources, MemoryFileSystem, type FileSystem } from '../../../packages/compiler/src/fs/index.js';
import { NodeFileSystem } from '../../../packages/compiler/src/node/index.js';
import { toExpected } from '../../helpers/fixtures.js';
import { tempDir } from '../../helpers/temp-dir.js';

// Inputs too large or too odd to keep as fixture files are generated here; each still asserts
// the exact diagnostic (code and position), a bounded run time is implied by the suite timeout.
const minimalSet = 'kind: PermissionSet\nid: s\nname: S\nseat: employee\n';

function diagnosticsOf(uri: string, text: string) {
  return toExpected(compile([{ uri, text }]).diagnostics).filter((d) => d.code !== 'missing-catalog');
}

describe('hostile input', () => {
  it('rejects 10,000-deep flow nesting with one yaml-limit diagnostic', () => {
    const text = 'kind: Fragment\nid: deep\ngrants: ' + '['.repeat(10_000) + ']'.repeat(10_000) + '\n';
    const ds = diagnosticsOf('deep.yaml', text);
    expect(ds.map((d) => d.code)).toEqual(['yaml-limit']);
    expect(ds[0]!.range[0]).toBe(2);
  });

  it('rejects 10,000-deep block nesting', () => {
    const text = '- '.repeat(10_000) + 'x\n';
    const ds = diagnosticsOf('deep-block.yaml', text);
    expect(ds.map((d) => d.code)).toEqual(['yaml-limit']);
  });

  it('stops nesting that is valid YAML but deeper than the tree limit', () => {
    const text = 'kind: Fragment\nid: deep\ngrants: ' + '['.repeat(300) + ']'.repeat(300) + '\n';
    const ds = diagnosticsOf('deep.yaml', text);
    expect(ds.map((d) => d.code)).toContain('yaml-limit');
  });

  it('reports a 5 MB file as too large without parsing it', () => {
    const text = minimalSet + `description: "${'x'.repeat(5 * 1024 * 1024)}"\n`;
    const t0 = performance.now();
    const ds = diagnosticsOf('huge.yaml', text);
    expect(performance.now() - t0).toBeLessThan(5_000);
    expect(ds).toEqual([{ code: 'file-too-large', severity: 'error', file: 'huge.yaml', range: [0, 0, 0, 0] }]);
  });

  it('handles a 100,000-key grants map', () => {
    let text = minimalSet + 'grants:\n';
    for (let i = 0; i < 100_000; i++) text += `  p.k${i}: all\n`;
    const result = compile([{ uri: 'wide.yaml', text }]);
    // Without a catalog nothing is checked per key: the run is bounded, and it says why.
    expect(result.diagnostics.map((d) => d.code)).toEqual(['missing-catalog']);
  });

  it('never pollutes Object.prototype, whatever the keys', () => {
    const text =
      'kind: PermissionSet\nid: constructor\nname: x\nseat: employee\n__proto__: { polluted: true }\ngrants:\n  __proto__: all\n  constructor: { polluted: yes }\n  toString: all\n';
    const ds = diagnosticsOf('proto.yaml', text);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.hasOwn(Object.prototype, 'polluted')).toBe(false);
    expect(ds.map((d) => `${d.code}@${d.range[0]}:${d.range[1]}`)).toEqual([
      'schema-unknown-key@4:0',
      'schema-value@6:2',
      'schema-missing-key@7:2',
      'schema-unknown-key@7:17',
      'schema-value@8:2',
    ]);
  });

  it('reports an empty directory as a missing catalog on the directory', () => {
    const collected = collectSources(new MemoryFileSystem({ 'policies/readme.txt': 'x' }), 'policies');
    const result = compile(collected.sources, { projectUri: 'policies' });
    expect(toExpected(result.diagnostics)).toEqual([
      { code: 'missing-catalog', severity: 'error', file: 'policies', range: [0, 0, 0, 0] },
    ]);
  });

  it('loads .yaml and .yml in any letter case, and nothing else (docs/language.md, Files and documents)', () => {
    const files = {
      'p/a.yaml': minimalSet,
      'p/B.YAML': minimalSet,
      'p/c.Yml': minimalSet,
      'p/d.yml': minimalSet,
      'p/e.json': '{}',
      'p/f.yaml.bak': minimalSet,
      'p/g.txt': 'x',
    };
    const collected = collectSources(new MemoryFileSystem(files), 'p');
    expect(collected.sources.map((s) => s.uri)).toEqual(['p/B.YAML', 'p/a.yaml', 'p/c.Yml', 'p/d.yml']);
  });

  it('walks a symlink loop once and ends', () => {
    const dir = tempDir('permset-loop-');
    mkdirSync(join(dir, 'sets'));
    writeFileSync(join(dir, 'sets', 's.yaml'), minimalSet);
    symlinkSync(dir, join(dir, 'sets', 'loop'));
    symlinkSync(join(dir, 'missing.yaml'), join(dir, 'broken.yaml'));
    const collected = collectSources(new NodeFileSystem(), dir);
    expect(collected.sources.map((s) => s.uri.slice(dir.length))).toEqual(['/sets/s.yaml']);
    expect(collected.problems.map((p) => [p.code, p.uri.slice(dir.length)])).toEqual([
      ['file-unreadable', '/broken.yaml'],
    ]);
  });

  it('reports unreadable files and folders and checks the rest', () => {
    const base = new MemoryFileSystem({ 'p/a.yaml': minimalSet, 'p/b.yaml': minimalSet, 'p/sub/c.yaml': minimalSet });
    const denied = (path: string) =>
      Object.assign(new Error(`EACCES: permission denied, open '${path}'`), { code: 'EACCES' });
    const fs: FileSystem = {
      stat: (p) => base.stat(p),
      readDirectory: (p) => {
        if (p === 'p/sub') throw denied(p);
        return base.readDirectory(p);
      },
      readFile: (p) => {
        if (p === 'p/b.yaml') throw denied(p);
        return base.readFile(p);
      },
      realPath: (p) => base.realPath(p),
    };
    const collected = collectSources(fs, 'p');
    expect(collected.sources.map((s) => s.uri)).toEqual(['p/a.yaml']);
    expect(collected.problems.map((p) => `${p.code} ${p.uri} ${p.message}`)).toEqual([
      "file-unreadable p/sub Cannot read 'p/sub': permission denied.",
      "file-unreadable p/b.yaml Cannot read 'p/b.yaml': permission denied.",
    ]);
  });

  it('decodes a UTF-8 BOM away so positions match editors', () => {
    const ds = diagnosticsOf('bom.yaml', '\uFEFF' + minimalSet + 'extra: 1\n');
    expect(ds).toEqual([{ code: 'schema-unknown-key', severity: 'error', file: 'bom.yaml', range: [4, 0, 4, 5] }]);
  });

  it('reports invalid UTF-8 at the first bad byte and still checks the file', () => {
    const bytes = new TextEncoder().encode(minimalSet + 'description: "caf');
    const bad = new Uint8Array([...bytes, 0xe9, 0x22, 0x0a, ...new TextEncoder().encode('extra: 1\n')]);
    const result = compile([{ uri: 'latin1.yaml', bytes: bad }]);
    const ds = toExpected(result.diagnostics).filter((d) => d.code !== 'missing-catalog');
    expect(ds).toEqual([
      { code: 'invalid-encoding', severity: 'error', file: 'latin1.yaml', range: [4, 17, 4, 18] },
      { code: 'schema-unknown-key', severity: 'error', file: 'latin1.yaml', range: [5, 0, 5, 5] },
    ]);
  });

  it('survives every truncation of a real policy file', () => {
    const text =
      'kind: PermissionSet\nid: s\nname: "S"\nseat: employee\ninclude: [a]\ngrants:\n  budgets.view: { scope: member, when: "subject.id in resource.members" }\n';
    for (let i = 0; i <= text.length; i++) {
      const result = compile([{ uri: 't.yaml', text: text.slice(0, i) }]);
      for (const d of result.diagnostics) {
        expect(d.range.start.line).toBeGreaterThanOrEqual(0);
        expect(d.range.end.line).toBeLessThanOrEqual(8);
      }
    }
  });
});
