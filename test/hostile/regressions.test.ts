import { describe, expect, it } from 'vitest';
import { loadFile } from '../../packages/compiler/src/load/index.js';
import { mdCode, mdText } from '../../packages/compiler/src/emit/matrix/markdown-escape.js';
import { MemoryFileSystem, type FileSystem } from '../../packages/compiler/src/fs/index.js';
import { WorkspaceSet } from '../../packages/lsp/src/language-service/workspace-set.js';
import { PROJECT, serviceFor, uriOf } from '../lsp/helpers.js';

// Bugs the hostile catalogue found, each pinned where it was fixed.
const FLOW = `kind: Fragment\nid: flow\ngrants: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`;

function withStackUsed(frames: number, fn: () => unknown): unknown {
  return frames === 0 ? fn() : withStackUsed(frames - 1, fn);
}

describe('regressions', () => {
  // packages/compiler/src/load/parse-yaml.ts: a document too deep for the YAML library's
  // recursive composer was reported where the stack happened to run out, so the CLI and the
  // language server (different stacks) disagreed, and a document just deep enough was either
  // dropped or half-checked depending on the caller. Depth is now measured on the syntax tree,
  // without recursion, before composing.
  it('reports nesting too deep at the same place whatever stack the caller has left', () => {
    const problems = (frames: number) =>
      (
        withStackUsed(frames, () => loadFile({ uri: 'flow.yaml', text: FLOW })) as ReturnType<typeof loadFile>
      ).problems.map((p) => [p.code, p.span, p.message]);
    const expected = [
      ['yaml-limit', [232, 233], 'Nesting deeper than 200 levels is not supported; this document is not checked.'],
    ];
    expect(problems(0)).toEqual(expected);
    expect(problems(3_000)).toEqual(expected);
    // A 201-deep document fits any stack and gets the same treatment as a 10,000-deep one.
    const just = loadFile({
      uri: 'd.yaml',
      text: `kind: Fragment\nid: d\ngrants: ${'['.repeat(201)}${']'.repeat(201)}\n`,
    });
    expect(just.problems.map((p) => [p.code, p.span])).toEqual([['yaml-limit', [229, 230]]]);
    expect(just.documents.map((d) => d.root)).toEqual([null]);
  });

  // packages/lsp/src/language-service/policy-workspace.ts: a file the loader refused for a YAML
  // limit has no readable `kind`, so the language server dropped it silently while
  // `permset check` reported it.
  it('the language server reports an alias bomb, as check does', () => {
    const bomb =
      'kind: Fragment\nid: bomb\na: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n';
    const service = serviceFor({ ...PROJECT, 'fragments/bomb.yaml': bomb, 'fragments/flow.yaml': FLOW });
    const ws = service.workspaces.forUri(uriOf('fragments/bomb.yaml'))!;
    const found = (uri: string) =>
      (ws.diagnostics().get(uri) ?? []).map((d) => [
        d.code,
        d.range.start.line,
        d.range.start.character,
        d.range.end.character,
      ]);
    expect(found(uriOf('fragments/bomb.yaml'))).toEqual([['yaml-limit', 0, 0, 1]]);
    expect(found(uriOf('fragments/flow.yaml'))).toEqual([['yaml-limit', 2, 208, 209]]);
  });

  // packages/compiler/src/emit/matrix/markdown-escape.ts: U+2028 and U+2029 (line and
  // paragraph separators) passed through Markdown text and code spans as raw line breaks.
  it('Markdown turns Unicode line and paragraph separators into spaces', () => {
    expect(mdText('a\u2028b\u2029c')).toBe('a b c');
    expect(mdCode('x\u2028y')).toBe('`x y`');
  });
});

// packages/compiler/src/fs/collect-sources.ts and packages/lsp/src/language-service/
// policy-workspace.ts: a huge policy file was read whole into memory before the size limit
// was checked (a 1.5 GiB file cost 1.5 GiB), and the language server kept a scan's problem for
// a file after the file changed. The size is now checked from `stat` before reading (and again
// on what is read), and a re-read replaces what the scan said about the file.
describe('regressions: huge files', () => {
  it('the language server never reads a huge file, and forgets the problem once the file shrinks', () => {
    const small = 'kind: PermissionSet\nid: giant\nname: Giant\nseat: employee\n';
    const base = new MemoryFileSystem(
      Object.fromEntries(
        Object.entries({ ...PROJECT, 'sets/giant.yaml': small }).map(([k, v]) => [`/ws/policies/${k}`, v]),
      ),
    );
    let size = 3 * 2 ** 30;
    let reads = 0;
    const fs: FileSystem = {
      stat: (p) => (p.endsWith('/giant.yaml') ? { kind: 'file', size } : base.stat(p)),
      readDirectory: (p) => base.readDirectory(p),
      readFile: (p) => (p.endsWith('/giant.yaml') ? (reads++, base.readFile(p)) : base.readFile(p)),
      realPath: (p) => base.realPath(p),
    };
    const workspaces = new WorkspaceSet(fs);
    const ws = workspaces.addFolder('file:///ws');
    const uri = uriOf('sets/giant.yaml');
    const giant = () => (ws.diagnostics().get(uri) ?? []).map((d) => `${d.code} ${d.message}`);
    const tooLarge =
      'file-too-large The file is 3072.0 MiB, more than the 2.0 MiB limit for one policy file; it is not checked. Split it into several files.';
    expect(giant()).toEqual([tooLarge]);
    ws.fileChangedOnDisk(uri);
    expect(giant()).toEqual([tooLarge]);
    expect(reads).toBe(0);
    size = small.length;
    ws.fileChangedOnDisk(uri);
    expect(reads).toBe(1);
    expect(giant()).toEqual([]);
    expect(ws.policyFiles()).toContain(uri);
  });
});
