import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Position } from 'vscode-languageserver';
import { PROJECT, serviceFor, uriOf } from '../helpers.js';

/** Text fragments an edit inserts: YAML pieces, conditions, garbage, huge and deeply nested text. */
const fragment = fc.oneof(
  fc.constantFrom(
    ':',
    ': ',
    '\n',
    '\n  ',
    '- ',
    '[',
    ']',
    '{',
    '}',
    ',',
    '"',
    "'",
    '#',
    '&a ',
    '*a',
    '|\n',
    '>-\n    ',
    '\t',
    '\r\n',
    '\u202e',
    '\ufeff',
    '\u0000',
    '\ud800',
    'kind: PermissionSet\n',
    'kind: Catalog\n',
    '---\n',
    'extends: manager\n',
    'include: [budget-admin, budget-admin]\n',
    'grants:\n  "*": all\n',
    '  budgets.view: { scope: member, when: resource.owner == subject.id and (',
    'when: has(resource.x) or not subject.id in [1, "a"] and',
    'restrict: all\n',
    'seat: client\n',
    'id: base\n',
  ),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.integer({ min: 1, max: 400 }).map((n) => '['.repeat(n)),
  fc.integer({ min: 1, max: 200 }).map((n) => '  '.repeat(n) + '- x\n'),
  fc.integer({ min: 1_000, max: 200_000 }).map((n) => 'a'.repeat(n)),
  fc.integer({ min: 1, max: 300 }).map((n) => '('.repeat(n)),
);

/** An edit of a text: insert at, delete a range, or truncate. Positions are fractions of the length. */
const edit = fc.oneof(
  fc.record({ op: fc.constant('insert' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), text: fragment }),
  fc.record({
    op: fc.constant('delete' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    length: fc.integer({ min: 1, max: 40 }),
  }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
);

function apply(
  text: string,
  e: fc.Arbitrary<unknown> extends never ? never : { op: string; at: number; text?: string; length?: number },
): string {
  const at = Math.floor(e.at * text.length);
  if (e.op === 'insert') return text.slice(0, at) + e.text + text.slice(at);
  if (e.op === 'delete') return text.slice(0, at) + text.slice(at + (e.length ?? 1));
  return text.slice(0, at);
}

/** A position inside a text (line and character clamped to real lines). */
function positionIn(text: string, fraction: number): Position {
  const offset = Math.floor(fraction * text.length);
  const before = text.slice(0, offset);
  const line = before.split(/\r\n|\r|\n/).length - 1;
  const lastBreak = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r'));
  return { line, character: offset - (lastBreak + 1) };
}

/** The lines of a text as LSP counts them. */
function lineLengths(text: string): number[] {
  return text.split(/\r\n|\r|\n/).map((l) => l.length);
}

const FILES = [
  'sets/manager.yaml',
  'sets/base.yaml',
  'sets/client.yaml',
  'catalog.yaml',
  'fragments/budget-admin.yaml',
  'tests/rules.yaml',
];

describe('robustness', () => {
  it('keeps answering every request through thousands of random edits, with every diagnostic inside its file', () => {
    let edits = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...FILES),
        fc.array(edit, { minLength: 5, maxLength: 15 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 2 }),
        (file, steps, probes) => {
          const service = serviceFor();
          const uri = uriOf(file);
          const ws = service.workspaces.forUri(uri)!;
          let text = PROJECT[file]!;
          let version = 1;
          for (const step of steps) {
            text = apply(text, step);
            ws.changeDocument(uri, text, ++version);
            edits++;
            for (const [duri, list] of ws.diagnostics()) {
              const lengths = lineLengths(ws.sourceFile(duri)?.text ?? '');
              for (const d of list) {
                expect(d.range.start.line).toBeGreaterThanOrEqual(0);
                expect(d.range.end.line).toBeLessThan(lengths.length);
                expect(d.range.start.character).toBeLessThanOrEqual(lengths[d.range.start.line]!);
                expect(d.range.end.character).toBeLessThanOrEqual(lengths[d.range.end.line]!);
                expect(d.range.start.line < d.range.end.line || d.range.start.character <= d.range.end.character).toBe(
                  true,
                );
              }
            }
            for (const f of probes) {
              const position = positionIn(text, f);
              service.doHover(uri, position);
              expect(Array.isArray(service.doComplete(uri, position).items)).toBe(true);
              expect(Array.isArray(service.findDefinition(uri, position))).toBe(true);
              expect(Array.isArray(service.findReferences(uri, position, true))).toBe(true);
              service.prepareRename(uri, position);
            }
            expect(Array.isArray(service.documentSymbols(uri))).toBe(true);
            const tokens = service.semanticTokens(uri).data;
            expect(tokens.length % 5).toBe(0);
            expect(tokens.every((n) => Number.isInteger(n) && n >= 0)).toBe(true);
            service.codeLenses(uri);
            service.inlayHints(uri, { start: { line: 0, character: 0 }, end: { line: 100_000, character: 0 } });
            expect(Array.isArray(service.format(uri))).toBe(true);
          }
        },
      ),
      { numRuns: 250 },
    );
    expect(edits).toBeGreaterThan(2000);
  }, 300_000);
});
