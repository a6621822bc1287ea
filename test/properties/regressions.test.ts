import { describe, expect, it } from 'vitest';
import { SourceFile } from '../../packages/compiler/src/diagnostics/index.js';
import { compileProject } from './build-project.js';

// Shrunk counterexamples of the properties in this folder, kept as fixed cases.
describe('regressions found by the property tests', () => {
  // A YAML error spanning a CRLF break ended between `\r` and `\n`, at character 11 of a
  // 10-character line: not a position an editor can show, and not the range the LF file gets.
  it('a diagnostic range never ends inside a CRLF break', () => {
    const lf =
      "'kind: PermissionSet\nid: set-3\nname: Set set-3\nextends: set-0\ngrants: {}\n---\nkind: PermissionSet\nid: set-4\ngrants:\n  docs.view: [{ scope: all, when: \"subject.id == 'a'\" }]\n";
    const ranges = [lf, lf.replace(/\n/g, '\r\n')].map((text) =>
      compileProject([{ uri: 'policies/sets/set-3.yaml', text }])
        .diagnostics.filter((d) => d.code === 'yaml-syntax')
        .map((d) => d.range),
    );
    expect(ranges[0]).toEqual([{ start: { line: 4, character: 10 }, end: { line: 5, character: 0 } }]);
    expect(ranges[1]).toEqual(ranges[0]);
  });

  it('maps an offset between \\r and \\n to the start of the next line', () => {
    const file = new SourceFile('a.yaml', 'ab\r\ncd');
    expect([0, 2, 3, 4, 6].map((o) => file.positionAt(o))).toEqual([
      { line: 0, character: 0 },
      { line: 0, character: 2 },
      { line: 1, character: 0 },
      { line: 1, character: 0 },
      { line: 1, character: 2 },
    ]);
  });
});
