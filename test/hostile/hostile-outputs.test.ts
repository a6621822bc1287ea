import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { FileSystem } from '../../packages/compiler/src/fs/index.js';
import { MATRIX_DATA_ELEMENT_ID } from '../../packages/compiler/src/emit/matrix/index.js';
import { WorkspaceSet } from '../../packages/lsp/src/language-service/workspace-set.js';
import { importEvaluator, type EvaluatorApi } from '../compiler/emit/evaluator/evaluator-harness.js';
import {
  expectPrototypesUntouched,
  materialize,
  prototypeSnapshot,
  runBuild,
  runCheck,
  workspaceDiagnostics,
} from './hostile-harness.js';

// What the hostile cases produce beyond their diagnostics (hostile-catalogue.test.ts): the
// evaluator built from them, run; the matrix reports, parsed; the messages and the reads of the
// file-system cases.
const PWNED = 'pwned';

afterEach(() => {
  delete (globalThis as Record<string, unknown>)[PWNED];
});

async function built(name: string): Promise<{ files: Map<string, string>; ev: EvaluatorApi }> {
  const c = await materialize(name);
  const before = prototypeSnapshot();
  const build = await runBuild(c);
  expect(build.code, build.stderr).toBe(0);
  const ev = await importEvaluator({ 'evaluator.js': build.files.get('evaluator.js')! });
  expectPrototypesUntouched(before);
  return { files: build.files, ev };
}

describe('prototype names (05-prototype-names)', () => {
  it('are ordinary names to the evaluator: only own attributes count, inherited ones never allow', async () => {
    const { ev } = await built('05-prototype-names');
    const before = prototypeSnapshot();
    const own = (json: string) => JSON.parse(json) as Record<string, unknown>;
    // `constructor` grants via the scope `constructor`: resource.__proto__ == subject.__proto__.
    expect(
      ev.can(
        own('{"id":"u1","set":"constructor","__proto__":"p"}'),
        'constructor.view',
        own('{"type":"constructor","owner":"u2","__proto__":"p"}'),
      ),
    ).toBe(true);
    expect(
      ev.can(
        own('{"id":"u1","set":"constructor","__proto__":"p"}'),
        'constructor.view',
        own('{"type":"constructor","owner":"u2","__proto__":"q"}'),
      ),
    ).toBe(false);
    // Inherited, both sides would be Object.prototype and equal: they are absent instead.
    expect(ev.can({ id: 'u1', set: 'constructor' }, 'constructor.view', { type: 'constructor', owner: 'u2' })).toBe(
      false,
    );
    // `tostring` gets the fragment's grant: own, when resource.toString == subject.toString and context.valueOf > 0.
    expect(
      ev.can(
        { id: 'u1', set: 'tostring', toString: 't' },
        'constructor.view',
        { type: 'constructor', owner: 'u1', toString: 't' },
        { valueOf: 1 },
      ),
    ).toBe(true);
    expect(ev.can({ id: 'u1', set: 'tostring' }, 'constructor.view', { type: 'constructor', owner: 'u1' }, {})).toBe(
      false,
    );
    expect(
      ev.can(
        { id: 'u1', set: 'tostring', toString: 't' },
        'constructor.view',
        { type: 'constructor', owner: 'u1', toString: 't' },
        {},
      ),
    ).toBe(false);
    expect(
      ev.explain({ id: 'u1', set: 'tostring' }, 'constructor.view', { type: 'constructor', owner: 'u1' }, {}).reason,
    ).toBe('conditions-false');
    expect(ev.SET_IDS).toEqual(['constructor', 'tostring']);
    expect(Object.getOwnPropertyDescriptor(ev.SET, 'constructor')?.value).toBe(0);
    expect(ev.SET['__proto__']).toBeUndefined();
    expect(ev.has('tostring', 'constructor.view')).toBe(true);
    expect(ev.has('__proto__', 'constructor.view')).toBe(false);
    expect(ev.can({ id: 'u1', set: 'hasOwnProperty' }, 'constructor.view')).toBe(false);
    expectPrototypesUntouched(before);
  });
});

describe('injection through free text (07-injection-text)', () => {
  it('builds an evaluator that runs none of it and decides on the literals as data', async () => {
    const { ev, files } = await built('07-injection-text');
    expect((globalThis as Record<string, unknown>)[PWNED]).toBeUndefined();
    const payload = "'); globalThis.pwned=1; ('";
    expect(ev.can({ id: 'u1', set: 'writer' }, 'docs.view', { type: 'doc', owner: 'u1' })).toBe(true);
    expect(ev.can({ id: 'u1', set: 'writer' }, 'docs.view', { type: 'doc', owner: payload })).toBe(true);
    expect(ev.can({ id: '</script>', set: 'writer' }, 'docs.view', { type: 'doc', owner: '</script>' })).toBe(false);
    expect(
      ev.can({ id: '`${globalThis.pwned=1}`', set: 'writer' }, 'docs.view', {
        type: 'doc',
        owner: '`${globalThis.pwned=1}`',
      }),
    ).toBe(false);
    expect(
      ev.explain({ id: 'u2', set: 'writer' }, 'docs.view', { type: 'doc', owner: 'u1' }).scopes.map((s) => s.label),
    ).toEqual([payload]);
    expect((globalThis as Record<string, unknown>)[PWNED]).toBeUndefined();
    // Safe to inline: nothing closes a script or starts a comment, no raw line separators.
    expect(files.get('evaluator.js')).not.toMatch(/<\/script|<!--|[\u2028\u2029]/i);
    const policy = JSON.parse(files.get('policy.json')!) as { sets: { name: string; description: string }[] };
    expect(policy.sets[0]).toMatchObject({
      name: `Writer${payload}`,
      description: '<script>globalThis.pwned=1</script>\n${globalThis.pwned=1}',
    });
  });

  it('keeps every string inside the HTML report’s JSON element', async () => {
    const { files } = await built('07-injection-text');
    const html = files.get('matrix.html')!;
    // The page's own two scripts and one style, whatever the data says; no markup from the data.
    expect(html.match(/<script/gi)).toHaveLength(2);
    expect(html.match(/<\/script/gi)).toHaveLength(2);
    expect(html.match(/<\/style/gi)).toHaveLength(1);
    expect(html).not.toMatch(/<img|<!--|[\u2028\u2029]/i);
    const open = `<script type="application/json" id="${MATRIX_DATA_ELEMENT_ID}">`;
    const start = html.indexOf(open) + open.length;
    const json = html.slice(start, html.indexOf('</script>', start));
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(html.replace(json, '')).not.toContain(PWNED);
    expect(JSON.stringify(JSON.parse(json))).toContain("Writer'); globalThis.pwned=1; ('");
  });

  it('renders the Markdown report as text: no tags, headings, rows or line breaks from the data', async () => {
    const { files } = await built('07-injection-text');
    const md = files.get('matrix.md')!;
    expect(md).not.toMatch(/[\u2028\u2029]/);
    expect(md.split('\n').filter((l) => l.startsWith('#'))).toEqual([
      '# Access matrix',
      '## Permission sets',
      '## Matrix',
      '## Conditions',
      '## Provenance',
    ]);
    const ours = /<\/?(br|sub|details|summary)>/g;
    for (const line of md.split('\n')) {
      // Code spans show `<` as is (not markup); a `<details><summary>` line is raw HTML, escaped.
      const prose = line.startsWith('<details>') ? line : line.replace(/\\`/g, '').replace(/(`+)[\s\S]*?\1/g, '');
      expect(prose.replace(ours, ''), line).not.toContain('<');
    }
    const table = md.split('## Matrix\n\n')[1]!.split('\n\n')[0]!.split('\n');
    const cells = (line: string) => line.replace(/\\\\/g, '').replace(/\\\|/g, '').split('|').length - 2;
    expect(table.map(cells)).toEqual(table.map(() => 2));
  });
});

describe('bidi controls (09-bidi-controls)', () => {
  it('stop the build, so no report or evaluator ever shows them', async () => {
    const c = await materialize('09-bidi-controls');
    const build = await runBuild(c);
    expect(build.code).toBe(1);
    expect(build.files.size).toBe(0);
    expect(build.stderr.match(/bidi-control/g)).toHaveLength(5);
    expect(build.stderr).toContain('Invisible bidirectional control character U+202E');
    // The terminal output names the character, it does not print it.
    expect(build.stderr).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
  });
});

describe('file-system cases', () => {
  it('names each link loop (10-symlink-loop) and follows a link to a real file', async () => {
    const c = await materialize('10-symlink-loop');
    const check = await runCheck(c);
    expect(check.messages.filter((m) => m.startsWith('file-unreadable'))).toEqual([
      "file-unreadable policies/ping.yaml Cannot read 'policies/ping.yaml': too many levels of symbolic links.",
      "file-unreadable policies/pong.yaml Cannot read 'policies/pong.yaml': too many levels of symbolic links.",
      "file-unreadable policies/self.yaml Cannot read 'policies/self.yaml': too many levels of symbolic links.",
    ]);
  });

  it('reports unreadable files and folders (11-unreadable-files) as permission denied', async () => {
    const c = await materialize('11-unreadable-files');
    const check = await runCheck(c);
    expect(check.messages).toEqual([
      "file-unreadable policies/locked Cannot read 'policies/locked': permission denied.",
      "file-unreadable policies/sets/secret.yaml Cannot read 'policies/sets/secret.yaml': permission denied.",
    ]);
  });

  it('reads each file once per run, so a file changing meanwhile (12-files-changing) is checked as one version', async () => {
    const c = await materialize('12-files-changing');
    const counting = (): { fs: FileSystem; reads: Map<string, number> } => {
      const inner = c.fileSystem();
      const reads = new Map<string, number>();
      const fs: FileSystem = {
        stat: (p) => inner.stat(p),
        readDirectory: (p) => inner.readDirectory(p),
        realPath: (p) => inner.realPath(p),
        readFile: (p) => {
          const name = p.slice(p.lastIndexOf('/') + 1);
          reads.set(name, (reads.get(name) ?? 0) + 1);
          return inner.readFile(p);
        },
      };
      return { fs, reads };
    };
    const run = counting();
    const check = await runCheck(c, run.fs);
    expect(Object.fromEntries(run.reads)).toEqual({
      'catalog.yaml': 1,
      'flux.yaml': 1,
      'gone.yaml': 1,
      'grown.yaml': 1,
      'reader.yaml': 1,
    });
    expect(check.messages).toEqual([
      "file-unreadable policies/sets/gone.yaml Cannot read 'policies/sets/gone.yaml': it does not exist (a broken link?).",
      // The size is what was read (3 MiB), not what stat said (10 bytes).
      'file-too-large policies/sets/grown.yaml The file is 3.0 MiB, more than the 2.0 MiB limit for one policy file; it is not checked. Split it into several files.',
    ]);

    // The language server reads the file again when told it changed, and reports that version.
    const lsp = counting();
    const ws = new WorkspaceSet(lsp.fs).addFolder(pathToFileURL(c.dir).href);
    ws.fileChangedOnDisk(pathToFileURL(`${c.dir}/policies/sets/flux.yaml`).href);
    expect(lsp.reads.get('flux.yaml')).toBe(2);
    expect(workspaceDiagnostics(c, ws).filter((d) => d.file.endsWith('flux.yaml'))).toEqual([
      { code: 'yaml-syntax', severity: 'error', file: 'policies/sets/flux.yaml', range: [2, 9, 2, 9] },
    ]);
  });
});

describe('the prototype check itself', () => {
  it('notices an added key and a replaced method', () => {
    const before = prototypeSnapshot();
    const proto = Object.prototype as unknown as Record<string, unknown>;
    const noticed = (pollute: () => void, undo: () => void): boolean => {
      pollute();
      // expect() itself calls Object.prototype.toString: decide first, undo, then assert.
      let threw = false;
      try {
        expectPrototypesUntouched(before);
      } catch {
        threw = true;
      } finally {
        undo();
      }
      return threw;
    };
    expect(
      noticed(
        () => (proto['polluted'] = true),
        () => delete proto['polluted'],
      ),
    ).toBe(true);
    const original = Object.prototype.toString;
    expect(
      noticed(
        () => (Object.prototype.toString = () => 'x'),
        () => (Object.prototype.toString = original),
      ),
    ).toBe(true);
    expectPrototypesUntouched(before);
  });
});
